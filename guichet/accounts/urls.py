from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from guichet.accounts import registration, views
from guichet.accounts.forms import EmailAuthenticationForm, PasswordResetRequestForm

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("inscription/", registration.register, name="register"),
    path("inscription/envoyee/", registration.register_sent, name="register_sent"),
    path(
        "inscription/confirmer/<str:token>/",
        registration.register_confirm,
        name="register_confirm",
    ),
    path("", views.dashboard, name="dashboard"),
    path(
        "mot-de-passe/oubli/",
        views.PasswordResetView.as_view(
            form_class=PasswordResetRequestForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/emails/password_reset.txt",
            subject_template_name="accounts/emails/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/fait/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
