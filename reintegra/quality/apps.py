from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "reintegra.quality"
    label = "quality"
    verbose_name = "Programme quality self-assessment"
