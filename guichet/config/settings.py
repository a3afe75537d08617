"""Settings of Guichet IA, all read from the environment (see .env.example)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from guichet.config.env import (
    ConfigurationError,
    env_bool,
    env_colour,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("GUICHET_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigurationError(
            "SECRET_KEY is required when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "guichet.web.error_views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    # Bottom layer: reference data and cross-cutting records.
    "guichet.territories",
    "guichet.audit",
    "guichet.accounts",
    "guichet.organisations",
    "guichet.branding",
    "guichet.catalogue",
    "guichet.search",
    # Top layer: public API.
    "guichet.api",
    # Pages shared by every part of the platform.
    "guichet.web",
    "guichet.demo",
    "guichet.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON compressed (static files come compressed from WhiteNoise, above it);
    # Django pads compressed responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "guichet.web.middleware.PermissionsPolicyMiddleware",
    "guichet.web.middleware.FieldLengthLimitMiddleware",
    # Last, so that it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guichet.config.urls"
WSGI_APPLICATION = "guichet.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guichet.branding.context_processors.region",
            ],
        },
    },
]

FORM_RENDERER = "guichet.web.forms.GuichetFormRenderer"

# Database: SQLite (embedded default) unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'guichet.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; the busy timeout makes
        # a second writer wait instead of failing with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            f"PRAGMA busy_timeout={env_int('SQLITE_BUSY_TIMEOUT_MS', 10000, minimum=0)};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_MS", 10000, minimum=0) / 1000,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in attempts while an account or an address is locked out.
    "guichet.accounts.backends.SignInGuardBackend",
    "guichet.accounts.backends.EmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: any Django backend; SMTP in production, console in development.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Guichet IA <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The Region's identity: these values seed the record that Region admins then
# edit from the site (see guichet.branding).
REGION_DEFAULTS = {
    "name": env_str("REGION_NAME", "Région Sud Provence-Alpes-Côte d'Azur"),
    "label_name": env_str("REGION_LABEL_NAME", "Sud IA"),
    "insee_code": env_str("REGION_INSEE_CODE", "93"),
    "primary_colour": env_colour("REGION_PRIMARY_COLOUR", "#0b5394"),
    "secondary_colour": env_colour("REGION_SECONDARY_COLOUR", "#b45309"),
    "contact_email": env_str("REGION_CONTACT_EMAIL", "contact@example.org"),
    # Legal pages (mentions légales, données personnelles): empty shows "à renseigner".
    "postal_address": env_str("REGION_POSTAL_ADDRESS", ""),
    "company_number": env_str("REGION_COMPANY_NUMBER", ""),
    "publication_director": env_str("REGION_PUBLICATION_DIRECTOR", ""),
    "host_name": env_str("REGION_HOST_NAME", ""),
    "host_address": env_str("REGION_HOST_ADDRESS", ""),
    "host_phone": env_str("REGION_HOST_PHONE", ""),
    "dpo_contact": env_str("REGION_DPO_CONTACT", ""),
}

# Address geocoding (national address base API); results are cached in the database.
GEOCODER_URL = env_str("GEOCODER_URL", "https://api-adresse.data.gouv.fr/search/")
GEOCODER_TIMEOUT = env_int("GEOCODER_TIMEOUT", 5, minimum=1)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    },
    # Counters of the form rate limits (guichet.accounts.throttle): they must be shared by
    # every worker process, so files on this machine unless Redis is there.
    "limits": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "limits"),
    },
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }
    CACHES["limits"] = {**CACHES["default"], "KEY_PREFIX": "limits"}

# Security headers: sensible in production, overridable behind a TLS proxy.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind the TLS front end, plain http is sent to https; the demo on http://127.0.0.1 is not.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS_PROXY)
# Browsers only honour HSTS over https, so the one-year default costs the demo nothing.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses, refused to every script (guichet.web.middleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Request size: a form or JSON body over 1 MB is refused before it is parsed (files apart).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000, minimum=10)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=1024)
# Longest value any single form field may hold (characters), whatever the form; forms set
# tighter limits of their own (guichet.web.forms_limits).
FORM_FIELD_MAX_CHARS = env_int("FORM_FIELD_MAX_CHARS", 100_000, minimum=1000)

# Sign-in attempts (django-axes): after SIGN_IN_FAILURE_LIMIT failures for one account, or
# from one address, sign-in is refused for SIGN_IN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "guichet.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "guichet.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "guichet.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Successful sign-ins are not logged (personal data with no use here); failures are.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Proxies in front of the site whose X-Forwarded-For is trusted (0: use the peer address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0)

# Forms that send e-mail (registration, password reset): at most FORM_RATE_LIMIT_PER_IP
# sendings per client address and FORM_RATE_LIMIT_PER_ADDRESS per e-mail address in
# FORM_RATE_LIMIT_WINDOW_MINUTES (guichet.accounts.throttle).
FORM_RATE_LIMITS = {
    "per_ip": env_int("FORM_RATE_LIMIT_PER_IP", 20, minimum=1),
    "per_address": env_int("FORM_RATE_LIMIT_PER_ADDRESS", 3, minimum=1),
    "window_minutes": env_int("FORM_RATE_LIMIT_WINDOW_MINUTES", 60, minimum=1),
}
# How long the link that confirms a registration stays valid.
REGISTRATION_CONFIRM_DAYS = env_int("REGISTRATION_CONFIRM_DAYS", 3, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Public read API (/api/v1/), documented by OpenAPI 3.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Guichet IA",
    "DESCRIPTION": "Données publiques du guichet régional de l'intelligence artificielle.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Search backend: "sqlite" (FTS5, the embedded default) or "postgresql" (full text, french),
# chosen from the database engine unless set.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "")

# Map tiles: any XYZ tile server the Region may use (its own, or a provider's under its terms).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
)

# Content-Security-Policy (django-csp): no inline script anywhere, no third party but the map
# tile server. The only inline <style> (the Region's colours) carries the per-request nonce.
_tile = urlsplit(MAP_TILE_URL)
_tile_origin = [f"{_tile.scheme}://{_tile.netloc}"] if _tile.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *_tile_origin],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
