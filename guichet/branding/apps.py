from django.apps import AppConfig


class BrandingConfig(AppConfig):
    name = "guichet.branding"
    verbose_name = "Identité de la Région"
