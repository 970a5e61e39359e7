"""``manage.py screen_caseload [--as-of YYYY-MM-DD] [--resume RUN_ID]``: a screening run in this process."""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.screening.models import RunStatus, ScreeningRun
from wegweiser.screening.services import runs


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of: kein Datum JJJJ-MM-TT: {text!r}") from None


class Command(BaseCommand):
    help = "Prüft den ganzen Bestand gegen die Regeln (ohne Celery, mit Fortschrittsanzeige)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", type=_date, default=None, help="Stichtag (Standard: heute)")
        parser.add_argument("--resume", type=int, default=None, metavar="RUN_ID",
                            help="einen abgebrochenen Lauf ab der zuletzt geprüften Person fortsetzen")

    def handle(self, *args, as_of: date | None, resume: int | None, **options) -> None:
        try:
            if resume is not None:
                if as_of is not None:
                    raise CommandError("--as-of und --resume schließen sich aus.")
                found = ScreeningRun.objects.filter(pk=resume).first()
                if found is None:
                    raise CommandError(f"Prüflauf {resume} gibt es nicht.")
                run = runs.prepare_resume(None, found)
            else:
                run = runs.create_run(None, as_of)
        except runs.RunError as exc:
            raise CommandError(str(exc)) from None
        started = time.monotonic()
        self.stdout.write(f"Prüflauf {run.pk}, Stichtag {run.as_of:%d.%m.%Y}, {run.total} Personen")

        def progress(r: ScreeningRun) -> None:
            seconds = time.monotonic() - started
            self.stdout.write(f"  {r.processed}/{r.total} Personen ({r.percent} %), {seconds:.1f} s")

        run = runs.execute(run.pk, progress=progress)
        if run.status != RunStatus.COMPLETED:
            raise CommandError(f"Prüflauf {run.pk} abgebrochen: {run.error} "
                               f"(fortsetzen mit --resume {run.pk})")
        note = f", {run.invalid} Akten nicht prüfbar" if run.invalid else ""
        self.stdout.write(self.style.SUCCESS(
            f"Prüflauf {run.pk} abgeschlossen: {run.processed} Personen in {time.monotonic() - started:.1f} s{note}"))
