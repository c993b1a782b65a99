from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "reintegra.complaints"
    label = "complaints"
    verbose_name = "Complaints and feedback"
