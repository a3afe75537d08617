from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

handler400 = "guichet.web.error_views.bad_request"
handler403 = "guichet.web.error_views.permission_denied"
handler404 = "guichet.web.error_views.page_not_found"
handler500 = "guichet.web.error_views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("guichet.web.urls")),
    path("", include("guichet.catalogue.urls")),
    path("", include("guichet.search.urls")),
    path("espace/", include("guichet.catalogue.urls_manage")),
    path("api/v1/", include("guichet.api.urls")),
    path("compte/", include("guichet.accounts.urls")),
    path("organisations/", include("guichet.organisations.urls")),
    path("region/", include("guichet.branding.urls")),
    path("territoires/", include("guichet.territories.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
