"""Waiting and service times and no-shows: aggregates only, never who waited.

Waiting time is measured from the later of arrival (check-in) and the booked start until the call-up:
someone who comes early does not wait "because of the office". Service time runs from the call-up until the
appointment is marked done. The no-show rate counts no-shows among the appointments that were due (those that
came plus those that did not). Percentiles are computed here (linear interpolation) so that SQLite and
PostgreSQL give the same numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from ..models import Appointment, Status
from .calendar import local

#: Appointments that were due: the person came (and was served or is still there) or did not come.
DUE = (Status.CHECKED_IN, Status.CALLED, Status.DONE, Status.NO_SHOW)


def percentile(values: list[float], q: float) -> float | None:
    """The ``q``-quantile (0 ≤ q ≤ 1) with linear interpolation between the closest ranks; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def waiting_minutes(appointment: Appointment) -> float | None:
    """called_at − max(checked_in_at, starts_at) in minutes (never negative); None before the call-up."""
    if appointment.called_at is None:
        return None
    since = max(filter(None, (appointment.checked_in_at, appointment.starts_at)))
    return max(0.0, (appointment.called_at - since).total_seconds() / 60)


def service_minutes(appointment: Appointment) -> float | None:
    """finished_at − called_at in minutes; None until the appointment is done."""
    if appointment.called_at is None or appointment.finished_at is None:
        return None
    return max(0.0, (appointment.finished_at - appointment.called_at).total_seconds() / 60)


@dataclass(frozen=True)
class Figures:
    """Aggregates of a group of appointments (a counter's day, a service's week)."""

    due: int
    no_shows: int
    served: int
    waiting_median: float | None
    waiting_p90: float | None
    service_median: float | None
    service_p90: float | None

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.due if self.due else None

    @property
    def no_show_percent(self) -> float | None:
        rate = self.no_show_rate
        return None if rate is None else rate * 100


def figures(appointments: Iterable[Appointment]) -> Figures:
    rows = list(appointments)
    waits = [w for w in (waiting_minutes(a) for a in rows) if w is not None]
    serves = [s for s in (service_minutes(a) for a in rows) if s is not None]
    return Figures(
        due=sum(1 for a in rows if a.status in DUE), no_shows=sum(1 for a in rows if a.status == Status.NO_SHOW),
        served=sum(1 for a in rows if a.status == Status.DONE),
        waiting_median=percentile(waits, 0.5), waiting_p90=percentile(waits, 0.9),
        service_median=percentile(serves, 0.5), service_p90=percentile(serves, 0.9),
    )


def _due(first: date, last: date):
    """Appointments that were due from ``first`` to ``last`` (inclusive)."""
    return (Appointment.objects.filter(status__in=DUE, starts_at__gte=local(first, datetime.min.time()),
                                       starts_at__lt=local(last + timedelta(days=1), datetime.min.time())))


@dataclass(frozen=True)
class CounterDay:
    counter_id: int
    counter_name: str
    figures: Figures


def per_counter(day: date, counter_ids: Iterable[int] | None = None) -> list[CounterDay]:
    """The day's figures per counter (all counters that had appointments, or the ones asked for)."""
    qs = _due(day, day).select_related("counter")
    if counter_ids is not None:
        qs = qs.filter(counter_id__in=list(counter_ids))
    groups: dict[int, list[Appointment]] = defaultdict(list)
    names: dict[int, str] = {}
    for appointment in qs:
        groups[appointment.counter_id].append(appointment)
        names[appointment.counter_id] = appointment.counter.name
    return [CounterDay(cid, names[cid], figures(rows)) for cid, rows in sorted(groups.items(), key=lambda i: names[i[0]])]


@dataclass(frozen=True)
class ServiceWeek:
    service_id: int
    service_name: str
    year: int
    week: int
    figures: Figures

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)


def per_service_and_week(first: date, last: date) -> list[ServiceWeek]:
    """Figures per service and ISO week (office time) for appointments from ``first`` to ``last``."""
    groups: dict[tuple[int, int, int], list[Appointment]] = defaultdict(list)
    names: dict[int, str] = {}
    for appointment in _due(first, last).select_related("service"):
        year, week, _day = timezone.localtime(appointment.starts_at).isocalendar()
        groups[(appointment.service_id, year, week)].append(appointment)
        names[appointment.service_id] = str(appointment.service)
    return [ServiceWeek(sid, names[sid], year, week, figures(rows))
            for (sid, year, week), rows in sorted(groups.items(), key=lambda i: (names[i[0][0]], i[0][1], i[0][2]))]


def totals(first: date, last: date) -> Figures:
    """The figures of the whole period."""
    return figures(_due(first, last))
