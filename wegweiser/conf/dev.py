"""Quick start on one machine: SQLite, tasks in-process, debug pages, demo-friendly defaults."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-3b1f0d6e8a7c"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)
