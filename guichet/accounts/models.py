"""People who sign in, and the Region role they hold."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The longest address SMTP can carry (RFC 5321); forms and the database both hold to it.
EMAIL_MAX_LENGTH = 254


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("region_role", User.RegionRole.ADMIN)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    class RegionRole(models.TextChoices):
        NONE = "", _("aucun")
        MODERATOR = "moderator", _("modérateur ou modératrice de la Région")
        ADMIN = "admin", _("administrateur ou administratrice de la Région")

    email = models.EmailField(_("adresse électronique"), unique=True, max_length=EMAIL_MAX_LENGTH)
    full_name = models.CharField(_("nom complet"), max_length=150, blank=True)
    region_role = models.CharField(
        _("rôle à la Région"), max_length=20, choices=RegionRole.choices, blank=True, default=""
    )
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(
        _("accès à l'administration technique"),
        default=False,
        help_text=_("Donne accès à l'interface d'administration de Django."),
    )
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("utilisateur ou utilisatrice")
        verbose_name_plural = _("utilisateurs et utilisatrices")
        ordering = ["email"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # RFC 5321's 254 characters, held by the database itself: SQLite ignores max_length.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("email"), EMAIL_MAX_LENGTH),
                name="accounts_user_email_at_most_254",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_region_admin(self) -> bool:
        return self.is_active and (self.region_role == self.RegionRole.ADMIN or self.is_superuser)

    @property
    def is_region_moderator(self) -> bool:
        """Moderators and admins both moderate."""
        return self.is_active and (
            self.region_role in {self.RegionRole.MODERATOR, self.RegionRole.ADMIN}
            or self.is_superuser
        )


class PendingRegistration(models.Model):
    """A registration waiting for its e-mail address to be confirmed.

    Nothing of the account or its organisation exists until the link sent to the address is
    followed (``services.registration_confirm``); until then only this record does, with the
    password already hashed. Expired records are deleted by the next registration.
    """

    email = models.EmailField(_("adresse électronique"), max_length=EMAIL_MAX_LENGTH)
    full_name = models.CharField(_("nom complet"), max_length=150)
    password = models.CharField(_("mot de passe (empreinte)"), max_length=128)
    role = models.CharField(_("rôle de l'organisation"), max_length=40)
    organisation = models.JSONField(_("organisation déclarée"), default=dict)
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inscription en attente de confirmation")
        verbose_name_plural = _("inscriptions en attente de confirmation")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("email"), EMAIL_MAX_LENGTH),
                name="accounts_pendingregistration_email_at_most_254",
            ),
        ]

    def __str__(self) -> str:
        return self.email
