from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "reintegra.family"
    label = "family"
    verbose_name = "Family and dependants"
