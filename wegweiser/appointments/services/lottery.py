"""Scarce slots released by lottery instead of first-click-wins.

A round reserves the free slots of a service's counters between two days (``Slot.lottery_round``): while it
collects requests nobody can book them first-come. Anyone may enter once per e-mail address while the window
is open. After ``closes_at`` the draw shuffles the entries (ordered by id) with ``random.Random(seed)``, where
``seed`` is fresh randomness stored with the round, so anyone can re-compute and check the draw
(``verify``). Winners get the reserved slots in slot order, the others are told they got none, and the slots
that are left go back to first-come booking.

Locks (same order as ``booking``, so nothing deadlocks): an entry locks its requester, then the round; the
draw locks the round, then its slots by id, then writes the audit trail.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import (
    BookingSettings,
    EntryResult,
    LotteryEntry,
    LotteryRound,
    RoundStatus,
    Service,
    Slot,
    SlotBooking,
    Status,
)
from . import notify
from .availability import Offer, slots_needed
from .booking import PURPOSE, _create, _locked_requester, _notice
from .calendar import local


class LotteryRefused(ValidationError):
    """A round cannot be opened or an entry cannot be taken; the message says why (active language)."""


@dataclass(frozen=True)
class DrawResult:
    round: LotteryRound
    drawn_now: bool  # False: the round had been drawn before, nothing changed
    winners: int = 0
    losers: int = 0
    released: int = 0  # reserved slots given back to first-come booking


@dataclass
class Verification:
    ok: bool
    expected_order: list[int] = field(default_factory=list)  # entry ids, rank 1 first
    problems: list[str] = field(default_factory=list)


def _round_slots(service: Service, first_day: date, last_day: date, after: datetime):
    """Free, unreserved slots of the service's active counters on those days, starting after ``after``."""
    begin = max(local(first_day, datetime.min.time()), after)
    end = local(last_day + timedelta(days=1), datetime.min.time())
    return Slot.objects.filter(counter__in=service.counters.filter(active=True), starts_at__gte=begin,
                               starts_at__lt=end, booking__isnull=True, lottery_round__isnull=True)


def open_round(*, service: Service, opens_at: datetime, closes_at: datetime, first_day: date, last_day: date,
               actor: Any = None) -> LotteryRound:
    """Create a round and reserve the free slots from ``first_day`` to ``last_day`` (only those after the draw).

    LotteryRefused if the dates do not fit or there is no free slot to give."""
    if closes_at <= opens_at:
        raise LotteryRefused(_("Das Ende der Anfragefrist muss nach ihrem Beginn liegen."), code="window")
    if last_day < first_day:
        raise LotteryRefused(_("Der letzte Tag darf nicht vor dem ersten liegen."), code="days")
    with transaction.atomic():
        # Row locks on the candidate slots: a first-come booking running now either finishes first (the slot
        # is then booked and left out) or waits and then finds the slot reserved.
        ids = list(_round_slots(service, first_day, last_day, closes_at).select_for_update(of=("self",))
                   .order_by("pk").values_list("pk", flat=True))
        if not ids:
            raise LotteryRefused(_("In diesem Zeitraum gibt es für diese Leistung keine freien Zeitfenster nach "
                                   "dem Ende der Anfragefrist."), code="no_slots")
        lottery_round = LotteryRound.objects.create(service=service, opens_at=opens_at, closes_at=closes_at,
                                                    created_by=actor if getattr(actor, "pk", None) else None)
        reserved = Slot.objects.filter(pk__in=ids, booking__isnull=True).update(lottery_round=lottery_round)
        record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, obj=lottery_round,
               details={"service": service.code, "opens_at": opens_at.isoformat(),
                        "closes_at": closes_at.isoformat(), "slots": reserved})
    return lottery_round


