from django.urls import URLPattern, URLResolver, path

from guichet.search import matching_views, views

app_name = "search"

urlpatterns: list[URLPattern | URLResolver] = [
    path("recherche/", views.search_page, name="results"),
    path("trouver-de-l-aide/", matching_views.match_page, name="match"),
]
