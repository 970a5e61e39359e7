"""Pages of a Beratungskommission case: prepare (create, edit the draft), detail with history, one page per
step (submit, recommendation, decision, withdrawal) and the submission document as PDF.

A case is addressed by its own id; the person's visibility is checked first (404 if hidden), then the policy
for the action (403). Every page that shows personal data writes an audit entry; changes are audited by the
services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.consent.categories import labels_of
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person, get_person_for
from wegweiser.persons.views.person import person_header
from wegweiser.printing.services.common import audit_print
from wegweiser.printing.views import pdf_response

from .forms import CaseForm, DecisionForm, RecommendationForm, StepForm, SubmitForm, WithdrawForm, initial_for
from .models import CaseState, CommissionCase
from .presentation import consent_warnings, may_print
from .services import cases
from .services.submission_pdf import KIND as PDF_KIND
from .services.submission_pdf import submission_pdf

S = CaseState


def get_case_for(request: HttpRequest, pk: int, action: Action) -> CommissionCase:
    """The case, if the user sees its person (else 404) and may do ``action`` on it (else 403)."""
    policy.require(request.user, action)
    case = get_object_or_404(
        CommissionCase.objects.select_related("commission", "consent__recipient_organisation",
                                              "consent__recipient_contact__organisation", "submitted_by",
                                              "decided_by"), pk=pk)
    person = get_person(request, case.person_id)
    policy.require(request.user, action, person)
    case.person = person
    return case


def _section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#beratungskommission-heading"


def _consent_url(person: Person, case: CommissionCase | None = None) -> str:
    """The consent form, with the commission preset as recipient when known."""
    url = reverse("consent:create", kwargs={"person_pk": person.pk})
    return f"{url}?empfaenger=org-{case.commission_id}" if case is not None else url


def _conflicts(form: CaseForm, stored: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields where the stored case differs from what the user typed (after a stale save)."""
    rows = []
    for name in ("commission", "consent", "question", "summary"):
        field = form[name]
        typed, saved = form.cleaned_data.get(name), stored.get(name)
        typed_key = getattr(typed, "pk", typed)
        if typed_key != saved:
            choices = dict(field.field.choices) if hasattr(field.field, "choices") else {}
            rows.append({"field": field, "label": field.label,
                         "stored": choices.get(saved, saved) if saved not in (None, "") else "–",
                         "typed": str(typed) if typed not in (None, "") else "–"})
    return rows


class CaseCreateView(View):
    """Prepare a case (draft) for the commission."""

    template_name = "commission/case_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.COMMISSION_CHANGE)
        audit_view(request, person, "commission_create")
        return self.render(request, person, CaseForm(person=person))

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.COMMISSION_CHANGE)
        form = CaseForm(request.POST, person=person)
        if form.is_valid():
            try:
                case = cases.create_case(request.user, person, form.service_data())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Fall für die Beratungskommission wurde angelegt."))
                return redirect("commission:detail", pk=case.pk)
        return self.render(request, person, form)

    def render(self, request: HttpRequest, person: Person, form: CaseForm) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "creating": True, "conflicts": [],
            "cancel_url": _section_url(person), "consent_url": _consent_url(person),
            "no_commission": not form.fields["commission"].queryset.exists(),
        })


class CaseEditView(View):
    """Edit a draft. A stale version keeps the user's input and shows the stored values next to it."""

    template_name = "commission/case_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, Action.COMMISSION_CHANGE)
        if case.state != S.DRAFT:
            messages.warning(request, _("Nur ein Fall in Vorbereitung kann bearbeitet werden."))
            return redirect("commission:detail", pk=case.pk)
        audit_view(request, case.person, "commission_edit", obj=case)
        return self.render(request, case, CaseForm(person=case.person, case=case))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, Action.COMMISSION_CHANGE)
        form = CaseForm(request.POST, person=case.person, case=case)
        rows: list[dict[str, Any]] = []
        if form.is_valid():
            try:
                saved = cases.update_draft(request.user, case, form.service_data(),
                                           expected_version=form.cleaned_data.get("version") or 0)
            except cases.StaleCase as stale:
                rows = _conflicts(form, initial_for(stale.current))
                form.add_service_error(stale)
                # Saving again now overwrites knowingly: the form carries the version the user has now seen.
                data = form.data.copy()
                data["version"] = str(stale.current.version)
                form.data = data
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if saved.version != case.version:
                    messages.success(request, _("Die Änderungen wurden gespeichert."))
                else:
                    messages.info(request, _("Es gab keine Änderungen zu speichern."))
                return redirect("commission:detail", pk=case.pk)
        return self.render(request, case, form, rows)

    def render(self, request: HttpRequest, case: CommissionCase, form: CaseForm,
               rows: list[dict[str, Any]] | None = None) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(case.person), "form": form, "creating": False, "case": case, "conflicts": rows or [],
            "cancel_url": reverse("commission:detail", kwargs={"pk": case.pk}),
            "consent_url": _consent_url(case.person, case), "no_commission": False,
        })


