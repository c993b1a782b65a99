from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "reintegra.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes"
