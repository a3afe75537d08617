from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "guichet.catalogue"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        # An organisation's page lists its published entries: organisations sits below the
        # catalogue and cannot ask for them, so the catalogue adds the section itself.
        from guichet.catalogue.views.organisation import organisation_entries_section
        from guichet.organisations import page_sections

        page_sections.register("catalogue.entries", organisation_entries_section)
