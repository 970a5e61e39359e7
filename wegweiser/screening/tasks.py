"""Celery tasks of the screening: one run of the whole caseload, and the nightly start of one."""

from __future__ import annotations

import logging

from celery import shared_task

from .services import runs

logger = logging.getLogger(__name__)


@shared_task(name="wegweiser.screening.tasks.screen_caseload")
def screen_caseload(run_id: int) -> dict:
    """Execute a queued run. A failure is kept on the run (status, error text), so the task itself returns."""
    run = runs.execute(run_id)
    return {"run": run.pk, "status": run.status, "processed": run.processed, "total": run.total}


@shared_task(name="wegweiser.screening.tasks.screen_caseload_nightly")
def screen_caseload_nightly() -> dict:
    """The nightly run (no user: the system acts). Skipped while another run is still active."""
    try:
        run = runs.start_run(None)
    except runs.RunError as exc:
        logger.warning("nightly screening skipped: %s", exc)
        return {"run": None, "skipped": str(exc)}
    return {"run": run.pk}
