from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "guichet.web"
    verbose_name = "Pages communes"

    def ready(self) -> None:
        # The catalogue's cached reads (facet counts, home figures) follow the write
        # counter that search keeps; the catalogue may not import search, web may.
        from guichet.catalogue.selectors import use_data_version
        from guichet.search.selectors import data_version

        use_data_version(data_version)
