"""``manage.py screen_caseload``: progress on the console, bad input refused, resume by id."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wegweiser.persons.tests.factories import PersonFactory
from wegweiser.screening.models import RunStatus, ScreeningRun
from wegweiser.screening.services import runs

pytestmark = pytest.mark.django_db


def test_command_runs_and_prints_progress() -> None:
    PersonFactory.create_batch(3)
    out = StringIO()
    call_command("screen_caseload", "--as-of", "2025-01-31", stdout=out)
    run = ScreeningRun.objects.get()
    assert run.status == RunStatus.COMPLETED and run.as_of == date(2025, 1, 31) and run.is_current
    text = out.getvalue()
    assert "3/3 Personen (100 %)" in text and f"Prüflauf {run.pk} abgeschlossen" in text


def test_command_refuses_bad_date_unknown_run_and_second_run() -> None:
    with pytest.raises(CommandError, match="kein Datum"):
        call_command("screen_caseload", "--as-of", "31.01.2025", stdout=StringIO())
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("screen_caseload", "--resume", "999", stdout=StringIO())
    runs.create_run(None)
    with pytest.raises(CommandError, match="bereits ein Prüflauf"):
        call_command("screen_caseload", stdout=StringIO())


def test_command_resumes_a_failed_run() -> None:
    PersonFactory.create_batch(2)
    run = runs.create_run(None)
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, active=False, error="x")
    out = StringIO()
    call_command("screen_caseload", "--resume", str(run.pk), stdout=out)
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETED and run.processed == 2
