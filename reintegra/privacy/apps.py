from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "reintegra.privacy"
    label = "privacy"
    verbose_name = "Data protection"
