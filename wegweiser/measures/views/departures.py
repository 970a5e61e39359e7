"""Departures from the person page: record a voluntary departure, withdraw a wrong record.

The service decides what happens to open plans (see ``services.departures``); the page says which plans it
cancelled and which are still open and need the user's decision.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts.policy import Action
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header

from ..forms import DepartureForm, WithdrawDepartureForm
from ..models import Departure, DepartureKind, MeasurePlan
from ..services import departures


def section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#massnahmen-heading"


def _plans(person: Person) -> list[MeasurePlan]:
    return list(MeasurePlan.objects.filter(plan_persons__person=person).distinct().order_by("-pk"))


def report_outcome(request: HttpRequest, result: departures.DepartureResult) -> None:
    """Say what was recorded, which plans the departure cancelled and which still need a decision."""
    messages.success(request, _("Die Ausreise ist erfasst (%(kind)s, %(date)s).") % {
        "kind": result.departure.get_kind_display(), "date": result.departure.departed_on.strftime("%d.%m.%Y")})
    for plan in result.cancelled_plans:
        messages.success(request, _("Plan %(number)s ist storniert (Grund: freiwillige Ausreise): alle betroffenen "
                                    "Personen sind ausgereist.") % {"number": plan.pk})
    for plan in result.open_plans:
        messages.warning(request, _("Plan %(number)s (%(status)s) ist weiterhin offen, weil er weitere Personen "
                                    "betrifft, die nicht als ausgereist erfasst sind, oder bereits läuft. Bitte "
                                    "den Plan anpassen oder stornieren.")
                         % {"number": plan.pk, "status": plan.get_status_display()})


class DepartureCreateView(View):
    """Record a voluntary departure (self-organised or with a return programme) of the person."""

    template_name = "measures/departure_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.MEASURE_PLAN)
        audit_view(request, person, "measure_departure_create")
        return self.render(request, person, DepartureForm(plans=_plans(person)))

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.MEASURE_PLAN)
        form = DepartureForm(request.POST, plans=_plans(person))
        if form.is_valid():
            try:
                result = departures.record_departure(request.user, person, form.values())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                report_outcome(request, result)
                return redirect(section_url(person))
        else:
            # Name every problem at once: the service's checks for the fields the form itself accepted.
            try:
                departures.validate(person, form.values())
            except ValidationError as exc:
                more = {k: v for k, v in exc.message_dict.items() if k not in form.errors}
                if more:
                    form.add_service_error(ValidationError(more))
        return self.render(request, person, form, status=400)

    def render(self, request: HttpRequest, person: Person, form: DepartureForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {**person_header(person), "form": form,
                                                    "cancel_url": section_url(person)}, status=status)


class DepartureWithdrawView(View):
    """Withdraw a wrongly recorded voluntary departure, with a reason (the record stays visible as withdrawn)."""

    template_name = "measures/departure_withdraw.html"

    def _get(self, request: HttpRequest, pk: int) -> Departure:
        departure = get_object_or_404(Departure.objects.select_related("person", "plan", "recorded_by"), pk=pk)
        get_person_for(request, departure.person_id, Action.MEASURE_PLAN)  # 404 if hidden, 403 if not allowed
        return departure

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        departure = self._get(request, pk)
        audit_view(request, departure.person, "measure_departure_withdraw", obj=departure)
        return self.render(request, departure, WithdrawDepartureForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        departure = self._get(request, pk)
        form = WithdrawDepartureForm(request.POST)
        if form.is_valid():
            try:
                departures.withdraw_departure(request.user, departure, form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Eintrag ist zurückgenommen. Erfassen Sie die Ausreise neu, falls "
                                            "sie mit anderen Angaben stattgefunden hat."))
                return redirect(section_url(departure.person))
        return self.render(request, departure, form, status=400)

    def render(self, request: HttpRequest, departure: Departure, form: WithdrawDepartureForm, status: int = 200
               ) -> HttpResponse:
        context: dict[str, Any] = {"departure": departure, "form": form, "cancel_url": section_url(departure.person),
                                   "removal": departure.kind == DepartureKind.REMOVAL}
        return render(request, self.template_name, context, status=status)
