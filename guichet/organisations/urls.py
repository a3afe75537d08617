from django.urls import path

from guichet.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("journal/", views.audit_log, name="audit_log"),
    path("a-valider/", views.moderation_queue, name="moderation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/modifier/", views.organisation_edit, name="edit"),
    path("<slug:slug>/historique/", views.organisation_history, name="history"),
]
