"""Whose caseload the dashboard shows: a Lotse/Lotsin their own, the Teamleitung the office (filtered).

The scope is a Person queryset used as a subquery by every figure, so the filters are applied once, in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.persons.models import Person

#: Filter value for "persons without an assigned Lotse/Lotsin".
UNASSIGNED = "ohne"


def sees_office(user: Any) -> bool:
    """Teamleitung sees the whole office; everyone else with the dashboard right only their own caseload."""
    return getattr(user, "role", "") == Role.TEAMLEITUNG


@dataclass(frozen=True)
class Scope:
    office: bool  # True: the whole office (Teamleitung), False: the user's own caseload
    lotse: Any = None  # a User, UNASSIGNED, or None for all
    team: Team | None = None

    def persons(self, user: Any) -> QuerySet[Person]:
        queryset = policy.visible_persons(user, Person.objects.all())
        if not self.office:
            return queryset.filter(lotse=user)
        if self.lotse == UNASSIGNED:
            queryset = queryset.filter(lotse__isnull=True)
        elif self.lotse is not None:
            queryset = queryset.filter(lotse=self.lotse)
        if self.team is not None:
            queryset = queryset.filter(team=self.team)
        return queryset

    def summary(self) -> dict[str, Any]:
        """What the audit entry records: the scope and filters, no personal data of the persons concerned."""
        lotse = self.lotse if self.lotse in (None, UNASSIGNED) else self.lotse.pk
        return {"scope": "office" if self.office else "own", "lotse": lotse,
                "team": self.team.pk if self.team else None}


def lotse_choices() -> QuerySet:
    """Users a Teamleitung can filter by: active Lotsen/Lotsinnen and anyone who is someone's Lotse now."""
    assigned = Person.objects.filter(lotse__isnull=False).values("lotse")
    return (get_user_model().objects.filter(Q(role=Role.INTEGRATIONSLOTSE, is_active=True) | Q(pk__in=assigned))
            .order_by("last_name", "first_name", "username"))
