"""No slot is ever given twice, also under concurrent requests: real concurrent clients on PostgreSQL.

Each thread has its own database connection (Django opens one per thread) and all start at once behind a
barrier, so row locks and the slot primary key of ``SlotBooking`` are what keeps the result right. SQLite
serialises every writer, which would prove nothing: these tests run only on PostgreSQL (CI's PostgreSQL pass,
or locally with ``DATABASE_URL=postgres://…``).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import time, timedelta
from typing import Any

import pytest
from django.db import connection

from ..models import Appointment, BookingSettings, LotteryRound, Slot, SlotBooking, Status
from ..services import booking, lottery, slots
from .factories import MONDAY, at, counter, service

NOW = at(MONDAY, 7)
THREADS = 24


@pytest.fixture
def _triggers_back(django_db_blocker) -> Iterator[list[str]]:
    """Set up before the transactional database, so it tears down after its flush: switches the audit trail's
    append-only triggers back on (``_postgres`` switched them off for the flush, which they would refuse)."""
    lifted: list[str] = []
    yield lifted
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        while lifted:
            cursor.execute(f"ALTER TABLE {lifted.pop()} ENABLE TRIGGER USER")


@pytest.fixture
def _postgres(_triggers_back: list[str], transactional_db) -> Iterator[None]:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL (SQLite serialises all writers): set DATABASE_URL=postgres://…")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
        for (table,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            _triggers_back.append(table)


def _office(*, slots_per_day: int = 4):
    """One counter open on MONDAY only, 8:00 for ``slots_per_day`` quarter hours, one 15-minute service."""
    BookingSettings.objects.update_or_create(pk=1, defaults={"slot_minutes": 15, "horizon_days": 6,
                                                             "min_lead_hours": 0, "max_open_per_email": 5})
    closes = (8 * 60 + 15 * slots_per_day)
    c = counter(weekdays=[MONDAY.weekday()], opens=time(8), closes=time(closes // 60, closes % 60))
    s = service(counters=[c])
    slots.publish(today=MONDAY)
    assert Slot.objects.count() == slots_per_day
    return c, s


def _race(calls: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Run the calls in threads that start together; ("ok", result) or ("refused", code) per call."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[tuple[str, Any]] = [("none", None)] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[i] = ("ok", calls[i]())
        except booking.BookingRefused as exc:
            outcomes[i] = ("refused", exc.code)
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below, not swallowed
            outcomes[i] = ("error", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung (deadlock?)"
    errors = [o for o in outcomes if o[0] in ("error", "none")]
    assert not errors, errors
    return outcomes


def test_concurrent_bookings_of_the_same_few_slots_give_each_slot_exactly_once(_postgres):
    _, s = _office(slots_per_day=3)
    times = [at(MONDAY, 8), at(MONDAY, 8, 15), at(MONDAY, 8, 30)]

    def attempt(i: int) -> Callable[[], Appointment]:
        return lambda: booking.book(service=s, starts_at=times[i % 3], name=f"P{i}", email=f"p{i}@example.org",
                                    now=NOW)

    outcomes = _race([attempt(i) for i in range(THREADS)])
    won = [o[1] for o in outcomes if o[0] == "ok"]
    assert len(won) == 3 and sorted(a.starts_at for a in won) == times
    assert Counter(o[1] for o in outcomes if o[0] == "refused") == {"taken": THREADS - 3}
    assert Appointment.objects.count() == 3 and SlotBooking.objects.count() == 3
    assert SlotBooking.objects.values("slot").distinct().count() == 3


def test_concurrent_bookings_of_one_slot_by_the_same_address_respect_the_limit(_postgres):
    _, s = _office(slots_per_day=4)
    BookingSettings.objects.filter(pk=1).update(max_open_per_email=2)
    times = [at(MONDAY, 8, 15 * (i % 4)) for i in range(12)]
    outcomes = _race([lambda t=t: booking.book(service=s, starts_at=t, name="P", email="same@example.org", now=NOW)
                      for t in times])
    assert sum(o[0] == "ok" for o in outcomes) == 2  # the requester row lock serialises the limit check
    assert set(o[1] for o in outcomes if o[0] == "refused") <= {"limit", "taken"}
    assert Appointment.objects.filter(status=Status.BOOKED).count() == 2


def test_concurrent_rebook_and_cancel_of_one_appointment_let_exactly_one_win(_postgres):
    _, s = _office(slots_per_day=8)
    original = booking.book(service=s, starts_at=at(MONDAY, 8), name="P", email="p@example.org", now=NOW)
    calls: list[Callable[[], Any]] = []
    for i in range(1, 7):  # six rebookings to different free times, six cancellations
        later = at(MONDAY, 8) + timedelta(minutes=15 * i)
        calls.append(lambda later=later: ("rebook", booking.rebook(original, starts_at=later, now=NOW)))
        calls.append(lambda: ("cancel", booking.cancel(original)))
    outcomes = _race(calls)
    won = [o[1] for o in outcomes if o[0] == "ok"]
    assert len(won) == 1
    assert set(o[1] for o in outcomes if o[0] == "refused") <= {"not_rebookable", "not_cancellable"}
    original.refresh_from_db()
    assert original.status == Status.CANCELLED and not original.slot_bookings.exists()
    holding = Appointment.objects.filter(status=Status.BOOKED)
    if won[0][0] == "rebook":
        assert list(holding) == [won[0][1]] and won[0][1].rebooked_from_id == original.pk
    else:
        assert not holding.exists()
    assert SlotBooking.objects.count() == holding.count()


def test_concurrent_draws_of_one_round_draw_it_once_and_bookings_never_take_its_slots(_postgres):
    _, s = _office(slots_per_day=4)
    opens, closes = at(MONDAY - timedelta(days=3), 8), at(MONDAY - timedelta(days=1), 8)
    r = lottery.open_round(service=s, opens_at=opens, closes_at=closes, first_day=MONDAY, last_day=MONDAY)
    for i in range(6):
        lottery.enter(r, name=f"P{i}", email=f"p{i}@example.org", now=opens + timedelta(hours=1))
    after = closes + timedelta(hours=1)
    calls: list[Callable[[], Any]] = [lambda: lottery.draw(r, now=after).drawn_now for _ in range(4)]
    calls += [lambda i=i: booking.book(service=s, starts_at=at(MONDAY, 8, 15 * (i % 4)), name="F",
                                       email=f"f{i}@example.org", now=after) for i in range(8)]
    outcomes = _race(calls)
    assert [o[1] for o in outcomes[:4]].count(True) == 1
    assert all(o == ("refused", "taken") for o in outcomes[4:])  # 4 slots, 6 entries: the draw gives them all
    r.refresh_from_db()
    assert r.status == "drawn" and LotteryRound.objects.count() == 1
    assert SlotBooking.objects.count() == 4 and Appointment.objects.count() == 4
    assert lottery.verify(r).ok
