"""Helpers shared by the measures services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

#: Purpose written to the audit trail for work on measures ending a stay.
PURPOSE = "Aufenthaltsbeendende Maßnahme"


class StalePlan(ValidationError):
    """Someone else changed the plan since the caller loaded it (optimistic locking on ``version``)."""

    def __init__(self, current: Any) -> None:
        super().__init__(_("Dieser Plan wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den "
                           "aktuellen Stand."), code="stale")
        self.current = current


def persons_of(plan: Any) -> list[Any]:
    from wegweiser.persons.models import Person

    return list(Person.objects.filter(measure_plans__plan=plan).order_by("pk"))


def require_all(user: Any, action: Action, persons: list[Any]) -> None:
    """The action must be allowed on every affected person (a plan is only as visible as its least visible file)."""
    if not persons:
        policy.require(user, action)
    for person in persons:
        policy.require(user, action, person)
