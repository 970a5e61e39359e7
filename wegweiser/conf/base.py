"""Settings shared by every environment; environment overlays (dev, test, production) import this.

Everything that differs between installations comes from the environment (12-factor), read with
django-environ: DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL, ...
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

from .mail import mailer_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "wegweiser"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where runtime data lives (SQLite file, uploaded documents). Never below the web root.
VAR_DIR = Path(env("WEGWEISER_VAR_DIR", default=str(BASE_DIR / "var")))

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wegweiser.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "wegweiser.core",
    "wegweiser.accounts",
    "wegweiser.audit",
    "wegweiser.persons",
    "wegweiser.facts",
    "wegweiser.documents",
    "wegweiser.notifications",
    "wegweiser.screening",
    "wegweiser.perspectives",
    "wegweiser.goals",
    "wegweiser.printing",
    "wegweiser.caseload",
    "wegweiser.network",
    "wegweiser.consent",
    "wegweiser.counselling",
    "wegweiser.inbox",
    "wegweiser.measures",
    "wegweiser.commission",
    "wegweiser.appointments",
    "wegweiser.api",
    "wegweiser.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wegweiser.accounts.middleware.StaffLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception sees a view's PermissionDenied first; records every 403.
    "wegweiser.audit.middleware.DeniedAccessAuditMiddleware",
]

ROOT_URLCONF = "wegweiser.urls"
WSGI_APPLICATION = "wegweiser.wsgi.application"

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
                "django.template.context_processors.csp",
                "wegweiser.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:logged_out"

# Lockout after repeated failed log-ins (django-axes): 5 failures lock the account for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wegweiser.accounts.views.lockout_response"

# Sessions expire after 30 minutes without activity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Wegweiser")

# Internationalisation: German is the staff language and the source language of our messages.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# Languages of what the person concerned reads (PDF copies, information sheets, later the portal): texts with
# the message context "client" are translated into each of these (scripts/messages.sh). Arabic and Farsi
# are written right to left.
CLIENT_LANGUAGES = [
    ("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("fa", "فارسی"), ("uk", "Українська"),
    ("tr", "Türkçe"), ("ru", "Русский"), ("fr", "Français"),
]
RTL_LANGUAGES = frozenset({"ar", "fa"})
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Front-end packages come from the npm registry at set-up time (package.json); never from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]

# Uploaded documents live outside the web root and are only served through audited views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "documents")))
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Mail goes through Django 6.1's MAILERS (the EMAIL_* settings are deprecated and must not be set).
MAILERS = {"default": mailer_from_url(env("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="wegweiser@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Celery: Redis in production; without REDIS_URL tasks run in-process (quick start).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TRACK_STARTED = True
CELERY_BEAT_SCHEDULE = {
    "verify-audit-chain-nightly": {"task": "wegweiser.audit.tasks.verify_audit_chain", "schedule": 24 * 3600},
    # the whole caseload against the rules, at night when nobody works in the files (crontab: 02:30 local time)
    "screen-caseload-nightly": {"task": "wegweiser.screening.tasks.screen_caseload_nightly",
                                "schedule": crontab(hour=2, minute=30)},
    "goal-reminders-daily": {"task": "wegweiser.goals.tasks.send_goal_reminders", "schedule": 24 * 3600},
    "counselling-follow-ups-daily": {"task": "wegweiser.counselling.tasks.send_follow_up_reminders",
                                     "schedule": 24 * 3600},
    "consent-expiry-reminders-daily": {"task": "wegweiser.consent.tasks.send_expiry_reminders",
                                       "schedule": 24 * 3600},
    "invite-expiring-permits-daily": {"task": "wegweiser.appointments.tasks_invitations.invite_expiring_permits",
                                      "schedule": 24 * 3600},
    "appointment-reminders": {"task": "wegweiser.appointments.tasks.send_reminders", "schedule": 15 * 60},
    "draw-lottery-rounds": {"task": "wegweiser.appointments.tasks_lottery.draw_due_rounds", "schedule": 15 * 60},
    "expire-appointment-offers-hourly": {"task": "wegweiser.appointments.tasks_invitations.expire_offers",
                                         "schedule": 3600},
}
# The address under which the public reaches Wegweiser: links in e-mails and letters sent without a request
# (booking confirmations, reminders, invitations) are built on it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Reverse proxies in front of the application that append the client's address to X-Forwarded-For (the
# booking rate limit counts per client address). 0: clients connect directly.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Staff are reminded once when a valid consent ends within this many days (wegweiser.consent.reminders).
CONSENT_EXPIRY_REMINDER_DAYS = env.int("CONSENT_EXPIRY_REMINDER_DAYS", default=14)
# A screening run whose worker has not answered for this many minutes counts as failed (and can be resumed).
SCREENING_STALE_MINUTES = env.int("SCREENING_STALE_MINUTES", default=30)

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["wegweiser.api.permissions.VerifiedStaff"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wegweiser API",
    "DESCRIPTION": "Case file API of Wegweiser. Every call is permission-checked and audit-logged.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Content Security Policy (Django's built-in CSP): no inline scripts, everything from our own origin.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The office this installation serves (shown in the header and on letters).
OFFICE_NAME = env("WEGWEISER_OFFICE_NAME", default="Ausländerbehörde")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Lockout is per account on purpose: office staff often share one public IP address, and locking by IP
# would lock out a whole office. Password guessing across accounts is slowed by the second factor.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
