from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "guichet.api"
    verbose_name = "API publique"
