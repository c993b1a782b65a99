from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "reintegra.orgs"
    label = "orgs"
    verbose_name = "Organisations"
