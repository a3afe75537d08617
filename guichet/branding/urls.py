from django.urls import path

from guichet.branding import views

app_name = "branding"

urlpatterns = [
    path("identite/", views.identity_edit, name="edit"),
    path("logo/", views.logo, name="logo"),
]