def is_open(lottery_round: LotteryRound, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return lottery_round.status == RoundStatus.COLLECTING and lottery_round.opens_at <= now < lottery_round.closes_at


def enter(lottery_round: LotteryRound, *, name: str, email: str, language: str = "de",
          now: datetime | None = None) -> tuple[LotteryEntry, bool]:
    """Take a request for the round: one per e-mail address; a second one returns the first (created False).

    Saying "already entered" would tell anyone whether an address takes part, so the caller shows the same
    confirmation either way. LotteryRefused (client texts) outside the window."""
    now = now or timezone.now()
    if not email.strip():
        raise LotteryRefused(pgettext("client", "Bitte geben Sie Ihre E-Mail-Adresse ein."), code="email")
    with transaction.atomic():
        requester = _locked_requester(email)
        current = LotteryRound.objects.select_for_update().get(pk=lottery_round.pk)
        if not is_open(current, now):
            raise LotteryRefused(pgettext("client", "Für diese Verlosung werden keine Anfragen mehr angenommen."),
                                 code="closed")
        existing = LotteryEntry.objects.filter(round=current, requester=requester).first()
        if existing is not None:
            return existing, False
        entry = LotteryEntry.objects.create(round=current, requester=requester, name=name.strip(),
                                            email=email.strip(), language=language, created_at=now)
        record(actor=None, action=AuditAction.CREATE, purpose=PURPOSE, obj=entry,
               details={"round": current.pk, "language": language})
    return entry, True


def shuffled(entry_ids: list[int], seed: str) -> list[int]:
    """The draw itself: the entries in id order, shuffled by the seed. Pure, so anyone can repeat it."""
    order = sorted(entry_ids)
    random.Random(seed).shuffle(order)
    return order


def _offers(service: Service, slots: list[Slot]) -> list[Offer]:
    """Non-overlapping appointment times made of consecutive slots on one counter, in slot order."""
    need = slots_needed(service, BookingSettings.current())
    by_counter: dict[int, list[Slot]] = defaultdict(list)
    for slot in sorted(slots, key=lambda s: (s.counter_id, s.starts_at)):
        by_counter[slot.counter_id].append(slot)
    result: list[Offer] = []
    for counter_id, run in by_counter.items():
        i = 0
        while i + need <= len(run):
            piece = run[i:i + need]
            if all(piece[k].ends_at == piece[k + 1].starts_at for k in range(need - 1)):
                result.append(Offer(counter_id, piece[0].starts_at, piece[-1].ends_at, tuple(s.pk for s in piece)))
                i += need
            else:
                i += 1
    result.sort(key=lambda o: (o.starts_at, o.counter_id))
    return result


def draw(lottery_round: LotteryRound, *, actor: Any = None, now: datetime | None = None) -> DrawResult:
    """Draw a round whose window has closed; a round drawn before is left as it is (``drawn_now`` False).

    All or nothing in one transaction: the reserved slots are released (row-locked), the winners get
    appointments on them in rank order, the others are marked LOST and what is left is bookable first-come.
    """
    now = now or timezone.now()
    with transaction.atomic():
        current = LotteryRound.objects.select_for_update().select_related("service").get(pk=lottery_round.pk)
        if current.status != RoundStatus.COLLECTING:
            return DrawResult(round=current, drawn_now=False)
        if now < current.closes_at:
            raise LotteryRefused(_("Die Anfragefrist läuft noch bis %(time)s.")
                                 % {"time": timezone.localtime(current.closes_at).strftime("%d.%m.%Y %H:%M")},
                                 code="still_open")
        slots = list(Slot.objects.select_for_update().filter(lottery_round=current).order_by("pk"))
        Slot.objects.filter(pk__in=[s.pk for s in slots]).update(lottery_round=None)
        booked = set(SlotBooking.objects.filter(slot__in=slots).values_list("slot_id", flat=True))
        # Only slots ahead of the draw can be given; past ones are simply released.
        offers = _offers(current.service, [s for s in slots if s.pk not in booked and s.starts_at > now])
        current.seed = secrets.token_hex(16)
        entries = {e.pk: e for e in LotteryEntry.objects.filter(round=current).select_related("requester")}
        order = shuffled(list(entries), current.seed)
        winners = losers = 0
        for rank, entry_id in enumerate(order, start=1):
            entry = entries[entry_id]
            entry.rank = rank
            if rank <= len(offers):
                entry.appointment = _create(
                    current.service, offers[rank - 1], requester=entry.requester, name=entry.name,
                    email=entry.email, phone="", language=entry.language, person=None, status=Status.BOOKED,
                    offer_expires_at=None, rebooked_from=None)
                entry.result = EntryResult.WON
                winners += 1
                record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, obj=entry.appointment,
                       details={"service": current.service.code, "starts_at": entry.appointment.starts_at.isoformat(),
                                "status": entry.appointment.status, "public": True, "lottery_round": current.pk,
                                "rank": rank})
            else:
                entry.result = EntryResult.LOST
                losers += 1
            entry.save(update_fields=["rank", "result", "appointment"])
        current.status = RoundStatus.DRAWN
        current.drawn_at = now
        current.save(update_fields=["seed", "status", "drawn_at"])
        released = len(slots) - sum(len(offers[i].slot_ids) for i in range(winners))
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, obj=current,
               details={"status": current.status, "seed": current.seed, "entries": len(order), "won": winners,
                        "lost": losers, "released_slots": released})
        _notify(list(entries.values()))
    return DrawResult(round=current, drawn_now=True, winners=winners, losers=losers, released=released)


