"""Permission-matrix rows of the public booking pages (namespace ``booking``): everyone gets them, with or
without an account; what a page shows is bound to the signed link or the form (see views/public.py)."""

from __future__ import annotations

from wegweiser.core.permission_matrix import public_row


def _office(world):
    from django.core.cache import cache
    from django.utils import timezone

    from .factories import office

    if not hasattr(world, "booking_service"):
        cache.clear()  # the per-client rate limit: every matrix cell starts from zero attempts
        world.booking_service = office(today=timezone.localdate(), min_lead_hours=0)[1]
    return world.booking_service


def _free(world):
    from django.utils import timezone

    from ..services import availability

    s = _office(world)
    day = availability.free_days(s)[0]
    return day, timezone.localtime(availability.offers(s, day=day)[0].starts_at)


def _appointment(world, **values):
    from ..services import booking, links

    day, start = _free(world)
    world.appointment = booking.book(service=_office(world), starts_at=start, name="Amal Beispiel",
                                     email="amal@example.org", public=False, **values)
    return {"lang": "de", "token": links.make_token(world.appointment)}


def _service(world) -> dict:
    return {"lang": "de", "code": _office(world).code}


def _day(world) -> dict:
    return {**_service(world), "day": _free(world)[0]}


def _booking_data(world) -> dict:
    import time

    from ..services import bot_defence

    return {"time": _free(world)[1].strftime("%H%M"), "name": "Amal Beispiel", "email": "amal@example.org",
            "consent": "on", "stamp": bot_defence.stamp(time.time() - 10)}


def _rebook_day(world) -> dict:
    return {**_appointment(world), "day": _free(world)[0]}


ROWS = [
    public_row("booking:entry"),
    public_row("booking:services", setup=lambda world: {"lang": "ar"}),
    public_row("booking:cancelled", setup=lambda world: {"lang": "fa"}),
    public_row("booking:service", setup=_service),
    public_row("booking:day", setup=_day),
    public_row("booking:day", method="post", setup=_day, data=_booking_data),
    public_row("booking:manage", setup=_appointment),
    public_row("booking:done", setup=_appointment),
    public_row("booking:ics", setup=_appointment),
    public_row("booking:cancel", setup=_appointment),
    public_row("booking:cancel", method="post", setup=_appointment),
    public_row("booking:confirm", method="post", setup=lambda world: _appointment(world, status="offered")),
    public_row("booking:rebook", setup=_appointment),
    public_row("booking:rebook_day", setup=_rebook_day),
    public_row("booking:rebook_day", method="post", setup=_rebook_day,
               data=lambda world: {"time": _free(world)[1].strftime("%H%M")}),
]
