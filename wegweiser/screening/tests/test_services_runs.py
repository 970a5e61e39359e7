"""Screening runs: chunked execution, publication on completion only, failure and resume, one run at a time."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.demo import seeding
from wegweiser.persons.models import Person
from wegweiser.persons.services.situation import situation_for
from wegweiser.rules import assess
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.vector import ACHIEVABLE_KINDS
from wegweiser.screening.models import RunStatus, ScreeningResult, ScreeningRun
from wegweiser.screening.services import runs

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 23)
CHUNK = 40


@pytest.fixture
def caseload() -> int:
    seeding.seed(150, 11, AS_OF)
    return Person.objects.count()


def run_now(user=None, as_of=AS_OF) -> ScreeningRun:
    run = runs.create_run(user, as_of)
    return runs.execute(run.pk, chunk_size=CHUNK)


def results(run: ScreeningRun) -> dict[tuple[int, str], ScreeningResult]:
    return {(r.person_id, r.pathway): r for r in ScreeningResult.objects.filter(run=run)}


def test_completed_run_is_current_with_one_result_per_person_and_pathway(caseload, django_user_model) -> None:
    seen = []
    run = runs.create_run(None, AS_OF)
    run = runs.execute(run.pk, chunk_size=CHUNK, progress=lambda r: seen.append((r.processed, r.total)))
    assert run.status == RunStatus.COMPLETED and run.is_current and not run.active
    assert run.processed == run.total == caseload and run.invalid == 0
    assert seen[-1] == (caseload, caseload) and len(seen) == -(-caseload // CHUNK)
    assert [p for p, _t in seen] == sorted(p for p, _t in seen)
    assert runs.current_run() == run
    assert ScreeningResult.objects.filter(run=run).count() == caseload * len(PATHWAYS)


def test_results_are_the_engines_outcomes(caseload) -> None:
    run = run_now()
    got = results(run)
    outcomes: Counter[str] = Counter()
    for person in Person.objects.order_by("?")[:40]:
        for p in assess(situation_for(person, AS_OF))["pathways"]:
            r = got[(person.pk, p["id"])]
            earliest = r.earliest_date.isoformat() if r.earliest_date else None
            achievable = sum(g["kind"] in ACHIEVABLE_KINDS for g in p["missing"])
            assert (r.outcome, earliest, r.gaps, r.achievable_gaps) == (
                p["outcome"], p["earliest_date"], len(p["missing"]), achievable), (person.pk, p["id"])
            outcomes[r.outcome] += 1
    assert len(outcomes) >= 3  # the demo caseload is varied enough to say something


def test_failure_in_the_second_chunk_shows_nothing_and_resume_completes(caseload, monkeypatch) -> None:
    first = run_now()
    calls = {"n": 0}
    real = runs.evaluate_chunk

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("Datenbank weg")
        return real(*args, **kwargs)

    monkeypatch.setattr(runs, "evaluate_chunk", flaky)
    run = run_now()
    assert run.status == RunStatus.FAILED and not run.active and not run.is_current
    assert "RuntimeError: Datenbank weg" in run.error
    assert run.processed == CHUNK and run.last_person_id > 0
    # the worklists still see the earlier, complete run
    assert runs.current_run() == first
    assert ScreeningResult.objects.filter(run=run).count() == CHUNK * len(PATHWAYS)

    resumed = runs.prepare_resume(None, run)
    assert resumed.status == RunStatus.QUEUED
    done = runs.execute(resumed.pk, chunk_size=CHUNK)
    assert done.status == RunStatus.COMPLETED and done.error == "" and runs.current_run() == done
    per_key = Counter(ScreeningResult.objects.filter(run=done).values_list("person_id", "pathway"))
    assert len(per_key) == caseload * len(PATHWAYS) and set(per_key.values()) == {1}
    first.refresh_from_db()
    assert not first.is_current and ScreeningResult.objects.filter(run=first).exists()  # kept for comparison


def test_older_results_are_deleted_except_the_previous_run(caseload) -> None:
    one, two, three = run_now(), run_now(), run_now()
    assert runs.current_run() == three
    assert not ScreeningResult.objects.filter(run=one).exists()
    assert ScreeningResult.objects.filter(run=two).count() == ScreeningResult.objects.filter(run=three).count()


def test_only_one_active_run(caseload) -> None:
    queued = runs.create_run(None, AS_OF)
    with pytest.raises(runs.RunError, match="bereits ein Prüflauf"):
        runs.create_run(None, AS_OF)
    with pytest.raises(runs.RunError):
        runs.start_run(None)
    runs.execute(queued.pk, chunk_size=CHUNK)
    assert runs.create_run(None, AS_OF).status == RunStatus.QUEUED


def test_resume_only_a_failed_run(caseload) -> None:
    run = run_now()
    with pytest.raises(runs.RunError, match="abgebrochener"):
        runs.prepare_resume(None, run)


def test_start_run_enqueues_the_task_after_commit(caseload, django_capture_on_commit_callbacks, user_factory) -> None:
    user = user_factory(Role.INTEGRATIONSLOTSE)
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(user, AS_OF)
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETED and run.started_by == user and run.task_id
    entries = AuditEntry.objects.filter(object_type="screening.screeningrun", object_id=str(run.pk))
    assert entries.count() == 1
    entry = entries.get()
    assert entry.action == AuditAction.EXPORT and entry.actor_id == user.pk
    assert entry.details == {"persons": caseload, "as_of": "2026-11-23"}


def test_nightly_task_starts_a_run_without_actor(caseload, django_capture_on_commit_callbacks) -> None:
    from wegweiser.screening.tasks import screen_caseload_nightly

    with django_capture_on_commit_callbacks(execute=True):
        out = screen_caseload_nightly()
    run = ScreeningRun.objects.get(pk=out["run"])
    assert run.status == RunStatus.COMPLETED and run.started_by is None
    entry = AuditEntry.objects.get(object_type="screening.screeningrun", object_id=str(run.pk))
    assert entry.actor_id is None and entry.actor_username == ""
    runs.create_run(None, AS_OF)
    assert "skipped" in screen_caseload_nightly()
