"""Plan pages: list, create from the person page, detail (before-measure check, safeguards, certificates,
approval), edit with optimistic locking, acknowledging warnings, approving, certificates.

Every page that shows a plan writes a VIEW entry per affected person; every change is audited by the services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header

from ..forms import AcknowledgeForm, CertificateForm, ListFilterForm, PlanForm, SetAsideForm, VersionForm
from ..models import FitnessCertificate, MeasurePlan, PlanStatus
from ..presentation import age_text, candidates, is_possibly_minor, result_rows
from ..services import before, plans
from ..services.common import PURPOSE, StalePlan
from ..services.facts import evaluate_plan, open_warnings
from .common import audit_plan, get_plan_for

STALE = _("Dieser Plan wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen Stand.")


def detail_url(plan: MeasurePlan, anchor: str = "") -> str:
    return reverse("measures:plan_detail", kwargs={"pk": plan.pk}) + (f"#{anchor}" if anchor else "")


def _may_all(user: Any, action: Action, persons: list[Person]) -> bool:
    return bool(persons) and all(policy.may(user, action, p) for p in persons)


class PlanListView(View):
    """Plans whose every affected person the user sees, newest window first, filtered by status."""

    template_name = "measures/plan_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.MEASURE_VIEW)
        form = ListFilterForm(request.GET or None)
        hidden = Person.objects.exclude(pk__in=policy.visible_persons(request.user, Person.objects.all()))
        queryset = MeasurePlan.objects.exclude(plan_persons__person__in=hidden).prefetch_related(
            "plan_persons__person").select_related("planner", "approver")
        status = form.cleaned_data.get("status") if form.is_bound and form.is_valid() else ""
        if status:
            queryset = queryset.filter(status=status)
        rows = []
        for plan in queryset[:200]:
            persons = [pp.person for pp in plan.plan_persons.all()]
            rows.append({"plan": plan, "persons": persons})
            audit_plan(request, plan, persons, "measure_list")
        return render(request, self.template_name, {"form": form, "rows": rows, "status": status})


class PlanCreateView(View):
    """Start a plan from the person page: choose the affected persons from the family and household shown."""

    template_name = "measures/plan_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.MEASURE_PLAN)
        audit_view(request, person, "measure_create")
        rows = candidates(person, request.user, timezone.localdate())
        form = PlanForm(candidates=rows, initial={"persons": [person.pk]})
        return self.render(request, person, form)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.MEASURE_PLAN)
        rows = candidates(person, request.user, timezone.localdate())
        form = PlanForm(request.POST, candidates=rows)
        if form.is_valid():
            chosen = [c.person for c in rows if str(c.person.pk) in set(form.cleaned_data["persons"])]
            try:
                with transaction.atomic():
                    plan = plans.create_plan(request.user, chosen, form.values())
                    plan, _checks = plans.run_before_check(request.user, plan, expected_version=plan.version)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Plan wurde als Entwurf angelegt. Die Schutzregeln sind geprüft."))
                return redirect(detail_url(plan))
        return self.render(request, person, form, status=400)

    def render(self, request: HttpRequest, person: Person, form: PlanForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "plan": None,
            "cancel_url": reverse("persons:detail", kwargs={"pk": person.pk}) + "#massnahmen-heading",
        }, status=status)


def _certificates(persons: list[Person]) -> list[FitnessCertificate]:
    return list(FitnessCertificate.objects.filter(person__in=persons)
                .select_related("person", "set_aside_by", "recorded_by").order_by("-issued_on", "-pk"))


class PlanDetailView(View):
    """At the top the staying perspectives that need a reason and the before-measure check, then the
    safeguards, warnings to acknowledge, certificates, and approval."""

    template_name = "measures/plan_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_VIEW)
        return self.render(request, plan, persons)

    def render(self, request: HttpRequest, plan: MeasurePlan, persons: list[Person], *,
               ack_forms: dict[str, AcknowledgeForm] | None = None, status: int = 200) -> HttpResponse:
        user = request.user
        today = timezone.localdate()
        checks = before.check_persons(user, persons, on=today)  # audits its own read per person
        results = evaluate_plan(plan)
        open_ids = {r.rule_id for r in open_warnings(plan, results)}
        rows = result_rows(results, plan.acknowledgements, open_ids)
        draft = plan.status == PlanStatus.DRAFT
        may_plan = _may_all(user, Action.MEASURE_PLAN, persons)
        may_approve = _may_all(user, Action.MEASURE_APPROVE, persons)
        ack_forms = ack_forms or {}
        if draft and (may_plan or may_approve):
            for row in rows:
                if row.needs_ack:
                    row.form = ack_forms.get(row.rule_id) or AcknowledgeForm(
                        initial={"rule_id": row.rule_id, "version": plan.version}, prefix=row.rule_id)
        certificates = _certificates(persons)
        audit_plan(request, plan, persons, "measure_plan", certificates=[c.pk for c in certificates])
        on = plan.window_start.date() if plan.window_start else today
        chances = [{"person": c.person, **ch} for c in checks for ch in c.chances if ch["needs_reason"]]
        return render(request, self.template_name, {
            "plan": plan, "persons": [{"person": p, "age": age_text(p, on), "minor": is_possibly_minor(p, on)}
                                      for p in persons],
            "checks": checks, "chances": chances,
            "unassessable": [c for c in checks if c.perspective_error],
            "needs_perspective_reason": bool(chances) or any(c.perspective_error for c in checks),
            "rows": rows, "blocked": [r for r in rows if r.outcome == "blocked"],
            "certificates": certificates, "may_plan": may_plan and plan.status in (PlanStatus.DRAFT, PlanStatus.APPROVED),
            "may_approve": may_approve, "draft": draft,
            "problems": plans.approval_problems(user, plan, results) if draft and may_approve else [],
            "version_form": VersionForm(initial={"version": plan.version}),
            "may_record_health": may_plan and all(policy.may(user, Action.MEASURE_PLAN, p, DataCategory.HEALTH)
                                                  for p in persons),
            "stored_check": plan.before_check or {},
        }, status=status)


class PlanEditView(View):
    """Change persons and details. The version the user saw travels in the form; a lost update keeps the input
    and says so (409)."""

    template_name = "measures/plan_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        if plan.status not in (PlanStatus.DRAFT, PlanStatus.APPROVED):
            messages.info(request, _("Ein Plan im Status „%(status)s“ wird nicht mehr geändert.")
                          % {"status": plan.get_status_display()})
            return redirect(detail_url(plan))
        audit_plan(request, plan, persons, "measure_edit")
        initial = {name: getattr(plan, name) for name in plans.EDITABLE}
        initial.update(persons=[p.pk for p in persons], version=plan.version)
        return self.render(request, plan, persons, PlanForm(candidates=self._candidates(request, persons),
                                                            initial=initial))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        rows = self._candidates(request, persons)
        form = PlanForm(request.POST, candidates=rows)
        conflict = None
        if form.is_valid():
            chosen = [c.person for c in rows if str(c.person.pk) in set(form.cleaned_data["persons"])]
            version = form.cleaned_data.get("version")
            was_approved = plan.status == PlanStatus.APPROVED
            try:
                if version is None:
                    raise ValidationError(_("Die Anfrage war unvollständig. Bitte laden Sie die Seite neu."))
                with transaction.atomic():
                    changed_persons = {p.pk for p in chosen} != {p.pk for p in persons}
                    current = plans.set_persons(request.user, plan, chosen, expected_version=version)
                    current = plans.update_plan(request.user, current, form.values(), expected_version=current.version)
                    if changed_persons:
                        current, _checks = plans.run_before_check(request.user, current,
                                                                  expected_version=current.version)
            except StalePlan as stale:
                conflict = stale.current
                form.add_error(None, STALE + " " + _("Ihre Eingaben stehen noch im Formular. Speichern Sie erneut, "
                                                     "um den aktuellen Stand mit Ihren Eingaben zu überschreiben."))
                data = form.data.copy()
                data["version"] = str(stale.current.version)
                form.data = data
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if current.version == version:
                    messages.info(request, _("Es wurde nichts geändert."))
                elif was_approved and current.status == PlanStatus.DRAFT:
                    messages.warning(request, _("Der Plan wurde geändert und ist wieder ein Entwurf. Er muss neu "
                                                "freigegeben werden."))
                else:
                    messages.success(request, _("Der Plan wurde gespeichert."))
                return redirect(detail_url(current))
        return self.render(request, plan, persons, form, conflict=conflict, status=409 if conflict else 400)

    def _candidates(self, request: HttpRequest, persons: list[Person]) -> list[Any]:
        return candidates(persons[0], request.user, timezone.localdate(), extra=persons) if persons else []

    def render(self, request: HttpRequest, plan: MeasurePlan, persons: list[Person], form: PlanForm, *,
               conflict: MeasurePlan | None = None, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            "plan": plan, "form": form, "conflict": conflict, "person": persons[0] if persons else None,
            "cancel_url": detail_url(plan),
        }, status=status)


class PlanCheckView(View):
    """POST: run the before-measure check again and keep it on the plan."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, _persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        form = VersionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Die Anfrage war unvollständig. Bitte laden Sie die Seite neu."))
            return redirect(detail_url(plan))
        try:
            current, _checks = plans.run_before_check(request.user, plan, expected_version=form.cleaned_data["version"])
        except StalePlan:
            messages.error(request, STALE)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if current.version == form.cleaned_data["version"]:
                messages.success(request, _("Die Prüfung vor jeder Maßnahme ist aktuell; nichts hat sich geändert."))
            else:
                messages.success(request, _("Die Prüfung vor jeder Maßnahme wurde erneut durchgeführt und gespeichert."))
        return redirect(detail_url(plan, "vorpruefung-heading"))


