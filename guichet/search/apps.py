from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "guichet.search"
    verbose_name = "Recherche et mise en relation"
