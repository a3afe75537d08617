from django.urls import URLPattern, URLResolver, path, register_converter

from guichet.catalogue.manage import moderation, views
from guichet.catalogue.manage.kinds import KindConverter

app_name = "catalogue_manage"

register_converter(KindConverter, "kind")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("moderation/", moderation.review_queue, name="review_queue"),
    path("moderation/<kind:kind>/<int:pk>/", moderation.review, name="review"),
    path(
        "ajouter/<kind:kind>/<slug:organisation>/",
        views.entry_create,
        name="entry_create",
    ),
    path("<kind:kind>/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<kind:kind>/<int:pk>/modifier/", views.entry_edit, name="entry_edit"),
    path("<kind:kind>/<int:pk>/etat/", views.entry_transition, name="entry_transition"),
]