def _actions(user: Any, case: CommissionCase) -> list[dict[str, Any]]:
    """The steps this user may take on the case now, as links to their pages."""
    may_change = policy.may(user, Action.COMMISSION_CHANGE, case.person)
    steps = []
    if may_change and case.state == S.DRAFT:
        steps.append(("commission:edit", _("Entwurf bearbeiten")))
        steps.append(("commission:submit", _("Der Kommission vorlegen")))
    if may_change and case.state == S.SUBMITTED:
        steps.append(("commission:recommend", _("Empfehlung erfassen")))
    if case.state == S.RECOMMENDED and policy.may(user, Action.COMMISSION_DECIDE, case.person):
        steps.append(("commission:decide", _("Entscheidung erfassen")))
    if may_change and cases.may_move(case.state, S.WITHDRAWN):
        steps.append(("commission:withdraw", _("Fall zurückziehen")))
    forward = {"commission:submit", "commission:recommend", "commission:decide"}
    return [{"url": reverse(name, kwargs={"pk": case.pk}), "label": label, "primary": name in forward}
            for name, label in steps]


class CaseDetailView(View):
    template_name = "commission/case_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, Action.COMMISSION_VIEW)
        audit_view(request, case.person, "commission_case", obj=case)
        consent = case.consent
        return render(request, self.template_name, {
            **person_header(case.person), "case": case, "state_label": S(case.state).label,
            "consent": consent, "consent_status": consent.status if consent else None,
            "consent_categories": labels_of(consent.categories) if consent else [],
            "warnings": consent_warnings(case), "may_print": may_print(case),
            "recommendations": case.recommendations.select_related("recorded_by"),
            "current_recommendation": case.recommendation if case.state in (S.RECOMMENDED, S.DECIDED) else None,
            "history": case.history.select_related("by"), "actions": _actions(request.user, case),
            "consent_url": _consent_url(case.person, case),
            "may_change_consent": policy.may(request.user, Action.CONSENT_CHANGE, case.person),
            "back_url": _section_url(case.person),
        })


class StepView(View):
    """One step on a case: a page with its form (GET), and the service call (POST)."""

    template_name = "commission/case_step.html"
    form_class: type[StepForm] = StepForm
    action: Action = Action.COMMISSION_CHANGE
    to_state: str = ""
    page: str = ""
    title: str | Promise = ""
    intro: str | Promise = ""
    button: str | Promise = ""
    success: str | Promise = ""

    def call(self, user: Any, case: CommissionCase, data: dict[str, Any], version: int) -> CommissionCase:
        raise NotImplementedError

    def available(self, case: CommissionCase) -> bool:
        return cases.may_move(case.state, self.to_state)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, self.action)
        if not self.available(case):
            messages.warning(request, _("Dieser Schritt ist beim Stand „%(state)s“ nicht möglich.")
                             % {"state": S(case.state).label})
            return redirect("commission:detail", pk=case.pk)
        audit_view(request, case.person, self.page, obj=case)
        return self.render(request, case, self.form_class(case=case))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, self.action)
        form = self.form_class(request.POST, case=case)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                self.call(request.user, case, data, form.cleaned_data["version"])
            except cases.StaleCase as stale:
                form.add_service_error(stale)
                data = form.data.copy()
                data["version"] = str(stale.current.version)
                form.data = data
                case = stale.current
                case.person = get_person(request, case.person_id)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, self.success)
                return redirect("commission:detail", pk=case.pk)
        return self.render(request, case, form, status=400)

    def render(self, request: HttpRequest, case: CommissionCase, form: StepForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(case.person), "case": case, "form": form, "state_label": S(case.state).label,
            "title": self.title, "intro": self.intro, "button": self.button, "step": self.page,
            "warnings": consent_warnings(case) if self.page == "commission_submit" and case.consent_id else [],
            "recommendation": case.recommendation, "consent_url": _consent_url(case.person, case),
            "cancel_url": reverse("commission:detail", kwargs={"pk": case.pk}),
        }, status=status)


