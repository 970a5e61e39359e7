"""Daily follow-up reminders of counselling protocols (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from .services.reminders import send_follow_up_reminders


@shared_task(name="wegweiser.counselling.tasks.send_follow_up_reminders")
def send_counselling_follow_ups() -> dict:
    """Tell authors and Lotsen about follow-up dates that have come (each once)."""
    return {"sent": send_follow_up_reminders()}
