"""The state machine of a Zielvereinbarung: which status may follow which, and the one function that moves it.

Every change is one conditional UPDATE on the status the caller saw (two tabs cannot both move the same goal),
one ``StatusChange`` row (who, when, why) and one audit entry. ``by=None`` is the system (auto-achieve).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import GoalStatus, StatusChange, Zielvereinbarung
from .common import PURPOSE

S = GoalStatus
#: Allowed next statuses. Achieved and cancelled are final; a missed goal may be agreed anew (in progress).
ALLOWED: dict[str, frozenset[str]] = {
    S.AGREED: frozenset({S.IN_PROGRESS, S.ACHIEVED, S.MISSED, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.ACHIEVED, S.MISSED, S.CANCELLED}),
    S.MISSED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.ACHIEVED: frozenset(),
    S.CANCELLED: frozenset(),
}


class InvalidTransition(ValidationError):
    """The wanted status may not follow the current one (or the status changed meanwhile)."""


def allowed_next(status: str) -> list[str]:
    """The statuses a goal in ``status`` may move to, in the order of the choices."""
    return [value for value in S.values if value in ALLOWED.get(status, frozenset())]


def _label(status: str) -> str:
    return str(S(status).label) if status in S.values else status


def change_status(
    user: Any, goal: Zielvereinbarung, to_status: str, *, reason: str = "", expected_status: str | None = None,
    details: dict[str, Any] | None = None,
) -> Zielvereinbarung:
    """Move ``goal`` to ``to_status``; InvalidTransition with a German message if that is not allowed.

    ``expected_status`` is the status the user saw (default: the goal's); if it changed meanwhile, the change
    is refused rather than applied to a state the user did not see.
    """
    if user is not None:
        policy.require(user, Action.GOAL_CHANGE, goal.person)
    if to_status not in S.values:
        raise InvalidTransition(_("Diesen Status gibt es nicht."), code="unknown_status")
    seen = expected_status or goal.status
    if to_status not in ALLOWED[seen]:
        if not ALLOWED[seen]:
            message = _("Eine Zielvereinbarung mit dem Status „%(from)s“ ist abgeschlossen und kann nicht mehr "
                        "geändert werden.") % {"from": _label(seen)}
        else:
            message = _("Der Status kann nicht von „%(from)s“ auf „%(to)s“ geändert werden. Möglich ist: "
                        "%(allowed)s.") % {"from": _label(seen), "to": _label(to_status),
                                            "allowed": ", ".join(_label(s) for s in allowed_next(seen))}
        raise InvalidTransition(message, code="not_allowed")
    now = timezone.now()
    with transaction.atomic():
        fields: dict[str, Any] = {"status": to_status, "updated_at": now}
        if to_status == S.ACHIEVED:
            fields["achieved_at"] = now
        moved = Zielvereinbarung.objects.filter(pk=goal.pk, status=seen).update(**fields)
        if not moved:
            raise InvalidTransition(
                _("Der Status wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen Stand."),
                code="stale",
            )
        change = StatusChange.objects.create(goal=goal, from_status=seen, to_status=to_status, by=user,
                                             reason=reason.strip())
        record(
            actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=goal.person, obj=goal,
            details={"status": [seen, to_status], "status_change": change.pk, "system": user is None,
                     **(details or {})},
        )
    goal.refresh_from_db()
    return goal
