"""The lottery: reserving slots, one entry per address inside the window, a reproducible draw that is never
repeated, winners in slot order, the rest released to first-come booking, everything audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from wegweiser.audit.models import AuditEntry

from ..models import Appointment, EntryResult, LotteryEntry, RoundStatus, Slot, SlotBooking, Status
from ..services import booking, lottery
from ..tasks_lottery import draw_due_rounds
from .factories import MONDAY, at, office, service

pytestmark = pytest.mark.django_db

OPENS = at(MONDAY - timedelta(days=7), 8)
CLOSES = at(MONDAY - timedelta(days=3), 12)
DURING = at(MONDAY - timedelta(days=5), 10)
AFTER = at(MONDAY - timedelta(days=2), 9)


def _office():
    """Slots published a week ahead of MONDAY: the round reserves MONDAY's 16 slots (8–12, 15 minutes)."""
    return office(today=MONDAY - timedelta(days=7), horizon_days=14)


def _round(s, **kw):
    return lottery.open_round(service=s, opens_at=kw.pop("opens_at", OPENS), closes_at=kw.pop("closes_at", CLOSES),
                              first_day=MONDAY, last_day=kw.pop("last_day", MONDAY), **kw)


def _enter(r, n: int, now=DURING):
    return [lottery.enter(r, name=f"Person {i}", email=f"p{i}@example.org", now=now)[0] for i in range(n)]


def test_opening_a_round_reserves_the_free_slots_of_those_days_so_nobody_can_book_them_first_come():
    _, s = _office()
    taken = booking.book(service=s, starts_at=at(MONDAY, 8), name="A", email="a@example.org", public=False,
                         now=DURING - timedelta(days=1))
    r = _round(s)
    assert lottery.reserved_count(r) == 15  # 16 slots on MONDAY, one already booked
    assert not SlotBooking.objects.filter(slot__lottery_round=r).exists() and taken.status == Status.BOOKED
    assert Slot.objects.filter(lottery_round__isnull=True, starts_at__date=MONDAY).count() == 1
    with pytest.raises(booking.BookingRefused) as refused:
        booking.book(service=s, starts_at=at(MONDAY, 9), name="B", email="b@example.org", now=DURING)
    assert refused.value.code == "taken"


def test_a_round_without_free_slots_after_the_window_is_refused():
    _, s = _office()
    with pytest.raises(lottery.LotteryRefused) as refused:
        lottery.open_round(service=s, opens_at=OPENS, closes_at=at(MONDAY + timedelta(days=1), 0),
                           first_day=MONDAY, last_day=MONDAY)
    assert refused.value.code == "no_slots"
    with pytest.raises(lottery.LotteryRefused):
        lottery.open_round(service=s, opens_at=CLOSES, closes_at=OPENS, first_day=MONDAY, last_day=MONDAY)


def test_one_entry_per_email_address_and_only_while_the_window_is_open():
    _, s = _office()
    r = _round(s)
    first, created = lottery.enter(r, name="Amal", email="Amal@Example.org ", now=DURING)
    again, created_again = lottery.enter(r, name="Amal B.", email="amal@example.org", now=DURING)
    assert created and not created_again and again == first
    assert LotteryEntry.objects.count() == 1
    for when in (OPENS - timedelta(minutes=1), CLOSES):
        with pytest.raises(lottery.LotteryRefused) as refused:
            lottery.enter(r, name="Late", email="late@example.org", now=when)
        assert refused.value.code == "closed"


def test_the_draw_waits_for_the_end_of_the_window():
    _, s = _office()
    r = _round(s)
    _enter(r, 3)
    with pytest.raises(lottery.LotteryRefused) as refused:
        lottery.draw(r, now=DURING)
    assert refused.value.code == "still_open"
    r.refresh_from_db()
    assert r.status == RoundStatus.COLLECTING and not r.seed


def test_more_requests_than_slots_winners_get_the_slots_in_rank_order_and_the_rest_lose():
    _, s = _office()
    r = _round(s)
    entries = _enter(r, 20)
    result = lottery.draw(r, now=AFTER)
    assert (result.drawn_now, result.winners, result.losers, result.released) == (True, 16, 4, 0)
    r.refresh_from_db()
    assert r.status == RoundStatus.DRAWN and len(r.seed) == 32 and r.drawn_at == AFTER
    ranked = sorted(LotteryEntry.objects.filter(round=r).select_related("appointment"), key=lambda e: e.rank)
    assert [e.rank for e in ranked] == list(range(1, 21))
    assert [e.pk for e in ranked] == lottery.shuffled([e.pk for e in entries], r.seed)
    winners = [e for e in ranked if e.result == EntryResult.WON]
    assert len(winners) == 16 and all(e.result == EntryResult.LOST and e.appointment is None for e in ranked[16:])
    starts = [e.appointment.starts_at for e in winners]
    assert starts == sorted(starts) and starts[0] == at(MONDAY, 8) and starts[-1] == at(MONDAY, 11, 45)
    assert all(e.appointment.email == e.email and e.appointment.requester_id == e.requester_id for e in winners)
    assert SlotBooking.objects.count() == 16 and Appointment.objects.count() == 16
    assert not Slot.objects.filter(lottery_round=r).exists()
    assert lottery.verify(r).ok


