from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "reintegra.followups"
    label = "followups"
    verbose_name = "Follow-up"
