"""/api/v1/: the read API, its OpenAPI 3 document and its documentation page.

Every JSON view here answers its errors in the API's envelope (``guard``): the API's own
viewsets by inheritance, the other apps' views through ``guard.guarded``. The last route
answers, in JSON, any address that is no endpoint.
"""

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers

from guichet.api import views
from guichet.api.guard import ApiView, NotFoundView, guarded
from guichet.search.api import SearchView
from guichet.search.matching_api import MatchView

app_name = "api"


class RootView(ApiView, routers.APIRootView):
    """The list of the endpoints, at /api/v1/."""


class Router(routers.DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("solutions", views.SolutionViewSet, basename="solution")
router.register("trainings", views.TrainingViewSet, basename="training")
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("events", views.EventViewSet, basename="event")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "openapi.json",
        guarded(SpectacularAPIView, renderer_classes=[OpenApiJsonRenderer]),
        name="openapi",
    ),
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN. An HTML page, left as is.
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:openapi", template_name="api/docs.html"),
        name="docs",
    ),
    path("search", guarded(SearchView, checks_dates=True), name="search"),
    path("match", guarded(MatchView), name="match"),
    *router.urls,
    re_path(r"^", NotFoundView.as_view(), name="not_found"),
]
