from django.urls import URLPattern, URLResolver, path

from guichet.catalogue.views import details, lists, map

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = [
    path("solutions/", lists.entry_list, {"kind": "solutions"}, name="solution_list"),
    path(
        "solutions/<slug:slug>/",
        details.entry_detail,
        {"kind": "solutions"},
        name="solution_detail",
    ),
    path("formations/", lists.entry_list, {"kind": "trainings"}, name="training_list"),
    path(
        "formations/<slug:slug>/",
        details.entry_detail,
        {"kind": "trainings"},
        name="training_detail",
    ),
    path("dispositifs/", lists.entry_list, {"kind": "schemes"}, name="scheme_list"),
    path(
        "dispositifs/<slug:slug>/",
        details.entry_detail,
        {"kind": "schemes"},
        name="scheme_detail",
    ),
    path("evenements/", lists.entry_list, {"kind": "events"}, name="event_list"),
    path("evenements/<slug:slug>/", details.entry_detail, {"kind": "events"}, name="event_detail"),
    path("lieux/", lists.entry_list, {"kind": "places"}, name="place_list"),
    path("lieux/<slug:slug>/", details.entry_detail, {"kind": "places"}, name="place_detail"),
    path("carte/", map.map_page, name="map"),
    path("carte/points.json", map.map_points, name="map_points"),
]
