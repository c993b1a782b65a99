from django.apps import AppConfig


class DebtsConfig(AppConfig):
    name = "reintegra.debts"
    label = "debts"
    verbose_name = "Debts"
