"""Publishing slots: the counters' opening hours, minus public holidays of the Land and absences, cut into
pieces of ``slot_minutes``. Publishing is idempotent and also withdraws free slots that no longer fit (an
absence recorded later, changed hours); booked slots are never touched, staff see them in the day plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Absence, BookingSettings, Counter, Slot
from .calendar import holiday_name, local, office_zone


@dataclass(frozen=True)
class PublishResult:
    created: int
    withdrawn: int


def wanted_slots(counter: Counter, first: date, last: date, booking: BookingSettings,
                 absences: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The (start, end) pairs the counter should offer from ``first`` to ``last`` inclusive."""
    step = timedelta(minutes=booking.slot_minutes)
    hours = list(counter.hours.all())
    result: list[tuple[datetime, datetime]] = []
    day = first
    while day <= last:
        if not holiday_name(day, booking.land):
            for window in hours:
                if window.weekday != day.weekday():
                    continue
                start, end = local(day, window.opens), local(day, window.closes)
                while start + step <= end:
                    stop = start + step
                    if not any(a_start < stop and start < a_end for a_start, a_end in absences):
                        result.append((start, stop))
                    start = stop
        day += timedelta(days=1)
    return result


def _absences(counter: Counter, first: date, last: date) -> list[tuple[datetime, datetime]]:
    begin = local(first, datetime.min.time())
    end = local(last + timedelta(days=1), datetime.min.time())
    who = Q(counter=counter)
    if counter.staff_id:
        who |= Q(user_id=counter.staff_id)
    return list(Absence.objects.filter(who, starts_at__lt=end, ends_at__gt=begin).values_list("starts_at", "ends_at"))


def publish(*, today: date | None = None, counters: list[Counter] | None = None) -> PublishResult:
    """Make the published slots of ``counters`` (all active ones) match the calendar for the booking horizon."""
    booking = BookingSettings.current()
    today = today or timezone.localdate()
    last = today + timedelta(days=booking.horizon_days)
    counters = counters if counters is not None else list(Counter.objects.filter(active=True))
    created = withdrawn = 0
    for counter in Counter.objects.filter(pk__in=[c.pk for c in counters]).prefetch_related("hours"):
        wanted = wanted_slots(counter, today, last, booking, _absences(counter, today, last)) if counter.active else []
        wanted_starts = {start for start, _ in wanted}
        window = Slot.objects.filter(counter=counter, starts_at__gte=local(today, datetime.min.time()),
                                     starts_at__lt=local(last + timedelta(days=1), datetime.min.time()))
        with transaction.atomic():
            existing = {s.starts_at.astimezone(office_zone()): s for s in window.select_for_update()}
            stale = [s for start, s in existing.items() if start not in wanted_starts]
            if stale:
                withdrawn += Slot.objects.filter(pk__in=[s.pk for s in stale], booking__isnull=True,
                                                 lottery_round__isnull=True).delete()[0]
            # Slots that no longer fit but are booked stay; nothing new may overlap them (e.g. a changed grid).
            kept = [(s.starts_at, s.ends_at) for s in Slot.objects.filter(pk__in=[s.pk for s in stale])]
            new = [Slot(counter=counter, starts_at=start, ends_at=end) for start, end in wanted
                   if start not in existing and not any(k_start < end and start < k_end for k_start, k_end in kept)]
            Slot.objects.bulk_create(new, batch_size=1000)
        created += len(new)
    return PublishResult(created=created, withdrawn=withdrawn)
