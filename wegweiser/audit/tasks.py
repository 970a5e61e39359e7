"""Nightly check of the audit chain (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging

from celery import shared_task

from .services import verify_chain

logger = logging.getLogger(__name__)


@shared_task(name="wegweiser.audit.tasks.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Verify the chain; a break is logged as an error so that monitoring alerts the operators."""
    result = verify_chain()
    if result.ok:
        logger.info("audit chain intact, %d entries", result.checked)
    else:
        logger.error("audit chain broken: %s", result.message())
    return {"ok": result.ok, "checked": result.checked, "broken_id": result.broken_id, "problem": str(result.problem)}
