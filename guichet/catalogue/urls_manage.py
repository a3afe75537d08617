from django.urls import URLPattern, URLResolver

app_name = "catalogue_manage"

urlpatterns: list[URLPattern | URLResolver] = []
