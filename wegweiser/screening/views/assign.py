"""Assigning persons to an Integrationslotse/-lotsin: one person (person page, worklist row) or the persons
ticked on a worklist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header

from ..assignment import assign_lotse
from ..forms import AssignForm, BulkAssignForm
from .worklists import visible


def _next_url(request: HttpRequest, fallback: str) -> str:
    """Where to go back to: a local URL from ``next``, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return target
    return fallback


def _message(lotse, count: int) -> str:
    if lotse is None:
        return ngettext("Die Zuweisung wurde bei %(count)d Person aufgehoben.",
                        "Die Zuweisung wurde bei %(count)d Personen aufgehoben.", count) % {"count": count}
    return ngettext("%(count)d Person wurde %(name)s zugewiesen.", "%(count)d Personen wurden %(name)s zugewiesen.",
                    count) % {"count": count, "name": lotse.display_name}


class AssignView(View):
    """GET: a small form for one person; POST: assign (from this form or the one on the person page)."""

    template_name = "screening/assign.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.LOTSE_ASSIGN)
        audit_view(request, person, "lotse_assign")
        form = AssignForm(initial={"lotse": person.lotse_id})
        return self.render(request, person, form)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.LOTSE_ASSIGN)
        form = AssignForm(request.POST)
        if form.is_valid():
            lotse = form.cleaned_data["lotse"]
            try:
                changed = assign_lotse(request.user, [person], lotse)
            except ValidationError as exc:
                form.add_error("lotse", exc)
            else:
                if not changed:
                    messages.info(request, _("Die Zuweisung war schon so eingetragen."))
                elif lotse is None:
                    messages.success(request, _("Die Zuweisung wurde aufgehoben."))
                else:
                    messages.success(request, _("%(person)s wird jetzt von %(name)s begleitet.")
                                     % {"person": person.display_name, "name": lotse.display_name})
                return redirect(self.back(request, person))
        return self.render(request, person, form, status=400)

    def back(self, request: HttpRequest, person) -> str:
        return _next_url(request, reverse("persons:detail", kwargs={"pk": person.pk}))

    def render(self, request: HttpRequest, person, form: AssignForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "next_url": self.back(request, person),
        }, status=status)


class BulkAssignView(View):
    """POST from a worklist: the ticked persons (``personen``) to one Lotse/Lotsin, all or nothing."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.LOTSE_ASSIGN)
        back = _next_url(request, reverse("screening:worklists"))
        form = BulkAssignForm(request.POST, persons=visible(request))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        lotse = form.cleaned_data["lotse"]
        try:
            changed = assign_lotse(request.user, form.cleaned_data["personen"], lotse)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            unchanged = len(form.cleaned_data["personen"]) - len(changed)
            messages.success(request, _message(lotse, len(changed)) + (
                " " + ngettext("Bei %(count)d Person war es schon so eingetragen.",
                               "Bei %(count)d Personen war es schon so eingetragen.", unchanged) % {"count": unchanged}
                if unchanged else ""))
        return redirect(back)
