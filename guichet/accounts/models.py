"""People who sign in, and the Region role they hold."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    email = models.EmailField(_("adresse électronique"), unique=True)
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
