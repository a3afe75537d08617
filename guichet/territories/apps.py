from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "guichet.territories"
    verbose_name = "Territoires"
