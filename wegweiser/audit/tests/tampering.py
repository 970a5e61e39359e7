"""Test helper: step around the append-only triggers, as someone with direct database access could."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_triggers = importlib.import_module("wegweiser.audit.migrations.0003_append_only_triggers")


@contextmanager
def triggers_disabled() -> Iterator[None]:
    """Drop (SQLite) or disable (PostgreSQL) the append-only triggers for the block, then restore them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in _triggers.SQLITE_DOWN:
                cursor.execute(statement)
        else:
            cursor.execute(f"ALTER TABLE {_triggers.TABLE} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for statement in _triggers.SQLITE_UP:
                    cursor.execute(statement)
            else:
                cursor.execute(f"ALTER TABLE {_triggers.TABLE} ENABLE TRIGGER USER")


def raw(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
