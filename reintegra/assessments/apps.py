from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "reintegra.assessments"
    label = "assessments"
    verbose_name = "Needs assessments"
