"""The day itself: the append-only execution log and one form per event the plan's status allows.

After a life-threatening condition the page shows the rescue chain (first aid, emergency call 112) as the
first thing in ``<main>``: no status message is placed before it (messages of the request are shown after it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import IRREVERSIBLE, EventForm
from ..models import EVENT_TRANSITIONS, EventKind, MeasurePlan, PlanStatus
from ..services import execution
from .common import get_plan_for

#: The order of the event forms on the page.
EVENT_ORDER = (EventKind.STARTED, EventKind.MEDICAL_EMERGENCY, EventKind.FITNESS_CONFIRMED, EventKind.COMPLETED,
               EventKind.LIFE_THREATENING, EventKind.CANCELLED)


def _action_for(plan: MeasurePlan, kind: str) -> Action:
    """As the service decides: cancelling a plan that has not started is planning work, the rest execution."""
    if kind == EventKind.CANCELLED and plan.status in (PlanStatus.DRAFT, PlanStatus.APPROVED):
        return Action.MEASURE_PLAN
    return Action.MEASURE_EXECUTE


def allowed_kinds(user: Any, plan: MeasurePlan, persons: list[Any]) -> list[str]:
    """The events the plan's status allows now and the user may record."""
    return [k for k in EVENT_ORDER if plan.status in EVENT_TRANSITIONS[k][0]
            and persons and all(policy.may(user, _action_for(plan, k), p) for p in persons)]


class ExecutionView(View):
    template_name = "measures/execution.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_VIEW)
        return self.render(request, plan, persons)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_VIEW)
        kind = request.POST.get("kind", "")
        if kind not in EventKind.values:
            messages.error(request, _("Unbekanntes Ereignis."))
            return redirect("measures:plan_execution", pk=plan.pk)
        policy.require(request.user, _action_for(plan, kind))
        form = EventForm(request.POST, kind=kind, persons=persons)
        if form.is_valid():
            try:
                result = execution.record_event(request.user, plan, kind, **form.service_kwargs(persons))
            except execution.StartRefused as refused:
                messages.error(request, " ".join(refused.messages))
                return redirect(reverse("measures:plan_detail", kwargs={"pk": plan.pk}) + "#schutzregeln-heading")
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if not result.rescue_chain:  # nothing may come before the rescue chain
                    messages.success(request, _("Eingetragen: %(event)s.") % {"event": EventKind(kind).label})
                return redirect("measures:plan_execution", pk=plan.pk)
        plan.refresh_from_db()
        return self.render(request, plan, persons, bound=form, status=400)

    def render(self, request: HttpRequest, plan: MeasurePlan, persons: list[Any], *, bound: EventForm | None = None,
               status: int = 200) -> HttpResponse:
        log = execution.log(request.user, plan)  # audited as a view per person
        kinds = allowed_kinds(request.user, plan, persons)
        forms = [bound if bound is not None and bound.kind == k else
                 EventForm(kind=k, persons=persons, initial={"version": plan.version}) for k in kinds]
        aborted = plan.status == PlanStatus.ABORTED and plan.latest_event_kind() == EventKind.LIFE_THREATENING
        context: dict[str, Any] = {
            "plan": plan, "persons": persons, "log": log, "forms": forms, "irreversible": IRREVERSIBLE,
            "rescue_chain": execution.RESCUE_CHAIN if aborted else (),
            "interrupted": plan.status == PlanStatus.INTERRUPTED,
        }
        if aborted:
            # Status messages would otherwise be rendered before the content; show them after the rescue chain.
            context["later_messages"] = list(messages.get_messages(request))
            context["messages"] = []
        return render(request, self.template_name, context, status=status)
