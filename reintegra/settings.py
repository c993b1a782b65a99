"""The one settings module. Every deployment-specific value comes from the environment.

A `.env` file at the repository root (never committed) is read first, so `make demo` can write
freshly generated keys there. Production deployments should set real environment variables or
point REINTEGRA_KEY_FILE at a file outside the repository.
"""

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
if not os.environ.get("REINTEGRA_SKIP_DOTENV"):
    load_dotenv(BASE_DIR / ".env", override=False)


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see .env.example).")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Demo mode relaxes the second factor so that the printed demo logins work without an
# authenticator app. Every page then shows a warning banner, and startup prints one too.
DEMO_MODE = env_bool("REINTEGRA_DEMO_MODE")
REQUIRE_MFA = not DEMO_MODE

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "ninja",
    "reintegra.core",
    "reintegra.orgs",
    "reintegra.accounts",
    "reintegra.audit",
    "reintegra.cases",
    "reintegra.assessments",
    "reintegra.consents",
    "reintegra.plans",
    "reintegra.family",
    "reintegra.followups",
    "reintegra.outcomes",
    "reintegra.debts",
    "reintegra.tasks",
    "reintegra.supervision",
    "reintegra.directory",
    "reintegra.referrals",
    "reintegra.notifications",
    "reintegra.exchange",
    "reintegra.legal",
    "reintegra.safety",
    "reintegra.children",
    "reintegra.documents",
    "reintegra.reports",
    "reintegra.complaints",
    "reintegra.quality",
    "reintegra.privacy",
    "reintegra.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reintegra.core.problems.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reintegra.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "reintegra.core.middleware.PublicPageRateLimitMiddleware",
    "reintegra.accounts.middleware.RequireSecondFactorMiddleware",
    "reintegra.accounts.middleware.OrganisationTimeZoneMiddleware",
    "reintegra.audit.middleware.RequestContextMiddleware",
    "reintegra.core.middleware.NoStoreMiddleware",
]
# Before any other: a body too large for its address is refused before anything reads it.
MIDDLEWARE.insert(1, "reintegra.core.middleware.BodySizeMiddleware")

ROOT_URLCONF = "reintegra.urls"
WSGI_APPLICATION = "reintegra.wsgi.application"

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
                "reintegra.core.context_processors.reintegra",
                "reintegra.notifications.context_processors.notifications",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        name = unquote(parsed.path)
        # sqlite:///relative/path is relative to the repository; sqlite:////abs is absolute.
        path = Path(name[1:]) if name.startswith("//") else BASE_DIR / name.lstrip("/")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            "TEST": {"NAME": str(path.with_name(path.stem + "-test.sqlite3"))},
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": unquote(parsed.hostname or ""),
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            # A kept connection is checked before a request reuses it: after PostgreSQL restarts
            # or fails over, the next request reconnects instead of failing on a dead connection.
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"Unsupported DATABASE_URL scheme: {parsed.scheme!r}")


