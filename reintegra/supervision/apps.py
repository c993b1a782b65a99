from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "reintegra.supervision"
    label = "supervision"
    verbose_name = "Supervision"
