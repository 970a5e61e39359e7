"""Celery tasks of the appointments app: e-mails after a booking change, and reminders before appointments."""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Appointment, BookingSettings, Status
from .services import notify

logger = logging.getLogger(__name__)


@shared_task(name="wegweiser.appointments.tasks.send_booking_notice", autoretry_for=(OSError, SMTPException),
             retry_backoff=60, max_retries=5)
def send_booking_notice(appointment_id: int, kind: str) -> bool:
    """E-mail the confirmation, cancellation or rebooking notice (queued with ``transaction.on_commit``)."""
    appointment = Appointment.objects.select_related("service", "counter", "rebooked_from").filter(
        pk=appointment_id).first()
    if appointment is None:
        return False
    return notify.send(appointment, kind)


def queue_notice(appointment: Appointment, kind: str) -> None:
    """After the transaction commits, send the notice; a broker problem is logged and never undoes a booking."""
    if not appointment.email:
        return
    pk = appointment.pk

    def _queue() -> None:
        send_booking_notice.delay(pk, kind)

    transaction.on_commit(_queue, robust=True)


@shared_task(name="wegweiser.appointments.tasks.send_reminders")
def send_reminders() -> int:
    """Remind everyone whose booked appointment starts within ``reminder_hours``; returns how many.

    Idempotent: ``reminded_at`` is set in the same transaction as the e-mail is sent, under a row lock, so two
    runs (or two workers) never remind twice. Who booked inside the reminder window just got the confirmation
    and is not reminded again."""
    now = timezone.now()
    ahead = timedelta(hours=BookingSettings.current().reminder_hours)
    due = (Appointment.objects.filter(status=Status.BOOKED, reminded_at__isnull=True, starts_at__gt=now,
                                      starts_at__lte=now + ahead, created_at__lt=F("starts_at") - ahead)
           .exclude(email="").order_by("starts_at").values_list("pk", flat=True))
    sent = 0
    for pk in list(due):
        try:
            with transaction.atomic():
                appointment = (Appointment.objects.select_for_update()
                               .filter(pk=pk, status=Status.BOOKED, reminded_at__isnull=True).first())
                if appointment is None:
                    continue
                notify.send(appointment, "reminder")
                Appointment.objects.filter(pk=pk).update(reminded_at=now)
        except (OSError, SMTPException):  # the next run tries again; the others still get theirs
            logger.exception("Could not send the reminder for appointment %s", pk)
            continue
        sent += 1
    return sent
