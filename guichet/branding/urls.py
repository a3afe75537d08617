from django.urls import path

app_name = "branding"

urlpatterns: list = []
