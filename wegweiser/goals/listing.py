"""The list of Zielvereinbarungen across persons (``ziele/``): filter form, query and page.

The caseload dashboard links its goal figures here, so the filters mirror its definitions: "laufend" is
vereinbart or in Arbeit; due soon and overdue count running goals only; with a period, a status filter means
"reached this status within the period" (a status change in it), which for "erreicht" and "nicht erreicht" is
what the dashboard counts. Only goals of persons the user may see are listed; each page view is audited with
the goals and persons shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team
from wegweiser.accounts.policy import Action
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.core.forms import DateInput
from wegweiser.persons.forms import KernSelect
from wegweiser.persons.models import Person

from .models import GoalStatus, StatusChange, Zielvereinbarung
from .presentation import goal_rows

#: Purpose written to the audit trail for the list.
PURPOSE = "Zielvereinbarungen (Übersicht)"
PAGE_SIZE = 50
#: Goals due within this many days count as "due soon" (the dashboard's figure uses the same number).
DUE_WITHIN_DAYS = 30
RUNNING = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS)
#: Filter values.
UNASSIGNED = "ohne"
STATUS_RUNNING = "laufend"
DUE_SOON, OVERDUE = "bald", "ueberfaellig"
INVALID_CHOICE = _("Bitte einen Eintrag aus der Liste wählen.")


def lotse_choices() -> QuerySet:
    """Active Lotsen/Lotsinnen and anyone who accompanies someone now."""
    assigned = Person.objects.filter(lotse__isnull=False).values("lotse")
    return (get_user_model().objects.filter(Q(role=Role.INTEGRATIONSLOTSE, is_active=True) | Q(pk__in=assigned))
            .order_by("last_name", "first_name", "username"))


@dataclass(frozen=True)
class GoalFilters:
    lotse: str = ""
    team: str = ""
    status: str = ""
    due: str = ""
    start: date | None = None
    end: date | None = None

    def summary(self) -> dict[str, str]:
        """For the audit entry: the filters that were set."""
        values = {"lotse": self.lotse, "team": self.team, "status": self.status, "due": self.due,
                  "from": self.start.isoformat() if self.start else "", "to": self.end.isoformat() if self.end else ""}
        return {key: value for key, value in values.items() if value}


def _aware(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def select_goals(persons: QuerySet[Person], filters: GoalFilters, today: date) -> QuerySet[Zielvereinbarung]:
    goals = Zielvereinbarung.objects.filter(person__in=persons)
    if filters.lotse == UNASSIGNED:
        goals = goals.filter(person__lotse__isnull=True)
    elif filters.lotse:
        goals = goals.filter(person__lotse_id=int(filters.lotse))
    if filters.team:
        goals = goals.filter(person__team_id=int(filters.team))
    if filters.start or filters.end:
        changes = StatusChange.objects.all()
        if filters.status and filters.status != STATUS_RUNNING:
            changes = changes.filter(to_status=filters.status)
        else:
            changes = changes.filter(to_status__in=RUNNING)
        if filters.start:
            changes = changes.filter(at__gte=_aware(filters.start))
        if filters.end:
            changes = changes.filter(at__lt=_aware(filters.end + timedelta(days=1)))
        goals = goals.filter(pk__in=changes.values("goal"))
        if filters.status == GoalStatus.ACHIEVED:
            goals = goals.filter(status=GoalStatus.ACHIEVED)
    elif filters.status == STATUS_RUNNING:
        goals = goals.filter(status__in=RUNNING)
    elif filters.status:
        goals = goals.filter(status=filters.status)
    if filters.due == DUE_SOON:
        goals = goals.filter(status__in=RUNNING, due_date__gte=today,
                             due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))
    elif filters.due == OVERDUE:
        goals = goals.filter(status__in=RUNNING, due_date__lt=today)
    return goals.select_related("person", "person__lotse").order_by("due_date", "pk")


class GoalFilterForm(forms.Form):
    """The list's filters (GET). Unknown values are errors, not silently ignored."""

    lotse = forms.ChoiceField(label=_("Integrationslotse/-lotsin"), required=False, widget=KernSelect,
                              error_messages={"invalid_choice": INVALID_CHOICE})
    team = forms.ChoiceField(label=_("Team"), required=False, widget=KernSelect,
                             error_messages={"invalid_choice": INVALID_CHOICE})
    status = forms.ChoiceField(label=_("Status"), required=False, widget=KernSelect,
                               error_messages={"invalid_choice": INVALID_CHOICE})
    faellig = forms.ChoiceField(label=_("Fälligkeit"), required=False, widget=KernSelect,
                                error_messages={"invalid_choice": INVALID_CHOICE})
    von = forms.DateField(label=_("Status erreicht ab"), required=False, widget=DateInput,
                          help_text=_("Mit einem Zeitraum zeigt die Liste Ziele, die den gewählten Status in "
                                      "diesem Zeitraum erreicht haben."))
    bis = forms.DateField(label=_("Status erreicht bis"), required=False, widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("alle"))]
        self.fields["lotse"].choices = everyone + [(UNASSIGNED, _("niemand zugewiesen"))] + [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in lotse_choices()]
        self.fields["team"].choices = everyone + [(str(t.pk), t.name) for t in Team.objects.order_by("name")]
        self.fields["status"].choices = everyone + [(STATUS_RUNNING, _("laufend (vereinbart oder in Arbeit)"))] + [
            (value, label) for value, label in GoalStatus.choices]
        self.fields["faellig"].choices = everyone + [
            (DUE_SOON, _("fällig in den nächsten %(days)d Tagen") % {"days": DUE_WITHIN_DAYS}),
            (OVERDUE, _("überfällig"))]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("von"), data.get("bis")
        if start and end and start > end:
            self.add_error("bis", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        return data

    def filters(self) -> GoalFilters:
        if not self.is_bound:
            return GoalFilters()
        data = self.cleaned_data
        return GoalFilters(lotse=data.get("lotse", ""), team=data.get("team", ""), status=data.get("status", ""),
                           due=data.get("faellig", ""), start=data.get("von"), end=data.get("bis"))


class GoalListView(View):
    template_name = "goals/goal_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.GOAL_VIEW)
        params = request.GET.copy()
        params.pop("seite", None)
        form = GoalFilterForm(params or None)
        context: dict[str, Any] = {"form": form, "query": params.urlencode(), "page": None}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context, status=400)
        persons = policy.visible_persons(request.user, Person.objects.all())
        today = timezone.localdate()
        goals = select_goals(persons, form.filters(), today)
        page = Paginator(goals, PAGE_SIZE).get_page(request.GET.get("seite"))
        shown = list(page.object_list)
        context.update(page=page, rows=goal_rows(shown))
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="goals.list",
               details={"filters": form.filters().summary(), "page_number": page.number,
                        "goals": [g.pk for g in shown], "persons": sorted({g.person_id for g in shown})})
        return render(request, self.template_name, context)
