"""Operational Celery tasks of the core app."""

from __future__ import annotations

from celery import shared_task
from django.db import connection


@shared_task(name="wegweiser.core.tasks.health_check")
def health_check() -> dict[str, str | bool]:
    """Prove that a worker is running and reaches the database; reads nothing personal, writes nothing.

    Operators run it with ``celery -A wegweiser call wegweiser.core.tasks.health_check`` and read the
    result to see which database the worker really uses (a common mistake after a migration).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"ok": one == 1, "vendor": connection.vendor, "database": str(connection.settings_dict["NAME"])}
