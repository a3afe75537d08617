from django.urls import path

from guichet.territories import views

app_name = "territories"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("resoudre.json", views.resolve, name="resolve"),
]
