"""The screening runs: start one, watch its progress, resume one that failed.

While a run is queued or running, the progress region asks for itself every two seconds (htmx polling of
the same URL, answered with the region only); without JavaScript a link reloads the page. The region is an
``aria-live="polite"`` status, so screen readers hear the progress without losing their place.

A queued or running run whose worker has not answered for ``SCREENING_STALE_MINUTES`` is shown as such (not
as progressing); starting a new run or resuming it marks it failed (``services.runs.fail_stale_runs``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import RunStartForm
from ..models import RunStatus, ScreeningRun
from .common import current_run

#: Runs listed on the page (newest first).
RUN_LIMIT = 20
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def _context(request: HttpRequest, form: RunStartForm | None = None) -> dict[str, Any]:
    runs = list(ScreeningRun.objects.select_related("started_by")[:RUN_LIMIT])
    active = [run for run in runs if run.status in ACTIVE and not run.is_stale]
    stale = [run for run in runs if run.is_stale]
    may_run = policy.may(request.user, Action.SCREENING_RUN)
    return {
        "runs": runs, "active": active, "stale": stale, "current": current_run(), "may_run": may_run,
        "form": form or (RunStartForm() if may_run else None),
    }


class RunListView(View):
    template_name = "screening/runs.html"
    partial_template_name = "screening/_run_progress.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.WORKLIST_VIEW)
        htmx = getattr(request, "htmx", None)
        partial = bool(htmx) and not htmx.history_restore_request
        context = {**_context(request), "partial": partial}
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])
        patch_cache_control(response, no_store=True)
        return response


class RunStartView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        from ..services.runs import RunError, start_run

        policy.require(request.user, Action.SCREENING_RUN)
        form = RunStartForm(request.POST)
        if not form.is_valid():
            return render(request, RunListView.template_name, {**_context(request, form), "partial": False},
                          status=400)
        try:
            start_run(request.user, as_of=form.cleaned_data.get("as_of"))
        except RunError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Der Prüflauf wurde gestartet."))
        return redirect("screening:runs")


class RunResumeView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from ..services.runs import RunError, resume_run

        policy.require(request.user, Action.SCREENING_RUN)
        run = get_object_or_404(ScreeningRun, pk=pk)
        if run.status != RunStatus.FAILED and not run.is_stale:
            messages.error(request, _("Nur ein abgebrochener Prüflauf kann fortgesetzt werden."))
            return redirect("screening:runs")
        try:
            resume_run(request.user, run)
        except RunError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Der Prüflauf wird fortgesetzt."))
        return redirect("screening:runs")
