"""Daily jobs of the proactive service (imported in ``AppointmentsConfig.ready``, so the worker knows them;
scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from smtplib import SMTPException

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


@shared_task(name="wegweiser.appointments.tasks_invitations.send_invitation_email",
             autoretry_for=(OSError, SMTPException), retry_backoff=60, max_retries=5)
def send_invitation_email(invitation_id: int) -> bool:
    """E-mail an invitation (queued after the commit that created it); retried while the mail server fails."""
    return invitations.send_invitation_email(invitation_id)