def test_fewer_requests_than_slots_leave_the_rest_to_first_come_booking():
    _, s = _office()
    r = _round(s)
    _enter(r, 3)
    result = lottery.draw(r, now=AFTER)
    assert (result.winners, result.losers, result.released) == (3, 0, 13)
    late = booking.book(service=s, starts_at=at(MONDAY, 11), name="B", email="b@example.org", now=AFTER)
    assert late.status == Status.BOOKED


def test_a_drawn_round_is_never_drawn_again():
    _, s = _office()
    r = _round(s)
    _enter(r, 20)
    lottery.draw(r, now=AFTER)
    r.refresh_from_db()
    seed, ranks = r.seed, list(LotteryEntry.objects.order_by("pk").values_list("rank", "result", "appointment"))
    again = lottery.draw(r, now=AFTER + timedelta(hours=1))
    r.refresh_from_db()
    assert not again.drawn_now and r.seed == seed
    assert list(LotteryEntry.objects.order_by("pk").values_list("rank", "result", "appointment")) == ranks
    assert Appointment.objects.count() == 16


def test_the_draw_can_be_recomputed_from_the_seed_and_a_changed_result_is_found():
    assert lottery.shuffled([3, 1, 2, 4], "abc") == lottery.shuffled([1, 2, 3, 4], "abc")
    assert lottery.shuffled(list(range(50)), "abc") != lottery.shuffled(list(range(50)), "abd")
    _, s = _office()
    r = _round(s)
    _enter(r, 20)
    lottery.draw(r, now=AFTER)
    r.refresh_from_db()
    assert lottery.verify(r).ok
    first, last = (LotteryEntry.objects.get(round=r, rank=1), LotteryEntry.objects.get(round=r, rank=20))
    LotteryEntry.objects.filter(pk=first.pk).update(rank=20, result=EntryResult.LOST)
    LotteryEntry.objects.filter(pk=last.pk).update(rank=1, result=EntryResult.WON)
    check = lottery.verify(r)
    assert not check.ok and len(check.problems) == 4


def test_a_longer_service_gets_runs_of_consecutive_slots():
    c, _ = _office()
    long = service("einbuergerung", counters=[c], duration=30)
    r = _round(long)
    _enter(r, 10)
    result = lottery.draw(r, now=AFTER)
    assert (result.winners, result.losers) == (8, 2)  # 16 slots of 15 minutes make 8 appointments of 30
    for appointment in Appointment.objects.all():
        assert appointment.ends_at - appointment.starts_at == timedelta(minutes=30)
        assert appointment.slot_bookings.count() == 2


def test_the_task_draws_due_rounds_only():
    _, s = _office()
    due = _round(s)
    later = _round(s, closes_at=at(MONDAY - timedelta(days=1), 12), last_day=MONDAY + timedelta(days=1))
    _enter(due, 2)
    assert lottery.draw_due(now=AFTER) == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == RoundStatus.DRAWN and later.status == RoundStatus.COLLECTING
    assert lottery.draw_due(now=AFTER) == 0
    with freeze_time(at(MONDAY - timedelta(days=1), 13)):  # the second window has closed too
        assert draw_due_rounds.apply().get() == {"drawn": 1}
    later.refresh_from_db()
    assert later.status == RoundStatus.DRAWN


def test_entries_and_the_draw_are_audited_without_names_or_addresses():
    _, s = _office()
    r = _round(s)
    _enter(r, 3)
    lottery.draw(r, now=AFTER)
    entries = AuditEntry.objects.filter(purpose=booking.PURPOSE)
    kinds = [(e.object_type, e.action) for e in entries.order_by("id")]
    assert kinds.count(("appointments.lotteryentry", "create")) == 3
    assert kinds.count(("appointments.appointment", "create")) == 3
    assert ("appointments.lotteryround", "create") in kinds and ("appointments.lotteryround", "change") in kinds
    text = str([e.details for e in entries])
    assert "Person" not in text and "example.org" not in text
    r.refresh_from_db()
    assert r.seed in text


def test_losers_get_an_email_and_winners_the_booking_confirmation(mailoutbox, django_capture_on_commit_callbacks):
    _, s = _office()
    r = _round(s)
    lottery.enter(r, name="Amal", email="amal@example.org", language="ar", now=DURING)
    _enter(r, 16)
    with django_capture_on_commit_callbacks(execute=True):
        lottery.draw(r, now=AFTER)
    assert len(mailoutbox) == 17
    lost = [m for m in mailoutbox if "/termine/" in m.body and "ics" not in str(m.attachments)]
    assert len(lost) == 1
    loser = LotteryEntry.objects.get(round=r, result=EntryResult.LOST)
    assert lost[0].to == [loser.email] and loser.name in lost[0].body