class SubmitView(StepView):
    form_class = SubmitForm
    to_state = S.SUBMITTED
    page = "commission_submit"
    title = gettext_lazy("Der Kommission vorlegen")
    intro = gettext_lazy("Mit der Vorlage geht der Fall an die Beratungskommission. Das ist nur mit einer "
                         "Einwilligung der Person möglich, die an diesem Tag gilt, die Kommission als Empfänger "
                         "nennt und mindestens die Angaben zur Person und den Aufenthalt abdeckt.")
    button = gettext_lazy("Fall vorlegen")
    success = gettext_lazy("Der Fall ist der Beratungskommission vorgelegt. Die Vorlage kann jetzt gedruckt werden.")

    def call(self, user: Any, case: CommissionCase, data: dict[str, Any], version: int) -> CommissionCase:
        return cases.submit(user, case, submitted_on=data["submitted_on"], expected_version=version)


class RecommendView(StepView):
    form_class = RecommendationForm
    to_state = S.RECOMMENDED
    page = "commission_recommend"
    title = gettext_lazy("Empfehlung der Kommission erfassen")
    intro = gettext_lazy("Was hat die Kommission in ihrer Sitzung empfohlen? Hat sie vertagt, weil sie weitere "
                         "Informationen braucht, bleibt der Fall vorgelegt.")
    button = gettext_lazy("Empfehlung speichern")
    success = gettext_lazy("Die Empfehlung wurde erfasst.")

    def call(self, user: Any, case: CommissionCase, data: dict[str, Any], version: int) -> CommissionCase:
        return cases.record_recommendation(user, case, data, expected_version=version)


class DecideView(StepView):
    form_class = DecisionForm
    action = Action.COMMISSION_DECIDE
    to_state = S.DECIDED
    page = "commission_decide"
    title = gettext_lazy("Entscheidung der Ausländerbehörde erfassen")
    intro = gettext_lazy("Die Ausländerbehörde entscheidet selbst; die Empfehlung der Kommission bindet sie nicht. "
                         "Weicht die Entscheidung von der Empfehlung ab, ist eine Begründung nötig.")
    button = gettext_lazy("Entscheidung speichern")
    success = gettext_lazy("Die Entscheidung wurde erfasst.")

    def call(self, user: Any, case: CommissionCase, data: dict[str, Any], version: int) -> CommissionCase:
        return cases.decide(user, case, data, expected_version=version)


class WithdrawView(StepView):
    form_class = WithdrawForm
    to_state = S.WITHDRAWN
    page = "commission_withdraw"
    title = gettext_lazy("Fall zurückziehen")
    intro = gettext_lazy("Ein zurückgezogener Fall bleibt mit seinem Verlauf in der Akte, kann aber nicht mehr "
                         "geändert werden.")
    button = gettext_lazy("Fall zurückziehen")
    success = gettext_lazy("Der Fall wurde zurückgezogen.")

    def call(self, user: Any, case: CommissionCase, data: dict[str, Any], version: int) -> CommissionCase:
        return cases.withdraw(user, case, data["reason"], expected_version=version)


class CasePdfView(View):
    """The submission document for the commission; refused while the consent does not carry the case."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = get_case_for(request, pk, Action.COMMISSION_VIEW)
        policy.require(request.user, Action.EXPORT, case.person)
        if not may_print(case):
            audit_view(request, case.person, "commission_pdf_refused", obj=case)
            return render(request, "commission/pdf_refused.html", {
                **person_header(case.person), "case": case, "warnings": consent_warnings(case),
                "not_submitted": case.state not in (S.SUBMITTED, S.RECOMMENDED, S.DECIDED),
                "back_url": reverse("commission:detail", kwargs={"pk": case.pk}),
            }, status=409)
        pdf, meta = submission_pdf(case)
        audit_print(request.user, case.person, case, meta, kind=PDF_KIND, language="de")
        return pdf_response(pdf, f"vorlage-beratungskommission-{meta.number}.pdf")

