"""Permission-matrix rows for the notification pages (see wegweiser/core/permission_matrix.py).

Every internal staff role reads its own notifications; external accounts get none. Another user's
notification is "not found", never marked read.
"""

from __future__ import annotations

from wegweiser.accounts.roles import EXTERNAL_ROLES, Role
from wegweiser.core.permission_matrix import NOT_FOUND, Row

STAFF = tuple(role for role in Role if role not in EXTERNAL_ROLES)


def _foreign_notification(world) -> dict:
    from wegweiser.core.testing import make_user
    from wegweiser.notifications.services import notify

    other = make_user(Role.SACHBEARBEITUNG, username="w-someone-else", team=world.team)
    world.foreign_notification = notify(other, message="Wiedervorlage für jemand anderen")
    return {}


ROWS: list[Row] = [
    Row("notifications:list", allowed=STAFF),
    Row("notifications:read", allowed=STAFF, method="post", data=lambda world: {"all": "1"}),
    Row("notifications:read", allowed=(), method="post", setup=_foreign_notification,
        data=lambda world: {"notification": str(world.foreign_notification.pk)},
        overrides={role: NOT_FOUND for role in STAFF}),
]
