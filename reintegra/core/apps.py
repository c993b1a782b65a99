from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "reintegra.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from reintegra.core import checks  # noqa: F401  (registers system checks)
