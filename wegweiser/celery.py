"""Celery application.

In the quick start (no REDIS_URL) tasks run in-process (``task_always_eager``), so no broker is needed;
in production and in the CI worker test they go through Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wegweiser.conf.dev")

app = Celery("wegweiser")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
