"""Reading the audit trail: search, one entry, CSV export and the chain check. Reading is itself audited."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from wegweiser.accounts.policy import Action, require
from wegweiser.accounts.roles import Role

from .access import visible_entries
from .forms import AuditFilterForm
from .models import AuditAction
from .services import record, verify_chain

PURPOSE = "Datenschutzkontrolle"
PAGE_SIZE = 50


class _AuditView(View):
    def dispatch(self, request, *args, **kwargs):
        require(request.user, Action.AUDIT_VIEW)
        return super().dispatch(request, *args, **kwargs)


class AuditSearchView(_AuditView):
    def get(self, request):
        params = request.GET.copy()
        params.pop("seite", None)
        form = AuditFilterForm(params or None)
        if form.is_bound and not form.is_valid():
            return render(request, "audit/search.html", {"form": form, "page": None, "query": ""}, status=400)
        entries = visible_entries(request.user)
        if form.is_bound:
            entries = form.filter(entries)
        page = Paginator(entries.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("seite"))
        page.object_list = list(page.object_list)  # read before this search adds its own entry
        record(actor=request.user, action=AuditAction.SEARCH, purpose=PURPOSE, object_type="audit",
               details={"filters": form.summary() if form.is_bound else {}, "page": page.number})
        return render(request, "audit/search.html", {"form": form, "page": page, "query": params.urlencode()})


class AuditDetailView(_AuditView):
    def get(self, request, pk: int):
        entry = visible_entries(request.user).filter(pk=pk).first()
        if entry is None:
            raise Http404
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="audit",
               object_id=entry.pk)
        details = json.dumps(entry.details, ensure_ascii=False, indent=2, sort_keys=True)
        # The stored role value, shown with its label (a role removed since then keeps its raw value).
        role = Role(entry.actor_role).label if entry.actor_role in Role.values else entry.actor_role
        return render(request, "audit/detail.html", {"entry": entry, "details": details, "role": role})


class _Echo:
    def write(self, value: str) -> str:
        return value


class AuditExportView(_AuditView):
    """The current selection as CSV, streamed so that a long trail does not fill the memory."""

    HEADER = ["id", "at", "actor_username", "actor_role", "action", "object_type", "object_id", "person_id",
              "purpose", "details", "prev_hash", "entry_hash"]

    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return render(request, "audit/search.html", {"form": form, "page": None, "query": ""}, status=400)
        entries = visible_entries(request.user)
        if form.is_bound:
            entries = form.filter(entries)
        entries = entries.order_by("id")
        record(actor=request.user, action=AuditAction.EXPORT, purpose=PURPOSE, object_type="audit",
               details={"filters": form.summary() if form.is_bound else {}, "rows": entries.count()})
        writer = csv.writer(_Echo())

        def rows():
            yield writer.writerow(self.HEADER)
            for e in entries.iterator(chunk_size=2000):
                yield writer.writerow([
                    e.id, e.at.isoformat(), e.actor_username, e.actor_role, e.action, e.object_type, e.object_id,
                    e.person_id if e.person_id is not None else "", e.purpose,
                    json.dumps(e.details, ensure_ascii=False, sort_keys=True), e.prev_hash, e.entry_hash,
                ])

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="protokoll-{stamp}.csv"'
        return response


class AuditVerifyView(_AuditView):
    def get(self, request):
        return render(request, "audit/verify.html", {"result": None})

    def post(self, request):
        result = verify_chain()
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="audit.chain",
               details={"ok": result.ok, "checked": result.checked, "broken_id": result.broken_id})
        return render(request, "audit/verify.html", {"result": result, "message": result.message()})
