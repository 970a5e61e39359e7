"""Screening runs: start, resume, execute in chunks, and publish the result only when the run is complete.

A run reads the caseload in chunks of persons in id order (``caseload_frame``), evaluates each chunk with
the vectorised rules engine and writes that chunk's results together with the run's cursor
(``processed``, ``last_person_id``) in one transaction. Nothing of a run is visible until it completes:
worklists read ``current_run()`` only, and a completed run becomes current in one transaction that also
retires the previous one (whose results are kept for comparison; older results are deleted). A run that
fails keeps its cursor and the error and can be resumed from there.

One run at a time: the database refuses a second queued or running run (``ScreeningRun.active``).

A killed worker leaves its run queued or running. Every stored chunk renews the run's ``heartbeat_at``; when
someone starts or resumes a run, active runs silent for longer than ``SCREENING_STALE_MINUTES`` are marked
failed first (``fail_stale_runs``), so they block nothing and can be resumed. Should the old worker wake up
after all, it finds its run no longer running and stops without writing (``RunAbandoned``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person
from wegweiser.rules import __version__ as engine_version
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.vector import evaluate_frame

from ..models import STALE_ERROR, RunStatus, ScreeningResult, ScreeningRun, stale_cutoff
from .caseload_frame import CHUNK_SIZE, Chunk, id_ranges, read_chunk

logger = logging.getLogger(__name__)

#: Purpose written to the audit trail for reading the whole caseload.
PURPOSE = "Prüflauf Bleibeperspektiven"
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
RESULT_COLUMNS = ("run_id", "person_id", "pathway", "outcome", "earliest_date", "gaps", "achievable_gaps")

#: Called after each chunk with the run (its progress fields are up to date).
Progress = Callable[[ScreeningRun], None]


class RunError(Exception):
    """A run cannot be started or resumed; the message says why, in the user's language."""


class RunAbandoned(Exception):
    """This worker's run was declared failed (no heartbeat) or taken over; it must stop without writing."""


def current_run() -> ScreeningRun | None:
    """The completed run whose results the worklists show."""
    return ScreeningRun.objects.filter(is_current=True, status=RunStatus.COMPLETED).first()


def active_run() -> ScreeningRun | None:
    """The run that is queued or running, if any."""
    return ScreeningRun.objects.filter(active=True).first()


