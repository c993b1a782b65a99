from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "reintegra.children"
    label = "children"
    verbose_name = "Child protection"
