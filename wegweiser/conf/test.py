"""Settings for the test suite: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses argon2
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="wegweiser-test-docs-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)

# Tests stay independent of each other and of parallel test processes even when REDIS_URL is set (CI's
# PostgreSQL pass): the cache is per process, and tasks run in-process. The Redis worker test
# (tests/test_celery_worker.py) talks to Redis and a real worker explicitly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True

# The browser tests' live server shares one in-memory SQLite connection between threads: serialise requests.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    MIDDLEWARE = ["wegweiser.core.testing.SerialRequestsMiddleware", *MIDDLEWARE]  # noqa: F405
