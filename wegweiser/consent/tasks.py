"""Daily reminders about consents that are about to expire (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from .reminders import send_expiry_reminders


@shared_task(name="wegweiser.consent.tasks.send_expiry_reminders")
def send_consent_expiry_reminders() -> dict:
    """Tell the Lotse (or the recorder) about consents ending soon (each consent once)."""
    return {"sent": send_expiry_reminders()}
