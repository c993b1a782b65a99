from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "reintegra.safety"
    label = "safety"
    verbose_name = "Safety and security"
