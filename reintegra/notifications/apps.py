from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "reintegra.notifications"
    label = "notifications"
    verbose_name = "Notifications"
