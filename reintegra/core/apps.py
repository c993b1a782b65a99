from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "reintegra.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.urls import register_converter

        from reintegra.core import checks  # noqa: F401  (registers system checks)
        from reintegra.core.converters import RecordIdConverter

        # Before any URL pattern is built (the root URLconf is imported after every app is ready).
        register_converter(RecordIdConverter, "id")
