"""/api/v1/: the read API, its OpenAPI 3 document and its documentation page."""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from guichet.api import views
from guichet.search.api import SearchView
from guichet.search.matching_api import MatchView

app_name = "api"

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("solutions", views.SolutionViewSet, basename="solution")
router.register("trainings", views.TrainingViewSet, basename="training")
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("events", views.EventViewSet, basename="event")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "openapi.json",
        SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer]),
        name="openapi",
    ),
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN.
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:openapi", template_name="api/docs.html"),
        name="docs",
    ),
    path("search", SearchView.as_view(), name="search"),
    path("match", MatchView.as_view(), name="match"),
    *router.urls,
]
