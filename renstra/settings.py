"""Settings, driven by the environment.

DATABASE_URL (dj-database-url form) picks the database; the default is an SQLite file under
./var/ in WAL mode. RENSTRA_SECRET_KEY must be set when RENSTRA_DEBUG is off outside tests.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("RENSTRA_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("RENSTRA_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get(
    "RENSTRA_SECRET_KEY",
    # A fixed development key keeps the demo one command away; production sets its own.
    "renstra-demo-only-not-for-production-4f1c2b9e7d",
)
ALLOWED_HOSTS = os.environ.get("RENSTRA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    # Bottom to top, as the layers of docs/architecture.md.
    "renstra.plans",
    "renstra.accounts",
    "renstra.checks",
    "renstra.monitoring",
    "renstra.review",
    "renstra.reports",
    "renstra.interchange",
    "renstra.api",
    "renstra.site",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "renstra.plans.history.ChangePathMiddleware",
    "renstra.accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "renstra.site.urls"
WSGI_APPLICATION = "renstra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]


def _database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "renstra.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Makassar"  # WITA, Kota Bontang
USE_I18N = True
# Our own catalogs: Indonesian is the source language (msgids), English is translated.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # amounts are formatted explicitly by renstra.core.numbers

STATIC_URL = "/static/"
# Static files are served by WhiteNoise straight from the apps (no collectstatic step needed);
# set RENSTRA_STATIC_ROOT to serve a collected, compressed set instead.
STATIC_ROOT = os.environ.get("RENSTRA_STATIC_ROOT") or None
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded evidence of realization (bukti dukung): stored under random names, never served as
# static files; downloads go through a view that checks who may read them.
MEDIA_ROOT = Path(os.environ.get("RENSTRA_MEDIA_ROOT", VAR_DIR / "media"))
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {  # extension: (content type, magic bytes at the start, or None for text)
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".csv": ("text/csv", None),
}

LOGIN_URL = "/masuk/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after this many failed attempts for one user name from one address the
# login is refused for LOGIN_LOCK_SECONDS.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCK_SECONDS = 15 * 60
