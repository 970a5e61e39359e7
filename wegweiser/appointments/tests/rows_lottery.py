"""Permission-matrix rows of the lottery (see wegweiser/core/permission_matrix.py).

Staff pages need BOOKING_MANAGE (Teamleitung, Administration). The request form and its confirmation are
public (namespace ``booking``): everyone, logged in or not, gets them.
"""

from __future__ import annotations

import time
from datetime import timedelta

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row, public_row

MANAGE = (Role.TEAMLEITUNG, Role.ADMINISTRATION)


def _round(world, *, closed: bool = False) -> dict:
    """An office with slots on the factories' MONDAY and a round for them, open now (or closed an hour ago)."""
    from django.utils import timezone

    from ..models import BookingSettings
    from ..services import lottery
    from .factories import MONDAY, office

    _, world.service = office(today=MONDAY)
    BookingSettings.objects.filter(pk=1).update(attempts_per_hour=30000)  # the matrix posts from one address
    now = timezone.now()
    opens, closes = (now - timedelta(days=2), now - timedelta(hours=1)) if closed else (now - timedelta(hours=1),
                                                                                          now + timedelta(days=1))
    world.round = lottery.open_round(service=world.service, opens_at=opens, closes_at=closes, first_day=MONDAY,
                                     last_day=MONDAY)
    return {"pk": world.round.pk}


def _public(world) -> dict:
    return {"lang": "de", **_round(world)}


def _create_post(world) -> dict:
    from .factories import MONDAY, office

    _, s = office(today=MONDAY)
    return {"service": str(s.pk), "opens_at": "2027-02-01T08:00", "closes_at": "2027-02-20T12:00",
            "first_day": MONDAY.isoformat(), "last_day": MONDAY.isoformat()}


def _entry_post(world) -> dict:
    from ..services import bot_defence

    return {"name": "Amal Beispiel", "email": "amal@example.org", "data_notice": "on", "website": "",
            "stamp": bot_defence.stamp(time.time() - 60)}


ROWS: list[Row] = [
    Row("appointments:lottery_list", allowed=MANAGE),
    Row("appointments:lottery_create", allowed=MANAGE),
    Row("appointments:lottery_create", allowed=MANAGE, method="post", data=_create_post),
    Row("appointments:lottery_detail", allowed=MANAGE, setup=_round),
    Row("appointments:lottery_draw", allowed=MANAGE, method="post", setup=lambda w: _round(w, closed=True)),
    public_row("booking:lottery_enter", setup=_public),
    public_row("booking:lottery_enter", method="post", setup=_public, data=_entry_post),
    public_row("booking:lottery_entered", setup=_public),
]
