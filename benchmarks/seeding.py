"""Benchmark: how long ``seed_demo`` takes for 100 000 persons, on SQLite or PostgreSQL.

    python benchmarks/seeding.py                       # SQLite, in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x python benchmarks/seeding.py --postgres

Starts from an empty, freshly migrated database each time: a temporary SQLite file, or on PostgreSQL the
dedicated database ``wegweiser_seedtime`` (dropped and created again by this script, never any other).
Prints the time, persons per second and the number of rows written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

import _common
from _common import table


class _Tee(StringIO):
    """Shows the command's progress lines while keeping them."""

    def write(self, text: str) -> int:
        sys.stdout.write(text)
        sys.stdout.flush()
        return super().write(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="measure on the PostgreSQL server of DATABASE_URL")
    parser.add_argument("--database-name", default="wegweiser_seedtime",
                        help="PostgreSQL database dropped and created for the run (default wegweiser_seedtime)")
    args = parser.parse_args()

    workdir = None
    if args.postgres:
        url = os.environ.get("DATABASE_URL", "")
        if not _common.is_postgres(url):
            sys.exit("--postgres braucht DATABASE_URL=postgres://…")
        _common.create_database(url, args.database_name, drop_first=True)
        url = _common.with_database_name(url, args.database_name)
    else:
        workdir = tempfile.TemporaryDirectory(prefix="wegweiser-seedtime-")
        url = f"sqlite:///{Path(workdir.name) / 'demo.sqlite3'}"
    _common.setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", persons=args.persons, seed=args.seed, stdout=_Tee())
    seconds = time.perf_counter() - started

    from wegweiser.demo.models import DemoDataset

    dataset = DemoDataset.objects.get()
    rows = sum(dataset.counts.values())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        else:
            size = Path(connection.settings_dict["NAME"]).stat().st_size
    print()
    print(table(("Umgebung", ""), _common.environment() + [
        ("Personen", str(dataset.persons)),
        ("Datensätze insgesamt", str(rows)),
        ("Dauer seed_demo", f"{seconds:.1f} s"),
        ("Personen je Sekunde", f"{dataset.persons / seconds:.0f}"),
        ("Größe der Datenbank", f"{size / 1024 / 1024:.0f} MB"),
    ]))
    connection.close()
    if workdir is not None:
        workdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
