"""Daily reminders about Zielvereinbarungen (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from .services.reminders import send_due_reminders


@shared_task(name="wegweiser.goals.tasks.send_goal_reminders")
def send_goal_reminders() -> dict:
    """Tell Lotsen and creators about reviews coming up and due dates passed (each once)."""
    return {"sent": send_due_reminders()}
