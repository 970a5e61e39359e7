"""Pages of a Zielvereinbarung: create (freely or from a gap), detail with history, edit, status, signed copy.

A goal is addressed by its own id; the person's visibility is checked first (404 if hidden), then the policy
for the action (403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.documents import access as document_access
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person, get_person_for
from wegweiser.persons.views.person import person_header
from wegweiser.rules import InvalidSituation

from .forms import GoalForm, SignedCopyForm, StatusForm, initial_for
from .models import GoalStatus, Zielvereinbarung
from .presentation import conflicts, goal_rows, responsible_label
from .services import agreements, gaps, transitions


def get_goal_for(request: HttpRequest, pk: int, action: Action) -> Zielvereinbarung:
    """The goal, if the user sees its person (else 404) and may do ``action`` on it (else 403)."""
    policy.require(request.user, action)
    goal = get_object_or_404(Zielvereinbarung.objects.select_related("person"), pk=pk)
    person = get_person(request, goal.person_id)
    policy.require(request.user, action, person)
    goal.person = person
    return goal


def pdf_url(goal: Zielvereinbarung) -> str:
    """The printable agreement (printing app); empty until that page exists."""
    try:
        return reverse("printing:goal_pdf", kwargs={"pk": goal.pk})
    except NoReverseMatch:
        return ""


def _cancel_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#ziele-heading"


class GoalCreateView(View):
    """A new agreement, written freely or prefilled from one gap the rules engine named."""

    template_name = "goals/goal_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.GOAL_CHANGE)
        initial: dict[str, Any] = {"language": person.letter_language}
        gap = None
        pathway, condition = request.GET.get("pathway", ""), request.GET.get("condition", "")
        if pathway and condition:
            try:
                assessment = gaps.assess_for_user(request.user, person, timezone.localdate())
            except InvalidSituation:
                assessment = {}
            gap = gaps.gap_prefill(assessment, pathway, condition)
            if gap is None:
                messages.warning(request, _("Diese Lücke kennt die Regelprüfung für die Person nicht (mehr). "
                                            "Sie können die Zielvereinbarung frei formulieren."))
            else:
                initial.update({k: gap[k] for k in ("title", "indicator", "pathway", "condition")})
        audit_view(request, person, "goal_create", gap=f"{pathway}.{condition}" if gap else "")
        return self.render(request, person, GoalForm(initial=initial), gap=gap)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.GOAL_CHANGE)
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                goal = agreements.create_goal(request.user, person, form.service_data())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Zielvereinbarung wurde angelegt."))
                return redirect("goals:detail", pk=goal.pk)
        return self.render(request, person, form, gap=None)

    def render(self, request: HttpRequest, person: Person, form: GoalForm, *, gap: dict | None) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "creating": True, "gap": gap, "conflicts": [],
            "cancel_url": _cancel_url(person),
        })


class GoalDetailView(View):
    template_name = "goals/goal_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_VIEW)
        audit_view(request, goal.person, "goal", obj=goal)
        return self.render(request, goal, StatusForm(goal=goal))

    def render(self, request: HttpRequest, goal: Zielvereinbarung, status_form: StatusForm,
               status: int = 200) -> HttpResponse:
        may_change = policy.may(request.user, Action.GOAL_CHANGE, goal.person)
        return render(request, self.template_name, {
            **person_header(goal.person), "goal": goal, "row": goal_rows([goal])[0],
            "responsible": responsible_label(goal),
            "history": goal.status_changes.select_related("by"),
            "status_form": status_form if may_change and transitions.allowed_next(goal.status) else None,
            "status_errors": status_form if status_form.errors else None,
            "may_change": may_change, "pdf_url": pdf_url(goal),
            "may_upload": may_change and document_access.may_upload(request.user, goal.person),
            "pathway_title": gaps.pathway_title(goal.pathway), "condition_text": gaps.condition_text(goal),
        }, status=status)


class GoalStatusView(View):
    """POST only: move the goal to another status (refused transitions show the detail page with the reason)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_CHANGE)
        form = StatusForm(request.POST, goal=goal)
        if form.is_valid():
            try:
                transitions.change_status(
                    request.user, goal, form.cleaned_data["to_status"], reason=form.cleaned_data["reason"],
                    expected_status=form.cleaned_data["expected_status"],
                )
            except ValidationError as exc:
                form.add_service_error(exc, {"__all__": "to_status"})
            else:
                messages.success(request, _("Der Status ist jetzt „%(status)s“.")
                                 % {"status": GoalStatus(goal.status).label})
                return redirect("goals:detail", pk=goal.pk)
        goal.refresh_from_db()
        return GoalDetailView().render(request, goal, form, status=400)


class GoalEditView(View):
    """Edit an agreement. A stale version keeps the user's input and shows the stored values next to it."""

    template_name = "goals/goal_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_CHANGE)
        audit_view(request, goal.person, "goal_edit", obj=goal)
        return self.render(request, goal, GoalForm(goal=goal))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_CHANGE)
        form = GoalForm(request.POST)
        rows: list[dict[str, Any]] = []
        if form.is_valid():
            try:
                saved = agreements.update_goal(request.user, goal, form.service_data(),
                                               expected_version=form.cleaned_data.get("version") or 0)
            except agreements.StaleGoal as stale:
                rows = conflicts(form, initial_for(stale.current))
                form.add_service_error(stale)
                # Saving again now overwrites knowingly: the form carries the version the user has now seen.
                data = form.data.copy()
                data["version"] = str(stale.current.version)
                form.data = data
                goal = stale.current
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if saved.version != goal.version:
                    messages.success(request, _("Die Änderungen wurden gespeichert."))
                else:
                    messages.info(request, _("Es gab keine Änderungen zu speichern."))
                return redirect("goals:detail", pk=goal.pk)
        return self.render(request, goal, form, rows)

    def render(self, request: HttpRequest, goal: Zielvereinbarung, form: GoalForm,
               rows: list[dict[str, Any]] | None = None) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(goal.person), "form": form, "creating": False, "goal": goal, "gap": None,
            "conflicts": rows or [], "cancel_url": reverse("goals:detail", kwargs={"pk": goal.pk}),
        })


class GoalUploadSignedView(View):
    """File the signed copy. Runs without the request-wide transaction (see the documents upload)."""

    template_name = "goals/upload_signed.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_CHANGE)
        document_access.require_upload(request.user, goal.person)
        audit_view(request, goal.person, "goal_upload_signed", obj=goal)
        return self.render(request, goal, SignedCopyForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = get_goal_for(request, pk, Action.GOAL_CHANGE)
        document_access.require_upload(request.user, goal.person)
        form = SignedCopyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                agreements.attach_signed_copy(request.user, goal, form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                messages.success(request, _("Die unterschriebene Zielvereinbarung wurde zu den Dokumenten gelegt."))
                return redirect("goals:detail", pk=goal.pk)
        return self.render(request, goal, form)

    def render(self, request: HttpRequest, goal: Zielvereinbarung, form: SignedCopyForm) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(goal.person), "goal": goal, "form": form,
            "cancel_url": reverse("goals:detail", kwargs={"pk": goal.pk}),
        })
