from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "reintegra.plans"
    label = "plans"
    verbose_name = "Reintegration plans"
