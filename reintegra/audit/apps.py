from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "reintegra.audit"
    label = "audit"
    verbose_name = "Audit"