def _notify(entries: list[LotteryEntry]) -> None:
    """After the commit: winners get the usual booking confirmation, the others a short e-mail of their own."""
    from ..tasks_lottery import send_lost_notice

    for entry in entries:
        if entry.result == EntryResult.WON:
            _notice(entry.appointment, "confirmation")
        elif entry.email:
            pk = entry.pk
            transaction.on_commit(lambda pk=pk: send_lost_notice.delay(pk), robust=True)


def lost_message(entry: LotteryEntry) -> EmailMessage:
    """The e-mail to someone who got no appointment, in the language they entered in."""
    language = entry.language if entry.language in dict(settings.CLIENT_LANGUAGES) else "de"
    with translation.override(language):
        service = entry.round.service.name_in(language)[0]
        parts = [
            notify.greeting_for(entry.name),
            pgettext("client", "bei der Verlosung der Termine für „%(service)s“ haben Sie leider keinen Termin "
                               "erhalten. Es gab mehr Anfragen als freie Termine.") % {"service": service},
            pgettext("client", "Freie Termine können Sie jederzeit hier buchen:\n%(url)s")
            % {"url": settings.SITE_URL + reverse("booking:services", kwargs={"lang": language})},
            notify.closing(),
        ]
        subject = pgettext("client", "Ergebnis der Verlosung: %(service)s") % {"service": service}
    return EmailMessage(subject=subject, body="\n\n".join(parts), to=[entry.email])


def send_lost(entry: LotteryEntry) -> bool:
    """Send the no-appointment e-mail; audited, as it reads the entry's personal data."""
    if not entry.email or entry.result != EntryResult.LOST:
        return False
    lost_message(entry).send()
    record(actor=None, action=AuditAction.EXPORT, purpose=PURPOSE, obj=entry, details={"notice": "lottery_lost"})
    return True


def verify(lottery_round: LotteryRound) -> Verification:
    """Re-compute the draw from the stored seed and compare it with the stored ranks and results."""
    if lottery_round.status != RoundStatus.DRAWN or not lottery_round.seed:
        return Verification(ok=False, problems=[_("Die Runde ist noch nicht verlost.")])
    entries = {e.pk: e for e in LotteryEntry.objects.filter(round=lottery_round).select_related("appointment")}
    order = shuffled(list(entries), lottery_round.seed)
    problems: list[str] = []
    winners = sum(1 for e in entries.values() if e.result == EntryResult.WON)
    previous_start: datetime | None = None
    for rank, entry_id in enumerate(order, start=1):
        entry = entries[entry_id]
        if entry.rank != rank:
            problems.append(_("Anfrage %(id)s: Rang %(stored)s gespeichert, %(expected)s berechnet.")
                            % {"id": entry_id, "stored": entry.rank, "expected": rank})
        expected = EntryResult.WON if rank <= winners else EntryResult.LOST
        if entry.result != expected:
            problems.append(_("Anfrage %(id)s: Ergebnis passt nicht zum Rang %(rank)s.") % {"id": entry_id,
                                                                                           "rank": rank})
        if expected == EntryResult.WON and entry.appointment is not None:
            start = entry.appointment.starts_at
            if previous_start is not None and start < previous_start:
                problems.append(_("Anfrage %(id)s: Termin nicht in der Reihenfolge der Ränge.") % {"id": entry_id})
            previous_start = start
    return Verification(ok=not problems, expected_order=order, problems=problems)


def due_rounds(now: datetime | None = None):
    """Rounds whose window has closed and that are not drawn yet."""
    return LotteryRound.objects.filter(status=RoundStatus.COLLECTING, closes_at__lte=now or timezone.now())


def draw_due(now: datetime | None = None) -> int:
    """Draw every due round (each in its own transaction); the number drawn now."""
    return sum(draw(r, now=now).drawn_now for r in list(due_rounds(now)))


def results(lottery_round: LotteryRound) -> list[LotteryEntry]:
    """The entries by rank (not yet drawn: by arrival), with their appointments, for the staff page."""
    qs = LotteryEntry.objects.filter(round=lottery_round).select_related("appointment", "appointment__counter")
    return list(qs.order_by("rank", "pk") if lottery_round.status == RoundStatus.DRAWN else qs.order_by("pk"))


def reserved_count(lottery_round: LotteryRound) -> int:
    return Slot.objects.filter(lottery_round=lottery_round).count()


__all__ = ["DrawResult", "LotteryRefused", "Verification", "draw", "draw_due", "due_rounds",
           "enter", "is_open", "lost_message", "open_round", "reserved_count", "results", "send_lost", "shuffled", "verify"]
