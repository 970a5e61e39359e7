"""What every case-file view shares: finding the person under the policy, and auditing what is shown.

Order of checks, so that answers leak as little as possible: the role must be allowed to see case files at
all (else 403), the person must be visible to the user (else 404), then the action on this person (403).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Person
from ..services.common import PURPOSE


def get_person(request: HttpRequest, pk: int) -> Person:
    """The person with ``pk`` if the user may see it (403 for roles without case files, 404 if hidden)."""
    policy.require(request.user, Action.PERSON_VIEW)
    queryset = policy.visible_persons(request.user, Person.objects.select_related("team", "household"))
    return get_object_or_404(queryset, pk=pk)


def get_person_for(request: HttpRequest, pk: int, action: Action, category: DataCategory | None = None) -> Person:
    person = get_person(request, pk)
    policy.require(request.user, action, person, category)
    return person


def audit_view(request: HttpRequest, person: Person, page: str, obj: Model | None = None, **details: Any) -> None:
    """One VIEW entry per page that shows personal data of ``person``."""
    record(
        actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=obj or person,
        details={"page": page, **details},
    )
