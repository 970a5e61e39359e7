"""The user's own notifications: list them and mark them read.

Reading a notification is not a read of a case file (it holds only what the sender wrote), so the audit
entry of the list names no person; the linked case file audits itself when opened.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from . import services
from .access import require_use

PURPOSE = "Benachrichtigungen"
PAGE_SIZE = 50


class _OwnNotificationsView(View):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require_use(request.user)
        return super().dispatch(request, *args, **kwargs)


class NotificationListView(_OwnNotificationsView):
    def get(self, request: HttpRequest) -> HttpResponse:
        own = services.own_notifications(request.user)
        page = Paginator(own.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("seite"))
        page.object_list = list(page.object_list)
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="notifications.notification",
            details={"page": page.number, "shown": len(page.object_list)},
        )
        unread = services.unread_count(request.user)
        return render(request, "notifications/list.html", {"page": page, "unread": unread})


class MarkReadView(_OwnNotificationsView):
    """POST ``notification=<id>`` marks one, ``all=1`` marks all of the user's notifications read."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if request.POST.get("all"):
            count = services.mark_all_read(request.user)
            messages.success(
                request,
                ngettext("%(count)d Benachrichtigung als gelesen markiert.",
                         "%(count)d Benachrichtigungen als gelesen markiert.", count) % {"count": count},
            )
            return redirect("notifications:list")
        pk = request.POST.get("notification", "")
        if not pk.isdigit():
            messages.error(request, _("Bitte wählen Sie eine Benachrichtigung aus."))
            return redirect("notifications:list")
        notification = get_object_or_404(services.own_notifications(request.user), pk=int(pk))
        services.mark_read(request.user, notification)
        messages.success(request, _("Benachrichtigung als gelesen markiert."))
        return redirect("notifications:list")
