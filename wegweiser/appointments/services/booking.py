"""Booking, cancelling and rebooking, safe under concurrent requests.

Order of locks (always the same, so two bookings cannot deadlock): the requester row (per-person limit), then
the slots by id. After the slots are locked the service checks again that they are free; the primary key of
``SlotBooking`` is the last line of defence. Messages the public reads carry the gettext context "client".
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import npgettext, pgettext

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import (
    TRANSITIONS,
    Appointment,
    BookingSettings,
    Invitation,
    InvitationStatus,
    Requester,
    Service,
    Slot,
    SlotBooking,
    Status,
)
from .availability import Offer, offers, window

PURPOSE = "Terminvergabe"
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone


class BookingRefused(ValidationError):
    """The booking cannot be made; ``message`` says why in the language that is active.

    ``free``: for a time that is taken, the other free starts of that day as the service saw them (without the
    ones it just found taken), so a page can offer them without asking the database again; else None."""

    free: list[Offer] | None = None


def email_key(email: str) -> str:
    return email.strip().lower()


def new_reference() -> str:
    return "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def new_nonce() -> str:
    return secrets.token_hex(8)


def open_count(requester: Requester, *, now: datetime, exclude: int | None = None) -> int:
    """Appointments of the requester still ahead (booked or offered) — what the per-person limit counts."""
    qs = Appointment.objects.filter(requester=requester, status__in=(Status.BOOKED, Status.OFFERED),
                                    starts_at__gte=now)
    return qs.exclude(pk=exclude).count() if exclude else qs.count()


def _locked_requester(email: str) -> Requester | None:
    if not email.strip():
        return None
    key = email_key(email)
    # Insert-or-nothing, then lock: two statements however many book with the same address at once.
    Requester.objects.bulk_create([Requester(email_key=key)], ignore_conflicts=True)
    return Requester.objects.select_for_update().get(email_key=key)


def _take(offer: Offer) -> bool:
    """Lock the offer's slots; True if they are all still free (not booked, not held for a lottery)."""
    slots = list(Slot.objects.select_for_update().filter(pk__in=offer.slot_ids).order_by("pk"))
    if len(slots) != len(offer.slot_ids) or any(s.lottery_round_id for s in slots):
        return False
    return not SlotBooking.objects.filter(slot_id__in=offer.slot_ids).exists()


def book(
    *, service: Service, starts_at: datetime, name: str, email: str, phone: str = "", language: str = "de",
    person: Any = None, actor: Any = None, status: str = Status.BOOKED, offer_expires_at: datetime | None = None,
    public: bool = True, rebooked_from: Appointment | None = None, counter_id: int | None = None,
    now: datetime | None = None, notify: bool = True, rules: BookingSettings | None = None,
) -> Appointment:
    """Book ``service`` at ``starts_at`` on any free counter (or ``counter_id``); BookingRefused if not possible.

    ``public``: a booking by the person on the public pages (the service must be bookable online, the start
    inside the lead time and horizon, the per-person limit applies). Staff and invitations book with
    ``public=False``.
    ``notify``: e-mail the confirmation after the commit (a booked appointment with an e-mail address; offers
    and rebookings have their own e-mails).
    ``rules``: the office's booking settings, if the caller has read them already.
    """
    now = now or timezone.now()
    booking = rules or BookingSettings.current()
    if not service.active or (public and (not service.public or service.allocation != "first_come")):
        raise BookingRefused(pgettext("client", "Diese Leistung kann nicht online gebucht werden."),
                             code="not_bookable")
    earliest, latest = window(booking, now)
    if public and not (earliest <= starts_at < latest):
        raise BookingRefused(pgettext("client", "Diese Zeit kann nicht mehr gebucht werden. Bitte wählen Sie eine "
                                                "andere Zeit."), code="outside_window")
    # Read first, lock after: a time that is gone is refused without touching the requester row, which keeps
    # the many refusals of a rush short (and the day's free starts go with the refusal, for the page).
    # Whether the slots are still free is checked again under their lock.
    of_day = offers(service, day=timezone.localdate(starts_at), now=now, booking=booking, public=public)
    candidates = [o for o in of_day
                  if o.starts_at == starts_at and (counter_id is None or o.counter_id == counter_id)]
    if not candidates:
        raise _taken(of_day)
    with transaction.atomic():
        requester = _locked_requester(email)
        if public and requester is not None:
            excluded = rebooked_from.pk if rebooked_from else None
            if open_count(requester, now=now, exclude=excluded) >= booking.max_open_per_email:
                limit = booking.max_open_per_email
                raise BookingRefused(
                    npgettext("client", "Mit dieser E-Mail-Adresse ist schon %(count)d Termin gebucht. Bitte "
                                        "sagen Sie erst diesen Termin ab.",
                              "Mit dieser E-Mail-Adresse sind schon %(count)d Termine gebucht. Bitte "
                              "sagen Sie erst einen Termin ab.", limit) % {"count": limit},
                    code="limit")
        for offer in candidates:
            try:
                with transaction.atomic():
                    if not _take(offer):
                        continue
                    appointment = _create(service, offer, name=name, email=email, phone=phone, language=language,
                                          person=person, requester=requester, status=status,
                                          offer_expires_at=offer_expires_at, rebooked_from=rebooked_from)
            except IntegrityError:  # only if a lock was bypassed: the primary key refused a second booking
                continue
            record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=appointment,
                   details={"service": service.code, "starts_at": appointment.starts_at.isoformat(),
                            "status": appointment.status, "public": public,
                            "rebooked_from": rebooked_from.reference if rebooked_from else ""})
            if notify and status == Status.BOOKED and rebooked_from is None:
                _notice(appointment, "confirmation")
            return appointment
    raise _taken([o for o in of_day if o.starts_at != starts_at])


