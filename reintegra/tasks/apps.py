from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "reintegra.tasks"
    label = "tasks"
    verbose_name = "Tasks"
