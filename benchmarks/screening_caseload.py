"""Benchmark: screening the whole caseload from the database (the Celery task, run in-process).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/screening_caseload.py
    python benchmarks/screening_caseload.py --persons 5000          # SQLite in a temporary file

On PostgreSQL the script creates the database ``wegweiser_bench_screening`` on the server of DATABASE_URL
if it is missing (``--database-name``), migrates it and seeds N demo persons (default 100 000; skipped if
the same demo data is already there, ``--reseed`` forces it). Then it starts a screening run and executes
the task ``screening.tasks.screen_caseload`` eagerly, and prints: seconds, persons per second, result rows
written, peak memory, and how the time splits into reading the files (export), the rules (evaluate) and
writing the results. Target: 100 000 persons on PostgreSQL in < 60 s. ``--strict``: exit 1 if missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from io import StringIO
from pathlib import Path

import _common
from _common import table

TARGET_SECONDS = 60.0
TARGET_PERSONS = 100_000


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=TARGET_PERSONS, help="demo persons (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo data (default 1)")
    parser.add_argument("--database-name", default="wegweiser_bench_screening",
                        help="database created on the PostgreSQL server of DATABASE_URL")
    parser.add_argument("--reseed", action="store_true", help="seed again even if the same demo data is there")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if the target is missed")
    return parser.parse_args()


def prepare_database(args: argparse.Namespace) -> tuple[str, tempfile.TemporaryDirectory | None]:
    url = os.environ.get("DATABASE_URL", "")
    if not _common.is_postgres(url):
        workdir = tempfile.TemporaryDirectory(prefix="wegweiser-screening-")
        print("Hinweis: Das Ziel gilt für PostgreSQL; gemessen wird hier mit SQLite.")
        return f"sqlite:///{Path(workdir.name) / 'bench.sqlite3'}", workdir
    if _common.create_database(url, args.database_name):
        print(f"Datenbank {args.database_name} angelegt.")
    return _common.with_database_name(url, args.database_name), None


def seed(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from wegweiser.demo.models import DemoDataset
    from wegweiser.persons.models import Person

    call_command("migrate", verbosity=0)
    dataset = DemoDataset.objects.order_by("-created_at").first()
    same = dataset and dataset.seed == args.seed and dataset.persons == args.persons == Person.objects.count()
    if same and not args.reseed:
        print(f"Demodaten vorhanden ({dataset}); Erzeugung übersprungen.")
        return
    print(f"Erzeuge {args.persons} Demo-Personen (Startwert {args.seed}) …", flush=True)
    started = time.perf_counter()
    call_command("seed_demo", persons=args.persons, seed=args.seed, reset=True, stdout=StringIO())
    print(f"Demodaten erzeugt in {time.perf_counter() - started:.0f} s.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def timed(spent: dict[str, float], name: str, fn):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return wrapper


def main() -> int:
    args = parse_args()
    url, workdir = prepare_database(args)
    _common.setup_django(url)
    seed(args)

    from wegweiser.screening.models import RunStatus, ScreeningResult
    from wegweiser.screening.services import runs
    from wegweiser.screening.tasks import screen_caseload

    # where the time goes: the three steps of each chunk, measured around the functions the task calls
    spent: dict[str, float] = defaultdict(float)
    runs.read_chunk = timed(spent, "export", runs.read_chunk)
    runs.evaluate_chunk = timed(spent, "evaluate", runs.evaluate_chunk)
    runs.store_chunk = timed(spent, "write", runs.store_chunk)
    runs._complete = timed(spent, "publish", runs._complete)

    run = runs.create_run(None)
    started = time.perf_counter()
    screen_caseload.apply(args=[run.pk])  # the task itself, in this process
    seconds = time.perf_counter() - started
    run.refresh_from_db()
    if run.status != RunStatus.COMPLETED:
        print(f"Prüflauf abgebrochen: {run.error}")
        return 1
    rows = ScreeningResult.objects.filter(run=run).count()
    met = run.processed >= TARGET_PERSONS and seconds < TARGET_SECONDS
    other = seconds - sum(spent.values())
    print()
    print(table(("Umgebung", ""), _common.environment()))
    print()
    print(table(("Messung", "Wert"), [
        ("Personen", f"{run.processed:,}"),
        ("nicht prüfbar", f"{run.invalid:,}"),
        ("Dauer", f"{seconds:.1f} s"),
        ("Personen je Sekunde", f"{run.processed / seconds:,.0f}"),
        ("Ergebniszeilen geschrieben", f"{rows:,}"),
        ("Spitzenspeicher (RSS)", f"{peak_mb():,.0f} MB"),
        ("  davon Akten lesen (Export)", f"{spent['export']:.1f} s"),
        ("  davon Regeln (evaluate_frame)", f"{spent['evaluate']:.1f} s"),
        ("  davon Ergebnisse schreiben (mit Commit)", f"{spent['write']:.1f} s"),
        ("  davon Veröffentlichen", f"{spent['publish']:.1f} s"),
        ("  Rest (Cursor, Zählungen)", f"{other:.1f} s"),
        (f"Ziel {TARGET_PERSONS:,} Personen < {TARGET_SECONDS:.0f} s",
         "erreicht" if met else ("verfehlt" if run.processed >= TARGET_PERSONS else "nicht gemessen (weniger Personen)")),
    ]))
    if workdir is not None:
        from django.db import connection

        connection.close()
        workdir.cleanup()
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
