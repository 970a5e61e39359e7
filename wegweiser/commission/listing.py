"""The list of Beratungskommission cases across persons (``beratungskommission/``), filtered by state.

Only cases of persons the user may see are listed; each page view is audited with the cases and persons shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.forms import KernSelect
from wegweiser.persons.models import Person

from .models import CaseState, CommissionCase
from .presentation import case_rows

#: Purpose written to the audit trail for the list.
PURPOSE = "Beratungskommission (Übersicht)"
PAGE_SIZE = 50
#: Filter value: every case that is not closed (draft, submitted, recommended).
OPEN = "offen"
OPEN_STATES = (CaseState.DRAFT, CaseState.SUBMITTED, CaseState.RECOMMENDED)


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), required=False, widget=KernSelect,
                               error_messages={"invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("alle")), (OPEN, _("offen (nicht entschieden oder zurückgezogen)")),
                                         *CaseState.choices]

    def chosen_status(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_bound else ""


class CaseListView(View):
    template_name = "commission/case_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.COMMISSION_VIEW)
        params = request.GET.copy()
        params.pop("seite", None)
        form = CaseFilterForm(params or None)
        context: dict[str, Any] = {"form": form, "query": params.urlencode(), "page": None}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context, status=400)
        persons = policy.visible_persons(request.user, Person.objects.all())
        queryset = CommissionCase.objects.filter(person__in=persons)
        status = form.chosen_status()
        if status == OPEN:
            queryset = queryset.filter(state__in=OPEN_STATES)
        elif status:
            queryset = queryset.filter(state=status)
        queryset = queryset.select_related("person", "commission", "consent").order_by("-updated_at", "-pk")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("seite"))
        shown = list(page.object_list)
        context.update(page=page, rows=case_rows(shown))
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="commission.list",
               details={"status": status, "page_number": page.number, "cases": [c.pk for c in shown],
                        "persons": sorted({c.person_id for c in shown})})
        return render(request, self.template_name, context)
