"""Finding a plan under the policy, and auditing what a page shows.

A plan is only as visible as its least visible person: every affected person must be visible to the user
(else 404) and the action must be allowed on each of them (else 403, via ``services.common.require_all``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person

from ..models import MeasurePlan
from ..services.common import PURPOSE, require_all


def get_plan_for(request: HttpRequest, pk: int, action: Action) -> tuple[MeasurePlan, list[Person]]:
    """The plan and its persons, if the user sees every person (else 404) and may do ``action`` (else 403)."""
    policy.require(request.user, action)
    plan = get_object_or_404(MeasurePlan.objects.select_related("planner", "approver"), pk=pk)
    ids = list(plan.plan_persons.values_list("person_id", flat=True))
    persons = list(policy.visible_persons(request.user, Person.objects.filter(pk__in=ids))
                   .select_related("team", "household").order_by("pk"))
    if len(persons) != len(ids):
        raise Http404
    require_all(request.user, action, persons)
    return plan, persons


def audit_plan(request: HttpRequest, plan: MeasurePlan, persons: list[Person], page: str, **details: Any) -> None:
    """One VIEW entry per affected person for a page that shows the plan."""
    for person in persons:
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=plan,
               details={"page": page, **details})