DATABASES = {"default": database_from_url(env("DATABASE_URL", "sqlite:///var/reintegra.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache, so that sign-in rate limits (the lockout) hold across server processes.
# Nothing identifiable is ever put in it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "reintegra_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cases:caseload"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: accounts are created by organisation administrators, never by sign-up.
ACCOUNT_ADAPTER = "reintegra.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Lockout: after five failed sign-ins for one account within fifteen minutes (a password, or a
# second-factor code, which allauth counts under the same action), that account is refused until
# the window passes, from any address. An address is locked only after many more failures, as
# an office shares one address: one person's typos must not lock out their colleagues, but one
# machine trying many accounts is stopped. The address is the real client's (client_ip).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/15m/key,60/15m/ip",
    # Every sign-in, right or wrong, per address: high enough for an office arriving at nine.
    "login": "120/m/ip",
    "reset_password": "5/h/ip,3/h/key",
    # The live duplicate check at registration (cases.views.check_duplicates) and the API's.
    "duplicate_check": "30/10m/user",
}
MFA_ADAPTER = "reintegra.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Reintegra"
MFA_RECOVERY_CODE_COUNT = 10

# Idle timeout: the session ends after this many seconds without a request. Its expiry is moved
# forward by accounts.middleware.IdleTimeoutMiddleware at most once a minute, not on every request.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_SECONDS", "1800"))
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and not DEMO_MODE)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only, in production: browsers are told never to use plain HTTP for a year (HSTS), and a
# plain request is redirected. Both follow SECURE_COOKIES unless set; behind a proxy that ends
# TLS, set SECURE_PROXY_SSL_HEADER too, or every request looks plain and is redirected forever.
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if SECURE_COOKIES else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Asking browsers to preload HTTPS commits every name under the domain for years: the domain's
# owner decides (SECURE_HSTS_PRELOAD=1); until then the deployment check does not ask for it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
# The health check answers the proxy or monitor on loopback, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/database/$"]

# A strict Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "en"
# Only languages with a complete translation are offered.
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# The address people use to reach this server, for links printed outside a request (invitations).
# Without it, the local server `make demo PORT=...` runs (make passes PORT on).
REINTEGRA_BASE_URL = env("REINTEGRA_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")

# Reminders (reintegra.notifications). A provider that has not answered a referral within this
# many days is reminded, and so is the sender; again after as many days, while it stays unanswered.
REINTEGRA_REFERRAL_ANSWER_DAYS = int(env("REINTEGRA_REFERRAL_ANSWER_DAYS", "5"))
# The reminder job runs on the task worker (`manage.py db_worker`) every this many minutes; it is
# idempotent, so a deployment may instead run `manage.py send_reminders` from its own scheduler.
REINTEGRA_REMINDER_INTERVAL_MINUTES = int(env("REINTEGRA_REMINDER_INTERVAL_MINUTES", "15"))
if REINTEGRA_REFERRAL_ANSWER_DAYS < 1 or REINTEGRA_REMINDER_INTERVAL_MINUTES < 1:
    raise ImproperlyConfigured("REINTEGRA_REFERRAL_ANSWER_DAYS and REINTEGRA_REMINDER_INTERVAL_MINUTES are 1 or more.")
# Legal status (reintegra.legal): the worker is reminded this many days before a deadline (and
# again when it is missed), and a renewable permit's renewal falls due this many days before it
# expires, time an office needs to decide before the permit lapses.
REINTEGRA_LEGAL_REMINDER_DAYS = int(env("REINTEGRA_LEGAL_REMINDER_DAYS", "14"))
REINTEGRA_PERMIT_RENEWAL_LEAD_DAYS = int(env("REINTEGRA_PERMIT_RENEWAL_LEAD_DAYS", "60"))
# Legal proceedings: a safety reassessment falls due this many days before each hearing, and the
# page flags a proceeding once the person has been interviewed this many times.
REINTEGRA_SAFETY_BEFORE_HEARING_DAYS = int(env("REINTEGRA_SAFETY_BEFORE_HEARING_DAYS", "7"))
REINTEGRA_REPEATED_INTERVIEWS = int(env("REINTEGRA_REPEATED_INTERVIEWS", "3"))
if REINTEGRA_SAFETY_BEFORE_HEARING_DAYS < 0 or REINTEGRA_REPEATED_INTERVIEWS < 2:
    raise ImproperlyConfigured(
        "REINTEGRA_SAFETY_BEFORE_HEARING_DAYS is 0 or more; REINTEGRA_REPEATED_INTERVIEWS 2 or more."
    )
if REINTEGRA_LEGAL_REMINDER_DAYS < 0 or REINTEGRA_PERMIT_RENEWAL_LEAD_DAYS < 0:
    raise ImproperlyConfigured("REINTEGRA_LEGAL_REMINDER_DAYS and REINTEGRA_PERMIT_RENEWAL_LEAD_DAYS are 0 or more.")
# Documents (reintegra.documents): the largest scan taken, in bytes. The documents page reads a
# scan with its own upload handler, in memory and no further than this, so it never lies on disk
# in clear. No form of ours takes more than one file: Django's 100 files a request is far too many.
REINTEGRA_ATTACHMENT_MAX_BYTES = int(env("REINTEGRA_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))
if not 1024 <= REINTEGRA_ATTACHMENT_MAX_BYTES <= 50 * 1024 * 1024:
    raise ImproperlyConfigured("REINTEGRA_ATTACHMENT_MAX_BYTES is between 1024 and 52428800 (50 MB).")
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# Monitoring reports (reintegra.reports): a count of 1 to this many minus one persons is published
# as "<k", with further figures hidden so that it cannot be worked out. 10 is the Counter-
# Trafficking Data Collaborative's choice; below 3 a "<k" could only mean one value.
# Retention (privacy.retention): how long identifiable data outlives its purpose.
REINTEGRA_RETENTION_YEARS = int(env("REINTEGRA_RETENTION_YEARS", "7"))
REINTEGRA_RETENTION_COMPLAINT_YEARS = int(env("REINTEGRA_RETENTION_COMPLAINT_YEARS", "3"))
REINTEGRA_RETENTION_SEARCH_DAYS = int(env("REINTEGRA_RETENTION_SEARCH_DAYS", "365"))
REINTEGRA_RETENTION_IMPORT_REPORT_DAYS = int(env("REINTEGRA_RETENTION_IMPORT_REPORT_DAYS", "90"))
if min(REINTEGRA_RETENTION_YEARS, REINTEGRA_RETENTION_COMPLAINT_YEARS) < 1:
    raise ImproperlyConfigured("Retention periods in years are 1 or more.")
if min(REINTEGRA_RETENTION_SEARCH_DAYS, REINTEGRA_RETENTION_IMPORT_REPORT_DAYS) < 1:
    raise ImproperlyConfigured("Retention periods in days are 1 or more.")
REINTEGRA_REPORT_MIN_CELL = int(env("REINTEGRA_REPORT_MIN_CELL", "10"))
if REINTEGRA_REPORT_MIN_CELL < 3:
    raise ImproperlyConfigured("REINTEGRA_REPORT_MIN_CELL is 3 or more.")
# Bulk import of case records (reintegra.exchange): the largest file taken at once, read in memory
# like a scan, and the most rows in it. 100,000 synthetic cases exported in the standard's
# columns take 45 MB (the benchmark's file); 80 MB leaves room for fuller records.
REINTEGRA_IMPORT_MAX_BYTES = int(env("REINTEGRA_IMPORT_MAX_BYTES", str(80 * 1000 * 1000)))
REINTEGRA_IMPORT_MAX_ROWS = int(env("REINTEGRA_IMPORT_MAX_ROWS", "100000"))
if not 1000 <= REINTEGRA_IMPORT_MAX_BYTES <= 200 * 1000 * 1000 or REINTEGRA_IMPORT_MAX_ROWS < 1:
    raise ImproperlyConfigured(
        "REINTEGRA_IMPORT_MAX_BYTES is between 1000 and 200000000; REINTEGRA_IMPORT_MAX_ROWS 1 or more."
    )
# Django reads request bodies up to this size; core.middleware.BodySizeMiddleware keeps every
# address but the uploads (a file of records in the API's base64 JSON is the largest) to
# Django's ordinary 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = (REINTEGRA_IMPORT_MAX_BYTES + 2) // 3 * 4 + 1_000_000
# Children (reintegra.children): every care placement is reviewed at least this often, the
# child's right to a periodic review of where and how they are cared for.
REINTEGRA_PLACEMENT_REVIEW_MONTHS = int(env("REINTEGRA_PLACEMENT_REVIEW_MONTHS", "3"))
# The responsible worker is reminded this many days before a placement review, a determination's
# review or an 18th birthday, and again once the date has passed with nothing recorded.
REINTEGRA_CHILD_REMINDER_DAYS = int(env("REINTEGRA_CHILD_REMINDER_DAYS", "14"))
if not 1 <= REINTEGRA_PLACEMENT_REVIEW_MONTHS <= 12 or REINTEGRA_CHILD_REMINDER_DAYS < 0:
    raise ImproperlyConfigured(
        "REINTEGRA_PLACEMENT_REVIEW_MONTHS is between 1 and 12; REINTEGRA_CHILD_REMINDER_DAYS 0 or more."
    )
# Jobs are kept in the application's own database, so SQLite and PostgreSQL both work unchanged.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Mail (password resets, reminders): printed to the console unless an SMTP server is named. In production
# set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the server below; use TLS
# whenever the server is not on this machine.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "reintegra@localhost")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10

# Keys for field encryption, blind indexes and the audit chain. They are read from the
# environment, or from the file named by REINTEGRA_KEY_FILE, and never stored in the database.
REINTEGRA_KEY_FILE = env("REINTEGRA_KEY_FILE", "")
# Backups are sealed to this public key; its secret half is kept offline (manage.py backup).
REINTEGRA_BACKUP_PUBLIC_KEY = env("REINTEGRA_BACKUP_PUBLIC_KEY", "")

# The number of the network proxies in front of the application, for the client address
# recorded in the access log and counted by the sign-in lockout (reintegra.core.http.client_ip).
REINTEGRA_TRUSTED_PROXIES = int(env("REINTEGRA_TRUSTED_PROXIES", "0"))

# Requests one API token may make; beyond it, 429 with Retry-After (accounts.api.TokenRateThrottle).
REINTEGRA_API_RATE = env("REINTEGRA_API_RATE", "300/m")
# Pages an address may ask for in a clock minute without signing in (core.middleware).
REINTEGRA_PUBLIC_PAGES_PER_MINUTE = int(env("REINTEGRA_PUBLIC_PAGES_PER_MINUTE", "300"))
# Complaints filed, and reference codes looked up, from one address in an hour on the public pages:
# enough for a family filing together, too few to flood officers or guess codes.
REINTEGRA_COMPLAINTS_PER_HOUR = int(env("REINTEGRA_COMPLAINTS_PER_HOUR", "5"))
REINTEGRA_COMPLAINT_LOOKUPS_PER_HOUR = int(env("REINTEGRA_COMPLAINT_LOOKUPS_PER_HOUR", "20"))
# Working days (of the organisation's country) to acknowledge a complaint, and to answer it.
REINTEGRA_COMPLAINT_ACKNOWLEDGE_DAYS = int(env("REINTEGRA_COMPLAINT_ACKNOWLEDGE_DAYS", "5"))
REINTEGRA_COMPLAINT_ANSWER_DAYS = int(env("REINTEGRA_COMPLAINT_ANSWER_DAYS", "20"))
if not 1 <= REINTEGRA_COMPLAINT_ACKNOWLEDGE_DAYS <= REINTEGRA_COMPLAINT_ANSWER_DAYS:
    raise ImproperlyConfigured("A complaint is acknowledged within 1 working day or more, and before it is answered.")


# One JSON object a line in production, for a log collector to read field by field; plain text
# for a developer or a demo. Log messages name records by id, never a person: a test reads the
# logs of the whole suite for the test persons' identifiers (tests/test_logs.py).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG or DEMO_MODE else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT is json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr, "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
