from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "guichet.audit"
    verbose_name = "Journal des modifications"
