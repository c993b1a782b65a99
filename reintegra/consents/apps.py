from django.apps import AppConfig


class ConsentsConfig(AppConfig):
    name = "reintegra.consents"
    label = "consents"
    verbose_name = "Consents"