class AcknowledgeView(View):
    """POST: acknowledge one warning with a written reason (draft only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_VIEW)
        rule_id = request.POST.get("rule_id", "")
        form = AcknowledgeForm(request.POST, prefix=rule_id or None)
        if not rule_id or not form.is_valid():
            return PlanDetailView().render(request, plan, persons, ack_forms={rule_id: form}, status=400)
        try:
            plans.acknowledge_warning(request.user, plan, form.cleaned_data["rule_id"], form.cleaned_data["reason"],
                                      expected_version=form.cleaned_data["version"])
        except StalePlan:
            form.add_error(None, STALE)
            plan.refresh_from_db()
            data = form.data.copy()
            data[form.add_prefix("version")] = str(plan.version)
            form.data = data
            return PlanDetailView().render(request, plan, persons, ack_forms={rule_id: form}, status=409)
        except ValidationError as exc:
            form.add_service_error(exc)
            return PlanDetailView().render(request, plan, persons, ack_forms={rule_id: form}, status=400)
        messages.success(request, _("Die Warnung ist mit Begründung bestätigt."))
        return redirect(detail_url(plan, "schutzregeln-heading"))


class ApproveView(View):
    """POST: Teamleitung approves. Refusals (four eyes, blocked rules, open warnings) are listed on the page."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_APPROVE)
        form = VersionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Die Anfrage war unvollständig. Bitte laden Sie die Seite neu."))
            return redirect(detail_url(plan))
        try:
            plans.approve(request.user, plan, expected_version=form.cleaned_data["version"])
        except StalePlan:
            messages.error(request, STALE + " " + _("Der Plan wurde nicht freigegeben."))
        except plans.ApprovalRefused as refused:
            messages.error(request, _("Der Plan wurde nicht freigegeben: %(reasons)s")
                           % {"reasons": " ".join(refused.reasons)})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Der Plan ist freigegeben."))
        return redirect(detail_url(plan, "freigabe-heading"))


