"""Settings, driven by the environment (the README's "Pemasangan produksi" lists them).

DATABASE_URL (dj-database-url form) picks the database; the default is an SQLite file under
./var/ in WAL mode.

The secret key is RENSTRA_SECRET_KEY, or else the key in RENSTRA_SECRET_KEY_FILE (default
./var/secret_key), created with a random value on the first start of a one-machine install. Set
RENSTRA_SECRET_KEY_FILE=none (or give the key) on machines that share a database: they must
share the key, and then a missing key stops the start instead of creating one.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("RENSTRA_VAR_DIR", Path.cwd() / "var"))


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("RENSTRA_SECRET_KEY", "").strip()
    if key:
        return key
    path = os.environ.get("RENSTRA_SECRET_KEY_FILE", str(VAR_DIR / "secret_key"))
    if path.lower() == "none":
        raise ImproperlyConfigured(
            "RENSTRA_SECRET_KEY belum diisi. Isi dengan kunci acak minimal 50 karakter yang sama "
            "di setiap mesin, mis. hasil: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: of several workers starting at once, one writes the key, the others read it.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(
            "Kunci rahasia di {} terlalu pendek (minimal 50 karakter).".format(path)
        )
    return key


DEBUG = _flag("RENSTRA_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _list("RENSTRA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _list("RENSTRA_CSRF_TRUSTED_ORIGINS")

# Behind HTTPS (RENSTRA_HTTPS=1): redirect plain HTTP, secure cookies, HSTS. The reverse proxy
# says a request came over HTTPS with X-Forwarded-Proto, trusted only when RENSTRA_HTTPS is on.
HTTPS = _flag("RENSTRA_HTTPS")
SECURE_SSL_REDIRECT = _flag("RENSTRA_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("RENSTRA_SECURE_COOKIES", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("RENSTRA_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("RENSTRA_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = _flag("RENSTRA_HSTS_PRELOAD")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# How many reverse proxies stand in front of the app and append to X-Forwarded-For; 0 (the
# default): the connecting address is the client's. Only these are believed, so a client cannot
# claim another address (and lock out someone else's sign-in).
TRUSTED_PROXY_COUNT = int(os.environ.get("RENSTRA_TRUSTED_PROXY_COUNT", "0"))

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
    "axes",
    # Bottom to top, as the layers of docs/architecture.md.
    "renstra.nomenclature",
    "renstra.plans",
    "renstra.accounts",
    "renstra.checks",
    "renstra.monitoring",
    "renstra.review",
    "renstra.reports",
    "renstra.interchange",
    "renstra.console",
    "renstra.lke",
    "renstra.register",
    "renstra.lkjip",
    "renstra.sakip",
    "renstra.reminders",
    "renstra.api",
    "renstra.site",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
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
    # Last: it answers a refused sign-in (django-axes).
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from this site (no inline script anywhere:
# pages bind behaviour through renstra/static/renstra/app.js), nothing framed, no plugins.
# Inline styles stay allowed: the table renderer sets column widths and Swagger UI styles itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

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
        # A worker keeps its connection (as on PostgreSQL): opening the file and setting the
        # pragmas took 1.8 ms, paid again by every request that read anything.
        "CONN_MAX_AGE": 60,
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
    # First: refuses a locked-out sign-in before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, counted in the database, so every worker and machine sees the
# same count): after LOGIN_MAX_FAILURES failed attempts for one user name from one address that
# pair is refused for LOGIN_LOCK_SECONDS; the same account from another address still signs in.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCK_SECONDS = 15 * 60
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCK_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "renstra.accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "renstra.accounts.views.locked_out"
AXES_VERBOSE = False


# --- Background tasks (renstra.interchange.tasks) ---------------------------------------------
# A workbook import runs as a task of Django's task framework (the django-tasks backport, its
# database backend from django-tasks-db), so that no web request waits for it. RENSTRA_TASKS:
#   database   (the default) tasks are rows in the app's own database (SQLite or PostgreSQL, no
#              other server), run by `renstra worker`; `renstra serve` starts one beside gunicorn.
#   immediate  each task runs inside the request that enqueues it (no worker; a big import is
#              then bound by the web worker's timeout again). The test suite's default: pytest
#              (8.2 and later) sets PYTEST_VERSION for its run, so the suite needs no worker;
#              the tests of the worker itself switch to the database backend.
TASKS_MODE = os.environ.get("RENSTRA_TASKS", "").strip().lower() or (
    "immediate" if os.environ.get("PYTEST_VERSION") else "database"
)
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_MODE not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        "RENSTRA_TASKS harus 'database' atau 'immediate', bukan '{}'.".format(TASKS_MODE)
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_MODE], "QUEUES": ["default"]}}
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]


# --- E-mail (renstra.reminders) ----------------------------------------------------------------
# Reminders are e-mailed through Django's mail: printed to the console (the log of `renstra serve`
# or the worker) unless RENSTRA_EMAIL_HOST names an SMTP server. RENSTRA_BASE_URL
# (https://renstra.example.go.id) makes the links in the mails absolute.
EMAIL_HOST = os.environ.get("RENSTRA_EMAIL_HOST", "").strip()
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("RENSTRA_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("RENSTRA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RENSTRA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("RENSTRA_EMAIL_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("RENSTRA_EMAIL_FROM", "renstra@localhost")
RENSTRA_BASE_URL = os.environ.get("RENSTRA_BASE_URL", "").strip()


# --- PDF engine (renstra.render.renderers.pdf) -------------------------------------------------
# RENSTRA_PDF_ENGINE: typst (the default: an order of magnitude faster on long tables, see
# tests/bench/bench_pdf.py) or weasyprint (the earlier engine, HTML and CSS). Both print the
# same layout, measured by the same code.
PDF_ENGINE = os.environ.get("RENSTRA_PDF_ENGINE", "").strip().lower() or "typst"
if PDF_ENGINE not in ("typst", "weasyprint"):
    raise ImproperlyConfigured(
        "RENSTRA_PDF_ENGINE harus 'typst' atau 'weasyprint', bukan '{}'.".format(PDF_ENGINE)
    )


# --- Cache (renstra.reports.cache) -------------------------------------------------------------
# Tables and whole-plan files of a frozen (submitted or approved) version are cached: the plan's
# content cannot change, and the key carries everything else they print (agency, region,
# signature block, units, language, date). RENSTRA_CACHE_URL:
#   (unset)              files under var/cache, shared by the processes of one machine
#   redis://host:6379/0  a Redis shared by every app server of a province install
#   none                 no cache
# The test suite caches nothing (its tests change frozen versions behind the rules to grow them);
# the tests of the cache turn it on.
_CACHE_URL = os.environ.get("RENSTRA_CACHE_URL", "").strip()
if _CACHE_URL.lower() == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
    }
elif _CACHE_URL:
    raise ImproperlyConfigured(
        "RENSTRA_CACHE_URL harus redis://…, rediss://… atau none, bukan '{}'.".format(_CACHE_URL)
    )
elif os.environ.get("PYTEST_VERSION"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