def _actor(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _audit(user: Any, run: ScreeningRun, **extra: Any) -> None:
    record(actor=_actor(user), action=AuditAction.EXPORT, purpose=PURPOSE, obj=run,
           details={"persons": run.total, "as_of": run.as_of.isoformat(), **extra})


def _refuse_second() -> RunError:
    run = active_run()
    when = f" ({run.as_of:%d.%m.%Y})" if run else ""
    return RunError(_("Es läuft bereits ein Prüflauf%(when)s. Bitte warten Sie, bis er beendet ist.") % {"when": when})


def fail_stale_runs() -> list[int]:
    """Mark active runs without a heartbeat for ``SCREENING_STALE_MINUTES`` failed; returns their ids.

    Runs in the caller's transaction (with row locks), so that starting a run and retiring the silent one
    are one step.
    """
    cutoff = stale_cutoff()
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    ids = list(ScreeningRun.objects.select_for_update().filter(active=True).filter(silent)
               .values_list("pk", flat=True))
    if ids:
        ScreeningRun.objects.filter(pk__in=ids).update(
            status=RunStatus.FAILED, active=False, error=STALE_ERROR, finished_at=timezone.now())
        logger.warning("screening runs %s had no heartbeat since %s and were marked failed", ids, cutoff)
    return ids


def create_run(user: Any, as_of: date | None = None) -> ScreeningRun:
    """A queued run on ``as_of`` (default today), audited; raises RunError while another run is active."""
    try:
        with transaction.atomic():
            fail_stale_runs()
            if ScreeningRun.objects.select_for_update().filter(active=True).exists():
                raise _refuse_second()
            run = ScreeningRun.objects.create(
                as_of=as_of or timezone.localdate(), status=RunStatus.QUEUED, active=True,
                started_by=_actor(user), total=Person.objects.count(), engine_version=engine_version,
                heartbeat_at=timezone.now(),
            )
            _audit(user, run)
    except IntegrityError:  # another run was created at the same moment
        raise _refuse_second() from None
    return run


def prepare_resume(user: Any, run: ScreeningRun) -> ScreeningRun:
    """Queue a failed run again; it continues after ``last_person_id``."""
    try:
        with transaction.atomic():
            fail_stale_runs()
            run = ScreeningRun.objects.select_for_update().get(pk=run.pk)
            if run.status != RunStatus.FAILED:
                raise RunError(_("Nur ein abgebrochener Prüflauf kann fortgesetzt werden."))
            if ScreeningRun.objects.filter(status=RunStatus.COMPLETED, created_at__gt=run.created_at).exists():
                raise RunError(_("Nach diesem Prüflauf ist bereits ein neuerer abgeschlossen worden; "
                                 "bitte starten Sie einen neuen."))
            if ScreeningRun.objects.select_for_update().filter(active=True).exists():
                raise _refuse_second()
            run.status, run.active, run.error, run.finished_at = RunStatus.QUEUED, True, "", None
            run.heartbeat_at = timezone.now()
            run.total = run.processed + Person.objects.filter(pk__gt=run.last_person_id).count()
            run.save(update_fields=["status", "active", "error", "finished_at", "total", "heartbeat_at"])
            _audit(user, run, resumed_after_person_id=run.last_person_id)
    except IntegrityError:
        raise _refuse_second() from None
    return run


def _enqueue(run: ScreeningRun) -> None:
    from ..tasks import screen_caseload

    def send() -> None:
        result = screen_caseload.delay(run.pk)
        ScreeningRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id or "")[:64])

    # after the commit: a worker must find the queued run in the database
    transaction.on_commit(send)


def start_run(user: Any, as_of: date | None = None) -> ScreeningRun:
    """Create a queued run and hand it to the Celery task (in-process without a broker)."""
    run = create_run(user, as_of)
    _enqueue(run)
    return run


def resume_run(user: Any, run: ScreeningRun) -> ScreeningRun:
    """Queue a failed run again and hand it to the Celery task."""
    run = prepare_resume(user, run)
    _enqueue(run)
    return run


# --- executing a run ---------------------------------------------------------------------------------------


def evaluate_chunk(run_id: int, chunk: Chunk, as_of: date) -> pl.DataFrame:
    """The chunk's results as a long frame (``RESULT_COLUMNS``), one row per person and pathway."""
    ids = pl.Series("person_id", chunk.ids, dtype=pl.Int64)
    if not chunk.ids:
        return pl.DataFrame(schema={"run_id": pl.Int64, "person_id": pl.Int64, "pathway": pl.String,
                                    "outcome": pl.String, "earliest_date": pl.Date, "gaps": pl.Int32,
                                    "achievable_gaps": pl.Int32})
    wide = evaluate_frame(chunk.frame(), as_of, achievable=True)
    parts = [
        pl.DataFrame({
            "run_id": pl.Series([run_id] * len(ids), dtype=pl.Int64),
            "person_id": ids,
            "pathway": pl.Series([pid] * len(ids), dtype=pl.String),
            "outcome": wide.get_column(f"{pid}.outcome").cast(pl.String),
            "earliest_date": wide.get_column(f"{pid}.earliest_date"),
            "gaps": wide.get_column(f"{pid}.gaps"),
            "achievable_gaps": wide.get_column(f"{pid}.achievable_gaps"),
        })
        for pid in PATHWAYS
    ]
    return pl.concat(parts)


