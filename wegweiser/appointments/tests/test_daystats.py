"""Waiting and service times and no-shows: the formulas, the percentiles and the groupings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ..models import Appointment, Status
from ..services import booking, daystats
from .factories import MONDAY, at, counter, office, service

pytestmark = pytest.mark.django_db


def _appointment(s, hour, minute=0, **fields) -> Appointment:
    a = booking.book(service=s, starts_at=at(MONDAY, hour, minute), name="Amal Beispiel", email="", public=False)
    Appointment.objects.filter(pk=a.pk).update(**fields)
    a.refresh_from_db()
    return a


def test_percentile_interpolates_between_ranks():
    assert daystats.percentile([], 0.5) is None
    assert daystats.percentile([7], 0.9) == 7
    assert daystats.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert daystats.percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)


def test_waiting_counts_from_the_booked_start_for_early_arrivals_and_from_check_in_for_late_ones():
    _, s = office()
    early = _appointment(s, 8, status=Status.DONE, checked_in_at=at(MONDAY, 7, 40), called_at=at(MONDAY, 8, 5),
                         finished_at=at(MONDAY, 8, 17))
    late = _appointment(s, 9, status=Status.CALLED, checked_in_at=at(MONDAY, 9, 10), called_at=at(MONDAY, 9, 30))
    called_early = _appointment(s, 10, status=Status.CALLED, checked_in_at=at(MONDAY, 9, 50),
                                called_at=at(MONDAY, 9, 55))
    assert daystats.waiting_minutes(early) == 5
    assert daystats.service_minutes(early) == 12
    assert daystats.waiting_minutes(late) == 20
    assert daystats.service_minutes(late) is None
    assert daystats.waiting_minutes(called_early) == 0


def test_figures_per_counter_count_no_shows_among_due_appointments_only():
    c, s = office()
    c2 = counter("Schalter 2")
    s.counters.add(c2)
    from ..services import slots

    slots.publish(today=MONDAY)
    _appointment(s, 8, status=Status.DONE, checked_in_at=at(MONDAY, 8), called_at=at(MONDAY, 8, 10),
                 finished_at=at(MONDAY, 8, 20))
    _appointment(s, 8, 15, status=Status.NO_SHOW)
    _appointment(s, 8, 30, status=Status.DONE, checked_in_at=at(MONDAY, 8, 30), called_at=at(MONDAY, 8, 50),
                 finished_at=at(MONDAY, 9, 10))
    _appointment(s, 9)  # still booked: not due yet, not counted
    other = _appointment(s, 8, status=Status.NO_SHOW)
    assert other.counter == c2
    days = {d.counter_name: d.figures for d in daystats.per_counter(MONDAY)}
    first = days["Schalter 1"]
    assert (first.due, first.no_shows, first.served) == (3, 1, 2)
    assert first.no_show_rate == pytest.approx(1 / 3)
    assert first.waiting_median == 15 and first.service_median == 15
    assert days["Schalter 2"].no_show_rate == 1
    assert [d.counter_name for d in daystats.per_counter(MONDAY, [c.pk])] == ["Schalter 1"]


def test_per_service_and_week_groups_by_iso_week_and_service():
    c, s = office(horizon_days=14)
    other = service("abholung", counters=[c], name={"de": "Dokument abholen"})
    _appointment(s, 8, status=Status.NO_SHOW)
    a = booking.book(service=s, starts_at=at(MONDAY + timedelta(days=7), 8), name="B", email="", public=False)
    Appointment.objects.filter(pk=a.pk).update(status=Status.DONE, checked_in_at=at(MONDAY + timedelta(days=7), 8),
                                               called_at=at(MONDAY + timedelta(days=7), 8, 30),
                                               finished_at=at(MONDAY + timedelta(days=7), 8, 45))
    b = booking.book(service=other, starts_at=at(MONDAY, 9), name="C", email="", public=False)
    Appointment.objects.filter(pk=b.pk).update(status=Status.NO_SHOW)
    rows = daystats.per_service_and_week(MONDAY, MONDAY + timedelta(days=13))
    assert [(r.service_name, r.week, r.figures.due, r.figures.no_shows) for r in rows] == [
        ("Aufenthaltserlaubnis verlängern", 9, 1, 1), ("Aufenthaltserlaubnis verlängern", 10, 1, 0),
        ("Dokument abholen", 9, 1, 1)]
    assert rows[1].figures.waiting_p90 == 30 and rows[1].monday == MONDAY + timedelta(days=7)
    total = daystats.totals(MONDAY, MONDAY + timedelta(days=13))
    assert (total.due, total.no_shows) == (3, 2)
    assert daystats.totals(MONDAY + timedelta(days=1), MONDAY + timedelta(days=6)).due == 0
