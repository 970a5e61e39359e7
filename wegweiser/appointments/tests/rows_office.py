"""Permission-matrix rows of the office side (see wegweiser/core/permission_matrix.py).

The catalogue pages need BOOKING_MANAGE (Teamleitung, Administration); the day plan APPOINTMENT_VIEW and its
buttons and booking for a person APPOINTMENT_HANDLE (Sachbearbeitung, Integrationslotse/-lotsin, Teamleitung);
the statistics STATISTICS_VIEW (Teamleitung, Auswertung). The call-up display is public.
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row, public_row

MANAGE = (Role.TEAMLEITUNG, Role.ADMINISTRATION)
DAY = (Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG)
STATISTICS = (Role.TEAMLEITUNG, Role.AUSWERTUNG)


def _office(world) -> dict:
    from .factories import MONDAY, office

    world.counter, world.service = office(today=MONDAY)
    return {}


def _service(world) -> dict:
    _office(world)
    return {"pk": world.service.pk}


def _counter(world) -> dict:
    _office(world)
    return {"pk": world.counter.pk}


def _absence(world) -> dict:
    from ..models import Absence
    from .factories import MONDAY, at

    _office(world)
    world.absence = Absence.objects.create(counter=world.counter, starts_at=at(MONDAY, 8), ends_at=at(MONDAY, 9))
    return {"pk": world.absence.pk}


def _appointment(world) -> dict:
    from ..services import booking
    from .factories import MONDAY, at

    _office(world)
    world.appointment = booking.book(service=world.service, starts_at=at(MONDAY, 8), name="Amal Beispiel",
                                     email="", public=False)
    return {"pk": world.appointment.pk}


def _without_kwargs(setup):
    """The same data, for a URL without arguments."""
    return lambda world: setup(world) and {}


def _service_post(world) -> dict:
    return {"code": "abholung", "name_de": "Dokument abholen", "duration_minutes": "10", "allocation": "first_come",
            "public": "on", "active": "on", "position": "3", "counters": [str(world.counter.pk)]}


def _counter_post(world) -> dict:
    return {"counter-name": "Schalter 9", "counter-location": "Raum 2", "counter-active": "on",
            "hours-TOTAL_FORMS": "1", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "1000", "hours-0-weekday": "0", "hours-0-opens": "08:00",
            "hours-0-closes": "12:00"}


def _absence_post(world) -> dict:
    return {"counter": str(world.counter.pk), "starts_at": "2027-03-02T08:00", "ends_at": "2027-03-02T12:00",
            "reason": "Schulung"}


def _settings_post(world) -> dict:
    return {"land": "NW", "slot_minutes": "15", "min_lead_hours": "0", "horizon_days": "14",
            "max_open_per_email": "2", "attempts_per_hour": "20", "reminder_hours": "24", "invitation_weeks": "10",
            "invitation_notice_days": "7"}


def _booking_post(world) -> dict:
    from ..services import availability
    from .factories import MONDAY

    offer = availability.offers(world.service, day=MONDAY, public=False)[0]
    return {"service": str(world.service.pk), "day": MONDAY.isoformat(), "book": "1", "language": "de",
            "start": f"{offer.starts_at.isoformat()}|{offer.counter_id}", "name": "Omar Beispiel"}


ROWS: list[Row] = [
    Row("appointments:service_list", allowed=MANAGE, setup=_office),
    Row("appointments:service_create", allowed=MANAGE),
    Row("appointments:service_create", allowed=MANAGE, method="post", setup=_office, data=_service_post),
    Row("appointments:service_edit", allowed=MANAGE, setup=_service),
    Row("appointments:service_edit", allowed=MANAGE, method="post", setup=_service, data=_service_post),
    Row("appointments:counter_list", allowed=MANAGE, setup=_office),
    Row("appointments:counter_create", allowed=MANAGE),
    Row("appointments:counter_create", allowed=MANAGE, method="post", data=_counter_post),
    Row("appointments:counter_edit", allowed=MANAGE, setup=_counter),
    Row("appointments:counter_edit", allowed=MANAGE, method="post", setup=_counter, data=_counter_post),
    Row("appointments:absence_list", allowed=MANAGE, setup=_without_kwargs(_absence)),
    Row("appointments:absence_list", allowed=MANAGE, method="post", setup=_office, data=_absence_post),
    Row("appointments:absence_delete", allowed=MANAGE, method="post", setup=_absence),
    Row("appointments:settings", allowed=MANAGE),
    Row("appointments:settings", allowed=MANAGE, method="post", data=_settings_post),
    Row("appointments:publish", allowed=MANAGE, method="post", setup=_office),
    Row("appointments:day_plan", allowed=DAY, setup=_without_kwargs(_appointment), query="day=2027-03-01"),
    Row("appointments:appointment_step", allowed=DAY, method="post", setup=_appointment,
        data=lambda w: {"to": "checked_in", "version": str(w.appointment.version)}),
    Row("appointments:staff_booking", allowed=DAY, setup=_office, query="day=2027-03-01"),
    Row("appointments:staff_booking", allowed=DAY, method="post", setup=_office, data=_booking_post),
    public_row("appointments:display", setup=_without_kwargs(_appointment)),
    public_row("appointments:display_feed", setup=_without_kwargs(_appointment)),
    Row("appointments:statistics", allowed=STATISTICS),
    Row("appointments:statistics", allowed=STATISTICS, query="date_from=2027-01-01&date_to=2027-03-31"),
]