def write_results(frame: pl.DataFrame) -> int:
    """Insert the rows: ``COPY`` on PostgreSQL (psycopg 3), ``bulk_create`` elsewhere. Returns the count."""
    if frame.is_empty():
        return 0
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(ScreeningResult._meta.db_table)
        fields = {f.attname: f.column for f in ScreeningResult._meta.concrete_fields}
        columns = ", ".join(connection.ops.quote_name(fields[c]) for c in RESULT_COLUMNS)
        buffer = io.BytesIO()
        frame.select(RESULT_COLUMNS).write_csv(buffer, include_header=False)
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buffer.getvalue())
        return frame.height
    ScreeningResult.objects.bulk_create(
        [ScreeningResult(**row) for row in frame.select(RESULT_COLUMNS).iter_rows(named=True)], batch_size=1000)
    return frame.height


def _fail(run_id: int, exc: BaseException) -> None:
    text = f"{type(exc).__name__}: {exc}"[:2000]
    # only a run that is still running: one already declared failed or resumed elsewhere keeps its state
    ScreeningRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, active=False, error=text, finished_at=timezone.now())


def _claim(run: ScreeningRun, **changes: Any) -> None:
    """Within a transaction: update the run only if this worker still owns it, else raise RunAbandoned."""
    owned = ScreeningRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING, active=True,
                                        last_person_id=run.last_person_id)
    if not owned.update(heartbeat_at=timezone.now(), **changes):
        raise RunAbandoned(run.pk)


def _complete(run: ScreeningRun) -> None:
    """Publish: this run becomes current, the previous one is kept for comparison, older results go."""
    with transaction.atomic():
        _claim(run)
        previous = ScreeningRun.objects.select_for_update().filter(is_current=True).exclude(pk=run.pk).first()
        if previous is not None:
            ScreeningRun.objects.filter(pk=previous.pk).update(is_current=False)
        keep = [run.pk] + ([previous.pk] if previous is not None else [])
        ScreeningResult.objects.exclude(run_id__in=keep).delete()
        ScreeningRun.objects.filter(pk=run.pk).update(
            status=RunStatus.COMPLETED, active=False, is_current=True, finished_at=timezone.now(), error="")
    run.refresh_from_db()


def store_chunk(run: ScreeningRun, rows: pl.DataFrame, *, count: int, last_person_id: int, invalid: int) -> None:
    """The chunk's results and the run's cursor, in one transaction: a chunk is stored whole or not at all."""
    remaining = Person.objects.filter(pk__gt=last_person_id).count()
    with transaction.atomic():
        # the cursor first: it locks the row, and a worker whose run was taken from it writes nothing
        _claim(run, processed=F("processed") + count, last_person_id=last_person_id,
               invalid=F("invalid") + invalid, total=F("processed") + count + remaining)
        write_results(rows)
    run.refresh_from_db(fields=["processed", "last_person_id", "invalid", "total", "heartbeat_at"])


def execute(run_id: int, *, chunk_size: int = CHUNK_SIZE, progress: Progress | None = None) -> ScreeningRun:
    """Screen the persons after the run's cursor, chunk by chunk; marks the run failed on any error."""
    with transaction.atomic():
        run = ScreeningRun.objects.select_for_update().get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            logger.warning("screening run %s is %s, not queued; nothing to do", run.pk, run.status)
            return run
        run.status = RunStatus.RUNNING
        run.started_at = run.started_at or timezone.now()
        run.heartbeat_at = timezone.now()
        run.save(update_fields=["status", "started_at", "heartbeat_at"])
    try:
        for lo, hi, count in id_ranges(after=run.last_person_id, size=chunk_size):
            chunk = read_chunk(lo, hi, run.as_of)
            rows = evaluate_chunk(run.pk, chunk, run.as_of)
            store_chunk(run, rows, count=count, last_person_id=hi, invalid=len(chunk.invalid))
            if progress is not None:
                progress(run)
        _complete(run)
    except RunAbandoned:
        logger.warning("screening run %s was declared failed or taken over; this worker stops", run.pk)
        run.refresh_from_db()
    except Exception as exc:
        logger.exception("screening run %s failed", run.pk)
        _fail(run.pk, exc)
        run.refresh_from_db()
    return run
