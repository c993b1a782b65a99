from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "reintegra.documents"
    label = "documents"
    verbose_name = "Documents"