class CertificateCreateView(View):
    """Record a fitness-to-travel certificate of an affected person (recorded once, never changed)."""

    template_name = "measures/certificate_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        audit_plan(request, plan, persons, "measure_certificate_create")
        return self.render(request, plan, CertificateForm(persons=persons))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        form = CertificateForm(request.POST, persons=persons)
        if form.is_valid():
            data = dict(form.cleaned_data)
            chosen = data.pop("person")
            person = next(p for p in persons if str(p.pk) == chosen)
            try:
                plans.record_certificate(request.user, person, data, plan=plan)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die ärztliche Bescheinigung wurde erfasst. Die Schutzregeln sind neu "
                                            "geprüft."))
                return redirect(detail_url(plan, "bescheinigungen-heading"))
        return self.render(request, plan, form, status=400)

    def render(self, request: HttpRequest, plan: MeasurePlan, form: CertificateForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"plan": plan, "form": form, "cancel_url": detail_url(plan)},
                      status=status)


class CertificateSetAsideView(View):
    """Set a certificate aside with a documented assessment (who and why)."""

    template_name = "measures/certificate_set_aside.html"

    def _get(self, request: HttpRequest, pk: int, cert_pk: int) -> tuple[MeasurePlan, FitnessCertificate]:
        plan, persons = get_plan_for(request, pk, Action.MEASURE_PLAN)
        certificate = get_object_or_404(FitnessCertificate.objects.select_related("person"), pk=cert_pk,
                                        person__in=persons)
        policy.require(request.user, Action.MEASURE_PLAN, certificate.person, DataCategory.HEALTH)
        return plan, certificate

    def get(self, request: HttpRequest, pk: int, cert_pk: int) -> HttpResponse:
        plan, certificate = self._get(request, pk, cert_pk)
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=certificate.person,
               obj=certificate, details={"page": "measure_certificate_set_aside", "plan": plan.pk})
        return self.render(request, plan, certificate, SetAsideForm())

    def post(self, request: HttpRequest, pk: int, cert_pk: int) -> HttpResponse:
        plan, certificate = self._get(request, pk, cert_pk)
        form = SetAsideForm(request.POST)
        if form.is_valid():
            try:
                plans.set_aside_certificate(request.user, certificate, form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Bescheinigung ist mit Bewertung beiseitegelegt."))
                return redirect(detail_url(plan, "bescheinigungen-heading"))
        return self.render(request, plan, certificate, form, status=400)

    def render(self, request: HttpRequest, plan: MeasurePlan, certificate: FitnessCertificate, form: SetAsideForm,
               status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"plan": plan, "certificate": certificate, "form": form,
                                                    "cancel_url": detail_url(plan)}, status=status)
