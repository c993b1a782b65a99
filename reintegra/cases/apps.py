from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "reintegra.cases"
    label = "cases"
    verbose_name = "Persons and cases"
