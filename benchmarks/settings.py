"""Settings for the benchmarks: the development settings, but with DEBUG off as in production.

DEBUG changes what is measured (Django keeps every SQL query in memory and renders debug pages), so the
benchmarks run without it. The database comes from DATABASE_URL, which the benchmark scripts set to their
own database (never the one the application uses).
"""

from wegweiser.conf.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
