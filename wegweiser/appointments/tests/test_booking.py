"""Publishing slots and booking: holidays, absences, no slot twice, per-person limit, cancel, rebook, links."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.db import IntegrityError, transaction

from wegweiser.audit.models import AuditEntry

from ..models import Absence, Appointment, Requester, Slot, SlotBooking, Status
from ..services import availability, booking, links, slots
from .factories import MONDAY, at, counter, office, service

pytestmark = pytest.mark.django_db
NOW = at(MONDAY, 7)


def _book(s, starts_at, email="a@example.org", **kw):
    return booking.book(service=s, starts_at=starts_at, name="Amal Beispiel", email=email, now=NOW, **kw)


def test_slots_follow_opening_hours_and_skip_public_holidays():
    office(today=date(2026, 12, 21), horizon_days=6)  # Mon 21.12. … Sun 27.12.2026; 25./26.12. are holidays
    days = sorted({s.starts_at.astimezone(at(MONDAY, 0).tzinfo).date() for s in Slot.objects.all()})
    assert days == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23), date(2026, 12, 24)]
    assert Slot.objects.filter(starts_at__date=date(2026, 12, 21)).count() == 16  # 8–12 in 15 minutes


def test_publishing_is_idempotent_and_withdraws_free_slots_under_an_absence_but_keeps_booked_ones():
    c, s = office()
    before = Slot.objects.count()
    assert slots.publish(today=MONDAY).created == 0 and Slot.objects.count() == before
    kept = _book(s, at(MONDAY, 9))
    Absence.objects.create(counter=c, starts_at=at(MONDAY, 8), ends_at=at(MONDAY, 10), reason="Schulung")
    result = slots.publish(today=MONDAY)
    assert result.withdrawn == 7  # 8:00–10:00 without the booked 9:00
    assert SlotBooking.objects.filter(appointment=kept).count() == 1
    assert not availability.offers(s, day=MONDAY, now=NOW)[0].starts_at < at(MONDAY, 10)


def test_an_absence_of_the_counters_staff_member_closes_it(django_user_model):
    user = django_user_model.objects.create_user(username="sb1", password="x")
    office()
    c2 = counter("Schalter 2", staff=user)
    Absence.objects.create(user=user, starts_at=at(MONDAY, 0), ends_at=at(MONDAY + timedelta(days=1), 0))
    slots.publish(today=MONDAY)
    assert not Slot.objects.filter(counter=c2, starts_at__date=MONDAY).exists()
    assert Slot.objects.filter(counter=c2, starts_at__date=MONDAY + timedelta(days=1)).count() == 16


def test_a_longer_service_takes_consecutive_slots_on_one_counter():
    c, _ = office()
    long = service("einbuergerung", counters=[c], duration=40)
    offer = availability.offers(long, day=MONDAY, now=NOW)[0]
    assert len(offer.slot_ids) == 3 and offer.ends_at - offer.starts_at == timedelta(minutes=45)
    assert availability.offers(long, day=MONDAY, now=NOW)[-1].starts_at == at(MONDAY, 11, 15)
    appointment = _book(long, at(MONDAY, 8))
    assert appointment.ends_at == at(MONDAY, 8, 45)
    assert availability.offers(long, day=MONDAY, now=NOW)[0].starts_at == at(MONDAY, 8, 45)


def test_no_slot_is_given_twice():
    _, s = office()
    _book(s, at(MONDAY, 8), email="a@example.org")
    with pytest.raises(booking.BookingRefused) as refused:
        _book(s, at(MONDAY, 8), email="b@example.org")
    assert refused.value.code == "taken"
    assert Appointment.objects.count() == 1
    # A time that is gone is refused before anything is locked or written: no requester row for b.
    assert list(Requester.objects.values_list("email_key", flat=True)) == ["a@example.org"]


def test_a_refusal_for_a_taken_time_carries_the_other_free_starts_of_the_day():
    c, s = office()
    c2 = counter("Schalter 2")
    s.counters.add(c2)
    slots.publish(today=MONDAY)
    _book(s, at(MONDAY, 8), email="a@example.org")
    _book(s, at(MONDAY, 8), email="b@example.org")
    with pytest.raises(booking.BookingRefused) as refused:
        _book(s, at(MONDAY, 8), email="c@example.org")
    assert refused.value.free == availability.offers(s, day=MONDAY, now=NOW)
    assert refused.value.free and all(o.starts_at != at(MONDAY, 8) for o in refused.value.free)
    with pytest.raises(booking.BookingRefused) as closed:
        _book(s, at(MONDAY, 12), email="c@example.org")  # past closing time: never offered
    assert closed.value.code == "taken" and closed.value.free == refused.value.free


def test_the_database_refuses_a_second_booking_of_a_slot_even_past_the_service():
    _, s = office()
    first = _book(s, at(MONDAY, 8))
    slot = first.slot_bookings.get().slot
    other = Appointment.objects.create(reference="X", service=s, counter=first.counter, starts_at=first.starts_at,
                                       ends_at=first.ends_at, name="B", link_nonce="n")
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotBooking.objects.create(slot=slot, appointment=other)


def test_a_second_counter_serves_the_same_time():
    c, s = office()
    c2 = counter("Schalter 2")
    s.counters.add(c2)
    slots.publish(today=MONDAY)
    a = _book(s, at(MONDAY, 8), email="a@example.org")
    b = _book(s, at(MONDAY, 8), email="b@example.org")
    assert {a.counter, b.counter} == {c, c2}


def test_per_person_limit_counts_open_appointments_of_the_email_address():
    _, s = office(max_open_per_email=2)
    _book(s, at(MONDAY, 8), email="Amal@Example.org ")
    _book(s, at(MONDAY, 9), email="amal@example.org")
    with pytest.raises(booking.BookingRefused) as refused:
        _book(s, at(MONDAY, 10), email="AMAL@example.org")
    assert refused.value.code == "limit"


def test_lead_time_and_horizon_are_enforced_for_public_bookings_only():
    _, s = office(min_lead_hours=2, horizon_days=3)
    with pytest.raises(booking.BookingRefused):
        _book(s, at(MONDAY, 8, 45))  # now is 7:00, earliest 9:00
    with pytest.raises(booking.BookingRefused):
        _book(s, at(MONDAY + timedelta(days=7), 8))
    assert _book(s, at(MONDAY, 8, 45), public=False).status == Status.BOOKED


def test_an_offline_service_cannot_be_booked_publicly():
    c, _ = office()
    internal = service("lotsin", counters=[c], public=False)
    with pytest.raises(booking.BookingRefused):
        _book(internal, at(MONDAY, 8))
    assert _book(internal, at(MONDAY, 8), public=False)


def test_cancelling_frees_the_slot_and_invalidates_the_link():
    _, s = office()
    appointment = _book(s, at(MONDAY, 8))
    token = links.make_token(appointment)
    assert links.resolve(token) == appointment
    booking.cancel(appointment)
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED and not appointment.slot_bookings.exists()
    assert links.resolve(token) is None
    assert _book(s, at(MONDAY, 8), email="b@example.org")
    with pytest.raises(booking.BookingRefused):
        booking.cancel(appointment)


def test_a_forged_link_resolves_to_nothing():
    _, s = office()
    appointment = _book(s, at(MONDAY, 8))
    assert links.resolve(links.make_token(appointment)[:-2] + "xx") is None
    assert links.resolve("nonsense") is None


def test_rebooking_moves_the_appointment_within_the_limit():
    _, s = office(max_open_per_email=1)
    old = _book(s, at(MONDAY, 8))
    new = booking.rebook(old, starts_at=at(MONDAY, 9), now=NOW)
    old.refresh_from_db()
    assert old.status == Status.CANCELLED and new.rebooked_from == old
    assert new.starts_at == at(MONDAY, 9) and new.status == Status.BOOKED
    assert _book(s, at(MONDAY, 8), email="b@example.org")


def test_a_failed_rebooking_keeps_the_old_appointment():
    _, s = office()
    old = _book(s, at(MONDAY, 8))
    _book(s, at(MONDAY, 9), email="b@example.org")
    with pytest.raises(booking.BookingRefused):
        booking.rebook(old, starts_at=at(MONDAY, 9), now=NOW)
    old.refresh_from_db()
    assert old.status == Status.BOOKED and old.slot_bookings.exists()


def test_the_day_states_stamp_times_and_number_the_queue():
    _, s = office()
    a = _book(s, at(MONDAY, 8), email="a@example.org", public=False)
    b = _book(s, at(MONDAY, 9), email="b@example.org", public=False)
    a = booking.transition(a, Status.CHECKED_IN)
    b = booking.transition(b, Status.CHECKED_IN)
    assert (a.queue_number, b.queue_number) == (1, 2)
    a = booking.transition(a, Status.CALLED)
    a = booking.transition(a, Status.DONE)
    assert a.checked_in_at <= a.called_at <= a.finished_at
    with pytest.raises(booking.BookingRefused):
        booking.transition(a, Status.CHECKED_IN)
    with pytest.raises(booking.BookingRefused):
        booking.transition(b, Status.CALLED, expected_version=1)


def test_booking_and_cancelling_are_audited_without_personal_data_in_the_details():
    _, s = office()
    appointment = _book(s, at(MONDAY, 8))
    booking.cancel(appointment)
    entries = AuditEntry.objects.filter(object_type="appointments.appointment", object_id=str(appointment.pk))
    assert [e.action for e in entries.order_by("id")] == ["create", "change"]
    assert "Amal" not in str([e.details for e in entries]) and "example.org" not in str([e.details for e in entries])


def test_time_is_the_office_local_time():
    office()
    first = Slot.objects.order_by("starts_at").first()
    assert first.starts_at == at(MONDAY, 8) and first.starts_at.astimezone(at(MONDAY, 0).tzinfo).time() == time(8)
