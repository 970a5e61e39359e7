"""Daily jobs of the proactive service (imported in ``AppointmentsConfig.ready``, so the worker knows them;
scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from .services import invitations


@shared_task(name="wegweiser.appointments.tasks_invitations.invite_expiring_permits")
def invite_expiring_permits() -> dict:
    """Invite everyone whose title ends within the office's ``invitation_weeks`` (each title once)."""
    return invitations.invite_due()


@shared_task(name="wegweiser.appointments.tasks_invitations.expire_offers")
def expire_offers() -> dict:
    """Offered appointments not confirmed by ``offer_expires_at`` lapse, so their slots are free again."""
    return {"expired": invitations.expire_offers()}
