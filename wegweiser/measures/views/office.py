"""The office's safeguard settings (Teamleitung changes them) and the report for the council and the ABK.

The report page needs STATISTICS_VIEW; the aggregate summary is all the Auswertung role sees. Roles that may
also see the plans (MEASURE_VIEW) get the per-plan list below it (audited per person by the service).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import OfficePolicyForm, ReportForm
from ..models import PlanStatus
from ..presentation import rule_kind, rule_label
from ..safeguards import HARD_RULES, PRESETS, REASON_RULES, WARNING_RULES
from ..services import office, reporting


class OfficeSettingsView(View):
    """Everyone who works on plans reads the settings; only Teamleitung (MEASURE_APPROVE) changes them."""

    template_name = "measures/office_settings.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.MEASURE_VIEW)
        row = office.office_policy()
        form = OfficePolicyForm(initial={"preset": row.preset, "certificate_max_age_days": row.certificate_max_age_days,
                                         "hard_warnings": row.hard_warnings, "version": row.version})
        return self.render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.MEASURE_APPROVE)
        form = OfficePolicyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                office.set_office_policy(request.user, preset=data["preset"],
                                         certificate_max_age_days=data["certificate_max_age_days"],
                                         hard_warnings=list(data["hard_warnings"]), expected_version=data["version"])
            except ValidationError as exc:
                form.add_service_error(exc)
                if getattr(exc, "code", "") == "stale":
                    form_data = form.data.copy()
                    form_data["version"] = str(office.office_policy().version)
                    form.data = form_data
                    return self.render(request, form, status=409)
            else:
                messages.success(request, _("Die Schutzregeln des Amts sind gespeichert. Sie gelten für jeden Plan, "
                                            "der ab jetzt geändert oder geprüft wird."))
                return redirect("measures:office_settings")
        return self.render(request, form, status=400)

    def render(self, request: HttpRequest, form: OfficePolicyForm, status: int = 200) -> HttpResponse:
        row = office.office_policy()
        config = office.current_config()
        rules = [{"id": r, "label": rule_label(r), "kind": rule_kind(r, config.hard_warnings)}
                 for r in sorted(HARD_RULES) + sorted(REASON_RULES) + sorted(WARNING_RULES)]
        return render(request, self.template_name, {
            "form": form, "row": row, "config": config, "rules": rules, "presets": PRESETS,
            "hard_rules": [r for r in rules if r["id"] in HARD_RULES | REASON_RULES],
            "may_change": policy.may(request.user, Action.MEASURE_APPROVE),
        }, status=status)


def _default_range() -> tuple[date, date]:
    today = timezone.localdate()
    return date(today.year, 1, 1), date(today.year, 12, 31)


class ReportView(View):
    """Measures planned, blocked by which rule, interrupted, aborted, carried out; departures by kind (voluntary,
    assisted, after counselling) and removals carried out."""

    template_name = "measures/report.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.STATISTICS_VIEW)
        date_from, date_to = _default_range()
        form = ReportForm(request.GET if "date_from" in request.GET else None,
                          initial={"date_from": date_from, "date_to": date_to})
        status = 200
        if form.is_bound:
            if form.is_valid():
                date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
            else:
                status = 400
        summary = rows = None
        if status == 200:
            summary = reporting.summary(request.user, date_from=date_from, date_to=date_to)  # audited
            if policy.may(request.user, Action.MEASURE_VIEW):
                rows = [{"row": r, "blocked": [rule_label(b) for b in r.blocked_rules]}  # audited per person
                        for r in reporting.plan_list(request.user, date_from=date_from, date_to=date_to)]
        return render(request, self.template_name, {
            "form": form, "summary": summary, "rows": rows, "date_from": date_from, "date_to": date_to,
            "statuses": [(s.label, summary.by_status.get(s.value, 0)) for s in PlanStatus] if summary else [],
            "blocked": [(rule_label(r), n) for r, n in summary.blocked_by_rule.items()] if summary else [],
        }, status=status)
