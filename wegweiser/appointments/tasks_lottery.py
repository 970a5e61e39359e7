"""Celery tasks of the lottery: drawing rounds whose window has closed (to be scheduled in
settings.CELERY_BEAT_SCHEDULE), and the e-mail to those who got no appointment."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from .models import LotteryEntry
from .services import lottery


@shared_task(name="wegweiser.appointments.tasks_lottery.draw_due_rounds")
def draw_due_rounds() -> dict:
    """Draw every round that is due; a round already drawn is not drawn again, so running twice is harmless."""
    return {"drawn": lottery.draw_due()}


@shared_task(name="wegweiser.appointments.tasks_lottery.send_lost_notice", autoretry_for=(OSError, SMTPException),
             retry_backoff=60, max_retries=5)
def send_lost_notice(entry_id: int) -> bool:
    """Tell one entrant that the draw gave them no appointment (queued after the draw commits)."""
    entry = LotteryEntry.objects.select_related("round__service").filter(pk=entry_id).first()
    return entry is not None and lottery.send_lost(entry)
