from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "reintegra.legal"
    label = "legal"
    verbose_name = "Legal status"
