"""The caseload dashboard: figures on the own caseload (Lotse/Lotsin) or the office (Teamleitung).

It shows counts only, no person's name; one audit entry per view records the scope and filters.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.views import View

from wegweiser.accounts.policy import Action, require
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from . import charts
from .forms import DashboardFilterForm
from .links import figure_links, scope_links
from .services.by_lotse import rows_by_lotse
from .services.figures import DUE_WITHIN_DAYS, goal_figures, person_figures
from .services.labels import short_label, title
from .services.scope import UNASSIGNED, sees_office
from .services.transitions import transitions

PURPOSE = "Fallbegleitung (Auswertung)"


def _month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _transition_context(result) -> dict[str, Any]:
    pathways = [key for key, _n in result.by_pathway()]
    return {
        "chart_months": charts.column_chart([(m.strftime("%m/%y"), result.month_total(m)) for m in result.months]),
        "chart_pathways": charts.row_chart([(short_label(k), n) for k, n in result.by_pathway()]),
        "pathways": [{"key": k, "label": short_label(k), "title": title(k), "count": n} for k, n in result.by_pathway()],
        "rows": [
            {"month": _month_label(m), "cells": [result.counts.get(m, {}).get(k, 0) for k in pathways],
             "total": result.month_total(m)}
            for m in result.months
        ],
        "total": result.total,
    }


def _with_links(user: Any, rows: list | None, period: Any, scope: Any) -> list[dict[str, Any]] | None:
    """The rows per Lotse/Lotsin with the links of their figures."""
    if rows is None:
        return None
    return [{"row": row, "links": figure_links(user, period, lotse=row.lotse or UNASSIGNED, team=scope.team)}
            for row in rows]


class DashboardView(View):
    template_name = "caseload/dashboard.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        require(request.user, Action.DASHBOARD_VIEW)
        today = timezone.localdate()
        office = sees_office(request.user)
        form = DashboardFilterForm(request.GET or None, today=today, office=office)
        context: dict[str, Any] = {"form": form, "office": office, "due_days": DUE_WITHIN_DAYS}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context, status=400)
        period, scope = form.period(), form.scope(request.user)
        persons = scope.persons(request.user)
        goals = goal_figures(persons, period, today)
        context.update({
            "period": period, "period_first": _month_label(period.first), "period_last": _month_label(period.last),
            "scope": scope, "persons": person_figures(persons), "goals": goals,
            "transitions": _transition_context(transitions(persons, period)),
            "chart_goals": charts.column_chart([(m.strftime("%m/%y"), n) for m, n in goals.achieved_by_month]),
            "goal_rows": [{"month": _month_label(m), "count": n} for m, n in goals.achieved_by_month],
            "by_lotse": rows_by_lotse(persons, period, today) if office and scope.lotse is None else None,
            "links": scope_links(request.user, scope, period),
        })
        context["lotse_rows"] = _with_links(request.user, context["by_lotse"], period, scope)
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="caseload.dashboard",
               details={**scope.summary(), "from": period.first.isoformat(), "to": period.last.isoformat()})
        return render(request, self.template_name, context)
