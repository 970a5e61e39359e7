"""Pages for “Keine Einträge – geprüft am …” (``ListCheck``): list and record checks, delete one.

A check is asked for with the data category of the list it is about (a check of the convictions is
criminal data), and every view of or change to checks is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts.policy import Action, DataCategory, require
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from . import access, checks, services
from .forms import ListCheckForm
from .links import person_url
from .models import ListCheck
from .views import PURPOSE, _person


def _next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


class ListCheckView(View):
    """All checks the user may see for one person, and the form to record one."""

    template_name = "facts/list_checks.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.person = _person(request, kwargs["person_pk"])
        self.visible = checks.visible_subjects(request.user, self.person)
        if not self.visible:  # refused (and logged) by the policy
            require(request.user, Action.PERSON_VIEW, self.person, category=DataCategory.INTEGRATION)
        self.changeable = checks.changeable_subjects(request.user, self.person)
        self.url = reverse("facts:checks", kwargs={"person_pk": self.person.pk})
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: ListCheckForm | None) -> HttpResponse:
        shown = list(ListCheck.objects.filter(person=self.person, subject__in=self.visible)
                     .select_related("recorded_by"))
        record(
            actor=self.request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=self.person,
            object_type=ListCheck._meta.label_lower,
            details={"kind": "list-check", "subjects": self.visible, "ids": [c.pk for c in shown]},
        )
        return render(self.request, self.template_name, {
            "person": self.person, "person_url": person_url(self.person), "form": form,
            "rows": checks.rows(self.request.user, self.person, shown), "url": self.url,
        })

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        form = None
        if self.changeable:
            initial = {"subject": request.GET.get("subject")} if request.GET.get("subject") in self.changeable else {}
            form = ListCheckForm(subjects=self.changeable, initial=initial)
        return self._render(form)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        if not self.changeable:
            require(request.user, Action.FACT_CHANGE, self.person, category=DataCategory.INTEGRATION)
        form = ListCheckForm(request.POST, subjects=self.changeable, instance=ListCheck(person=self.person))
        if not form.is_valid():
            return self._render(form)
        check = services.create_list_check(user=request.user, person=self.person, check=form.instance)
        messages.success(request, _("Gespeichert: %(subject)s – keine Einträge, geprüft am %(day)s.") % {
            "subject": check.get_subject_display(), "day": check.checked_on.strftime("%d.%m.%Y")})
        return redirect(_next(request, self.url))


class ListCheckDeleteView(View):
    """GET asks for confirmation; only POST deletes."""

    template_name = "facts/list_check_confirm_delete.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.person = _person(request, kwargs["person_pk"])
        self.check = get_object_or_404(ListCheck, person=self.person, pk=kwargs["pk"])
        category = access.check_category(self.check.subject)
        require(request.user, Action.PERSON_VIEW, self.person, category=category)
        require(request.user, Action.FACT_CHANGE, self.person, category=category)
        self.url = reverse("facts:checks", kwargs={"person_pk": self.person.pk})
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=self.person, obj=self.check,
            details={"kind": "list-check", "subject": self.check.subject, "category": self.check.category},
        )
        return render(request, self.template_name, {
            "person": self.person, "person_url": person_url(self.person), "check": self.check, "url": self.url,
        })

    def post(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        subject = self.check.get_subject_display()
        services.delete_list_check(user=request.user, check=self.check)
        messages.success(request, _("Die Prüfung „%(subject)s“ wurde gelöscht.") % {"subject": subject})
        return redirect(self.url)
