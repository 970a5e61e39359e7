"""Which appointment times a service has free: runs of consecutive free slots on one counter that is
assigned to the service, long enough for its duration, inside the lead time and the booking horizon."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from ..models import BookingSettings, Service, Slot
from .calendar import local


@dataclass(frozen=True)
class Offer:
    """A bookable start: counter and time; ``slot_ids`` are the slots it would take."""

    counter_id: int
    starts_at: datetime
    ends_at: datetime
    slot_ids: tuple[int, ...]


def slots_needed(service: Service, booking: BookingSettings) -> int:
    return max(1, math.ceil(service.duration_minutes / booking.slot_minutes))


def window(booking: BookingSettings, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The earliest and the latest start the public may book now."""
    now = now or timezone.now()
    last_day = timezone.localdate(now) + timedelta(days=booking.horizon_days)
    return now + timedelta(hours=booking.min_lead_hours), local(last_day + timedelta(days=1), datetime.min.time())


def offers(service: Service, *, day: date | None = None, now: datetime | None = None,
           booking: BookingSettings | None = None, include_lottery: bool = False, public: bool = True,
           ) -> list[Offer]:
    """Free starts of ``service`` (on ``day`` only, if given), earliest first, one per counter and time.

    ``public``: only inside the lead time and the horizon; staff (``public=False``) see every published slot
    from now on."""
    booking = booking or BookingSettings.current()
    if public:
        earliest, latest = window(booking, now)
    else:
        earliest, latest = now or timezone.now(), None
    if day is not None:
        day_end = local(day + timedelta(days=1), datetime.min.time())
        earliest = max(earliest, local(day, datetime.min.time()))
        latest = day_end if latest is None else min(latest, day_end)
    if latest is not None and earliest >= latest:
        return []
    rows = Slot.objects.filter(counter__in=service.counters.filter(active=True), starts_at__gte=earliest,
                               booking__isnull=True)
    if latest is not None:
        rows = rows.filter(starts_at__lt=latest)
    if not include_lottery:
        rows = rows.filter(lottery_round__isnull=True)
    by_counter: dict[int, list[tuple]] = defaultdict(list)
    for row in rows.order_by("counter_id", "starts_at").values_list("id", "counter_id", "starts_at", "ends_at"):
        by_counter[row[1]].append(row)
    need = slots_needed(service, booking)
    result: list[Offer] = []
    for counter_id, slots in by_counter.items():
        for i in range(len(slots) - need + 1):
            run = slots[i:i + need]
            if all(run[k][3] == run[k + 1][2] for k in range(need - 1)):
                result.append(Offer(counter_id, run[0][2], run[-1][3], tuple(r[0] for r in run)))
    result.sort(key=lambda o: (o.starts_at, o.counter_id))
    return result


def free_days(service: Service, *, now: datetime | None = None) -> list[date]:
    """The days with at least one free start, for the calendar of the booking page."""
    return sorted({timezone.localdate(o.starts_at) for o in offers(service, now=now)})
