"""Which audit entries a reader may see.

Datenschutz (the data protection officer) sees the whole trail. Teamleitung reads it to supervise its own
team, so — the cautious reading of need-to-know — it sees entries made by its team's staff or concerning
its team's case files, nothing of other teams. Everyone else sees nothing (the policy denies AUDIT_VIEW).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from wegweiser.accounts.policy import Action, may
from wegweiser.accounts.roles import Role

from .models import AuditEntry


def visible_entries(user: Any, queryset: QuerySet[AuditEntry] | None = None) -> QuerySet[AuditEntry]:
    queryset = AuditEntry.objects.all() if queryset is None else queryset
    if not may(user, Action.AUDIT_VIEW):
        return queryset.none()
    if user.role == Role.DATENSCHUTZ:
        return queryset
    if user.role == Role.TEAMLEITUNG and user.team_id is not None:
        from wegweiser.accounts.models import User
        from wegweiser.persons.models import Person

        staff = User.objects.filter(team_id=user.team_id).values("pk")
        persons = Person.objects.filter(team_id=user.team_id).values("pk")
        return queryset.filter(Q(actor_id__in=staff) | Q(person_id__in=persons))
    return queryset.none()
