"""A run whose worker died (no heartbeat for SCREENING_STALE_MINUTES) is failed when someone starts or resumes
a run, so it blocks nothing and can be resumed; a worker that wakes up after that writes nothing."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.demo import seeding
from wegweiser.persons.models import Person
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.screening.models import STALE_ERROR, RunStatus, ScreeningResult, ScreeningRun
from wegweiser.screening.services import runs

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 23)
CHUNK = 40
T0 = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


@pytest.fixture
def caseload() -> int:
    seeding.seed(100, 7, AS_OF)
    return Person.objects.count()


class WorkerKilled(BaseException):
    """Not an Exception: like SIGKILL, nothing in the worker gets to mark the run failed."""


def killed_after_first_chunk(monkeypatch) -> None:
    real, calls = runs.evaluate_chunk, {"n": 0}

    def dies(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise WorkerKilled
        return real(*args, **kwargs)

    monkeypatch.setattr(runs, "evaluate_chunk", dies)


def test_killed_worker_blocks_until_stale_then_the_run_is_failed_and_resumable(caseload, monkeypatch) -> None:
    # the run itself executes in real time (polars cannot read freezegun's dates); the clock is frozen after
    run = runs.create_run(None, AS_OF)
    killed_after_first_chunk(monkeypatch)
    with pytest.raises(WorkerKilled):
        runs.execute(run.pk, chunk_size=CHUNK)
    monkeypatch.undo()
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.active and run.processed == CHUNK
    beat = run.heartbeat_at
    assert beat is not None

    with freeze_time(beat + timedelta(minutes=29)):
        run.refresh_from_db()
        assert not run.is_stale
        with pytest.raises(runs.RunError, match="bereits ein Prüflauf"):
            runs.create_run(None, AS_OF)
        with pytest.raises(runs.RunError, match="abgebrochener"):
            runs.prepare_resume(None, run)

    with freeze_time(beat + timedelta(minutes=31)):
        run.refresh_from_db()
        assert run.is_stale
        resumed = runs.prepare_resume(None, run)
        assert resumed.status == RunStatus.QUEUED and resumed.active and resumed.error == ""
        assert resumed.heartbeat_at == beat + timedelta(minutes=31)
    done = runs.execute(resumed.pk, chunk_size=CHUNK)
    assert done.status == RunStatus.COMPLETED and done.is_current and done.processed == caseload
    per_key = Counter(ScreeningResult.objects.filter(run=done).values_list("person_id", "pathway"))
    assert len(per_key) == caseload * len(PATHWAYS) and set(per_key.values()) == {1}


def backdate(run: ScreeningRun, minutes: int) -> None:
    ScreeningRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=minutes))


def test_starting_a_new_run_fails_the_silent_one_with_the_reason(caseload) -> None:
    with freeze_time(T0):
        queued = runs.create_run(None, AS_OF)  # the worker never picks it up (broker down)
    with freeze_time(T0 + timedelta(minutes=30, seconds=1)):
        fresh = runs.create_run(None, AS_OF)
    queued.refresh_from_db()
    assert queued.status == RunStatus.FAILED and not queued.active and queued.error == STALE_ERROR
    assert queued.finished_at == T0 + timedelta(minutes=30, seconds=1)
    assert queued.error_text == "Keine Rückmeldung des Hintergrunddienstes; der Prüflauf gilt als abgebrochen."
    assert fresh.active and fresh.status == RunStatus.QUEUED


def test_each_chunk_renews_the_heartbeat(caseload) -> None:
    renewed = []
    run = runs.create_run(None, AS_OF)

    def progress(r: ScreeningRun) -> None:
        renewed.append(not r.is_stale)
        backdate(r, 60)  # as if the next chunk took an hour: it must answer again

    done = runs.execute(run.pk, chunk_size=CHUNK, progress=progress)
    assert done.status == RunStatus.COMPLETED and not done.is_stale
    assert renewed == [True] * -(-caseload // CHUNK)


def test_the_setting_sets_the_limit(caseload, settings) -> None:
    settings.SCREENING_STALE_MINUTES = 5
    with freeze_time(T0):
        run = runs.create_run(None, AS_OF)
    with freeze_time(T0 + timedelta(minutes=4)):
        assert runs.fail_stale_runs() == []
    with freeze_time(T0 + timedelta(minutes=6)):
        assert runs.fail_stale_runs() == [run.pk]


def test_a_worker_waking_up_after_the_takeover_writes_nothing(caseload) -> None:
    run = runs.create_run(None, AS_OF)

    def taken_over(r: ScreeningRun) -> None:
        if r.processed == CHUNK:  # the worker hangs after its first chunk; someone resumes the run
            backdate(r, 45)
            runs.prepare_resume(None, r)

    old = runs.execute(run.pk, chunk_size=CHUNK, progress=taken_over)
    # the old worker stopped without marking the run failed: the resumed run is queued, as left
    assert old.status == RunStatus.QUEUED and old.active and old.error == ""
    assert ScreeningResult.objects.filter(run=run).count() == CHUNK * len(PATHWAYS)
    done = runs.execute(run.pk, chunk_size=CHUNK)
    assert done.status == RunStatus.COMPLETED
    per_key = Counter(ScreeningResult.objects.filter(run=done).values_list("person_id", "pathway"))
    assert len(per_key) == caseload * len(PATHWAYS) and set(per_key.values()) == {1}


def test_a_stale_run_that_completes_late_is_not_published(caseload) -> None:
    run = runs.create_run(None, AS_OF)

    def silent(r: ScreeningRun) -> None:
        if r.processed == r.total:  # the last chunk is stored; then the worker hangs past the limit
            backdate(r, 31)
            runs.create_run(None, AS_OF)

    old = runs.execute(run.pk, chunk_size=CHUNK, progress=silent)
    assert old.status == RunStatus.FAILED and old.error == STALE_ERROR and not old.is_current
    assert runs.current_run() is None


class TestRunPage:
    def stale(self) -> ScreeningRun:
        long_ago = datetime.now(UTC) - timedelta(hours=2)
        run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, active=True,
                                          total=10, processed=4)
        ScreeningRun.objects.filter(pk=run.pk).update(created_at=long_ago, started_at=long_ago,
                                                      heartbeat_at=long_ago)
        return run

    def test_a_stale_run_is_shown_as_silent_and_can_be_resumed(self, role_client,
                                                                 django_capture_on_commit_callbacks) -> None:
        _user, client = role_client(Role.TEAMLEITUNG)
        run = self.stale()
        page = client.get(reverse("screening:runs")).text
        assert "Keine Rückmeldung" in page and "hat keine Rückmeldung des Hintergrunddienstes mehr" in page
        assert 'hx-trigger="every 2s"' not in page  # nothing to watch
        assert 'id="start-busy"' not in page
        assert reverse("screening:run_resume", kwargs={"pk": run.pk}) in page
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(reverse("screening:run_resume", kwargs={"pk": run.pk}), follow=True)
        assert "Der Prüflauf wird fortgesetzt." in response.text
        run.refresh_from_db()
        assert run.status == RunStatus.QUEUED and run.active and not run.is_stale

    def test_starting_replaces_a_stale_run(self, role_client, django_capture_on_commit_callbacks) -> None:
        _user, client = role_client(Role.INTEGRATIONSLOTSE)
        run = self.stale()
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(reverse("screening:run_start"), follow=True)
        assert "Der Prüflauf wurde gestartet." in response.text
        run.refresh_from_db()
        assert run.status == RunStatus.FAILED and run.error == STALE_ERROR
        assert "Keine Rückmeldung des Hintergrunddienstes; der Prüflauf gilt als abgebrochen." in response.text
