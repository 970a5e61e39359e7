"""What the benchmark scripts share: their own database, Django set-up, percentiles and tables."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: p95 target for the person search and the person overview page (milliseconds).
TARGET_P95_MS = 150.0


def with_database_name(url: str, name: str) -> str:
    """The same PostgreSQL server and credentials, another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "postgis")


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost", port=parts.port or 5432, user=parts.username or None,
        password=parts.password or None, dbname="postgres", autocommit=True,
    )


def create_database(url: str, name: str, *, drop_first: bool = False) -> bool:
    """Create the benchmark database if it is missing; True if it was created."""
    from psycopg import sql

    with _admin_connection(url) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop_first:
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            exists = None
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def setup_django(database_url: str) -> None:
    """Point Django at ``database_url`` with the benchmark settings and set it up."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: a value that was actually measured)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: bool = False) -> str:
    """A plain-text table; with ``numeric`` every column but the first is right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(
            c.rjust(w) if numeric and column else c.ljust(w)
            for column, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def environment() -> list[tuple[str, str]]:
    """Facts about the machine and stack, printed with the figures so they can be compared."""
    import platform

    import django
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db_version = "PostgreSQL " + cursor.fetchone()[0]
        elif connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            db_version = "SQLite " + cursor.fetchone()[0]
        else:
            db_version = connection.vendor
    return [
        ("CPU-Kerne", str(os.cpu_count())),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("Datenbank", f"{db_version} ({connection.settings_dict.get('NAME')})"),
        ("DEBUG", str(settings.DEBUG)),
    ]
