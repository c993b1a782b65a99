from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "reintegra.directory"
    label = "directory"
    verbose_name = "Service directory"
