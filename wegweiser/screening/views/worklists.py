"""The worklist pages and their exports.

Every page view writes one VIEW entry naming the list, the filters and the persons shown; every export one
EXPORT entry naming the list, the filters, the number of persons and their ids.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person

from .. import exports
from ..forms import BulkAssignForm, WorklistFilterForm
from ..worklists import DEFAULT_SORT, WORKLISTS, Filters, Selection, Worklist, counts, rows, select
from .common import PURPOSE, current_run

PAGE_SIZE = 50


def visible(request: HttpRequest) -> QuerySet[Person]:
    return policy.visible_persons(request.user, Person.objects.all())


def get_worklist(key: str) -> Worklist:
    worklist = WORKLISTS.get(key)
    if worklist is None:
        raise Http404
    return worklist


def _query(request: HttpRequest, drop: tuple[str, ...] = ("seite",)) -> str:
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    return params.urlencode()


class WorklistIndexView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.WORKLIST_VIEW)
        return redirect("screening:worklist", key=next(iter(WORKLISTS)))


class _WorklistMixin:
    def selection(self, request: HttpRequest, key: str) -> tuple[Worklist, WorklistFilterForm, Selection | None]:
        policy.require(request.user, Action.WORKLIST_VIEW)
        worklist = get_worklist(key)
        persons = visible(request)
        params = request.GET.copy()
        params.pop("seite", None)
        form = WorklistFilterForm(params or None, worklist=worklist, persons=persons)
        if form.is_bound and not form.is_valid():
            return worklist, form, None
        run = current_run()
        day = timezone.localdate()
        return worklist, form, select(worklist, persons.select_related("team", "lotse"), run, form.filters(),
                                      day=day, sort=form.sort_order())


class WorklistView(_WorklistMixin, View):
    template_name = "screening/worklist.html"

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        worklist, form, selection = self.selection(request, key)
        run = current_run()
        day = timezone.localdate()
        context: dict[str, Any] = {
            "worklist": worklist, "form": form, "run": run, "query": _query(request),
            "sort_query": _query(request, ("seite", "sort")), "sort": form.sort_order() if selection is not None else DEFAULT_SORT,
            "may_export": policy.may(request.user, Action.EXPORT),
            "may_assign": policy.may(request.user, Action.LOTSE_ASSIGN),
            "may_run": policy.may(request.user, Action.SCREENING_RUN),
        }
        if selection is None:
            context.update(tabs=_tabs(request, Filters(), run, day, counted=False), page=None)
            return render(request, self.template_name, context, status=400)
        page = Paginator(selection.persons, PAGE_SIZE).get_page(request.GET.get("seite"))
        persons = list(page.object_list.prefetch_related("nationalities"))
        context.update(
            tabs=_tabs(request, form.filters(), run, day),
            page=page, rows=rows(selection, persons, day),
            assign_form=BulkAssignForm(persons=Person.objects.none(), auto_id="assign_%s") if context["may_assign"] else None,
            next_url=request.get_full_path(),
        )
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="worklist",
               object_id=worklist.key,
               details={"page": "worklist", "list": worklist.key, "filters": form.filters().summary(),
                        "run": run.pk if run else None, "page_number": page.number,
                        "persons": [p.pk for p in persons]})
        return render(request, self.template_name, context)


def _tabs(request: HttpRequest, filters: Filters, run: Any, day: Any, counted: bool = True) -> list[dict[str, Any]]:
    numbers = counts(visible(request), run, filters, day=day) if counted else {}
    query = _query(request, ("seite", "pathway"))
    tabs = []
    for key, worklist in WORKLISTS.items():
        url = reverse("screening:worklist", kwargs={"key": key})
        tabs.append({"key": key, "title": worklist.title, "url": f"{url}?{query}" if query else url,
                     "count": numbers.get(key), "needs_run": worklist.uses_run and run is None,
                     "active": request.resolver_match.kwargs.get("key") == key})
    return tabs


class WorklistExportView(_WorklistMixin, View):
    """The whole filtered list (all pages) as CSV or XLSX."""

    format = "csv"

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        policy.require(request.user, Action.EXPORT)
        worklist, form, selection = self.selection(request, key)
        if selection is None:
            errors = "; ".join(f"{form.fields[name].label}: {' '.join(msgs)}" if name in form.fields else " ".join(msgs)
                               for name, msgs in form.errors.items())
            return HttpResponse(_("Die Liste wurde nicht exportiert, weil ein Filter ungültig ist: %(errors)s")
                                % {"errors": errors}, status=400, content_type="text/plain; charset=utf-8")
        day = timezone.localdate()
        persons = list(selection.persons.prefetch_related("nationalities"))
        table = rows(selection, persons, day)
        record(actor=request.user, action=AuditAction.EXPORT, purpose=PURPOSE, object_type="worklist",
               object_id=worklist.key,
               details={"list": worklist.key, "format": self.format, "filters": form.filters().summary(),
                        "run": selection.run.pk if selection.run else None, "count": len(persons),
                        "persons": [p.pk for p in persons]})
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        name = f"arbeitsliste-{worklist.key}-{stamp}.{self.format}"
        if self.format == "xlsx":
            body = exports.to_xlsx(table, str(worklist.date_label), str(worklist.title))
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = exports.to_csv(table, str(worklist.date_label))
            content_type = "text/csv; charset=utf-8"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
