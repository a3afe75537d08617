from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "guichet.catalogue"
    verbose_name = "Catalogue"