def _taken(free: list[Offer]) -> BookingRefused:
    refused = BookingRefused(pgettext("client", "Dieser Termin ist leider gerade vergeben worden. Bitte wählen Sie "
                                                "eine andere Zeit."), code="taken")
    refused.free = free
    return refused


def _create(service: Service, offer: Offer, *, requester: Requester | None, **values: Any) -> Appointment:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    reference=new_reference(), service=service, counter_id=offer.counter_id,
                    starts_at=offer.starts_at, ends_at=offer.ends_at, requester=requester, link_nonce=new_nonce(),
                    **values)
                break
        except IntegrityError as exc:
            if "reference" not in str(exc).lower():
                raise
    else:  # pragma: no cover - 32^8 references; five collisions in a row do not happen
        raise RuntimeError("no free booking reference")
    SlotBooking.objects.bulk_create([SlotBooking(slot_id=pk, appointment=appointment) for pk in offer.slot_ids])
    return appointment


def _notice(appointment: Appointment, kind: str) -> None:
    """E-mail the person once the transaction has committed (never for a booking that was rolled back)."""
    from ..tasks import queue_notice

    queue_notice(appointment, kind)


def _locked(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_for_update().get(pk=appointment.pk)


def cancel(appointment: Appointment, *, actor: Any = None, reason: str = "", notify: bool = True) -> Appointment:
    """Cancel and free the slots; old manage links stop working. Refused once the appointment took place."""
    with transaction.atomic():
        current = _locked(appointment)
        if Status.CANCELLED not in TRANSITIONS[current.status]:
            raise BookingRefused(pgettext("client", "Dieser Termin kann nicht mehr abgesagt werden."),
                                 code="not_cancellable")
        SlotBooking.objects.filter(appointment=current).delete()
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.link_nonce = new_nonce()
        current.version += 1
        current.save(update_fields=["status", "cancelled_at", "link_nonce", "version"])
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person_id, obj=current,
               details={"status": current.status, "reason": reason[:200]})
        if notify:
            _notice(current, "cancellation")
    return current


def rebook(appointment: Appointment, *, starts_at: datetime, actor: Any = None, public: bool = True,
           now: datetime | None = None) -> Appointment:
    """Book the same service at another time and cancel the old appointment, all or nothing."""
    with transaction.atomic():
        current = _locked(appointment)
        if current.status not in (Status.BOOKED, Status.OFFERED):
            raise BookingRefused(pgettext("client", "Dieser Termin kann nicht mehr verschoben werden."),
                                 code="not_rebookable")
        new = book(service=current.service, starts_at=starts_at, name=current.name, email=current.email,
                   phone=current.phone, language=current.language, person=current.person, actor=actor,
                   public=public, rebooked_from=current, now=now)
        if current.status == Status.OFFERED:
            _invitation_answered(current)
        cancel(current, actor=actor, reason="rebooked", notify=False)
        _notice(new, "rebooking")
    return new


def _invitation_answered(appointment: Appointment) -> None:
    """The invited person took up the offer (confirmed or moved it): the invitation counts as answered."""
    Invitation.objects.filter(appointment=appointment, status=InvitationStatus.INVITED).update(
        status=InvitationStatus.BOOKED, reacted_at=timezone.now())


def confirm_offer(appointment: Appointment, *, actor: Any = None) -> Appointment:
    """The invited person accepts the offered appointment."""
    with transaction.atomic():
        confirmed = transition(appointment, Status.BOOKED, actor=actor)
        _invitation_answered(confirmed)
    _notice(confirmed, "confirmation")
    return confirmed


def transition(appointment: Appointment, to_status: str, *, actor: Any = None,
               expected_version: int | None = None) -> Appointment:
    """Move along the state machine (check-in, call-up, done, no-show …) and stamp the times."""
    with transaction.atomic():
        current = _locked(appointment)
        if expected_version is not None and current.version != expected_version:
            raise BookingRefused(pgettext("client", "Der Termin wurde inzwischen geändert. Bitte laden Sie die Seite "
                                                    "neu."), code="stale")
        if to_status not in TRANSITIONS[current.status]:
            raise BookingRefused(pgettext("client", "Dieser Schritt ist für diesen Termin nicht möglich."),
                                 code="not_allowed")
        now = timezone.now()
        fields = ["status", "version"]
        if to_status == Status.CHECKED_IN and current.queue_number is None:
            _assign_queue_number(current, now)
            fields += ["queue_day", "queue_number"]
        stamp = {Status.CHECKED_IN: "checked_in_at", Status.CALLED: "called_at", Status.DONE: "finished_at"}
        if to_status in stamp and not (to_status == Status.CHECKED_IN and current.checked_in_at):
            setattr(current, stamp[to_status], now)
            fields.append(stamp[to_status])
        if to_status == Status.EXPIRED:
            SlotBooking.objects.filter(appointment=current).delete()
        current.status = to_status
        current.version += 1
        current.save(update_fields=fields)
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person_id, obj=current,
               details={"status": to_status})
    return current


def _assign_queue_number(appointment: Appointment, now: datetime) -> None:
    """The next number of the day; the unique constraint (day, number) settles a race between two desks."""
    day = timezone.localdate(now)
    for _attempt in range(5):
        last = (Appointment.objects.filter(queue_day=day).order_by("-queue_number")
                .values_list("queue_number", flat=True).first()) or 0
        try:
            with transaction.atomic():
                Appointment.objects.filter(pk=appointment.pk).update(queue_day=day, queue_number=last + 1)
        except IntegrityError:
            continue
        appointment.queue_day, appointment.queue_number = day, last + 1
        return
    raise BookingRefused(pgettext("client", "Bitte versuchen Sie es noch einmal."), code="queue_busy")
