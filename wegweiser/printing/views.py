"""PDF downloads for the person concerned: the Zielvereinbarung, the § 104c Abs. 4 information sheet and the
copy of a counselling protocol; and the record that such a copy was handed over.

Every PDF is audited as EXPORT with document number and checksum, so that a printed page can be traced back.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.counselling.models import Protocol
from wegweiser.facts.links import person_url
from wegweiser.goals.models import Zielvereinbarung
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import get_person_for

from .forms import HandoverForm
from .services import sheet_104c
from .services.common import audit_print, requested_language
from .services.goal import goal_pdf
from .services.handover import record_handover
from .services.protocol_copy import KIND as PROTOCOL_KIND
from .services.protocol_copy import protocol_copy_pdf


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class GoalPdfView(View):
    """The agreement in German and the person's language (``?lang=``; default the goal's language)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.GOAL_VIEW)
        persons = policy.visible_persons(request.user, Person.objects.all())
        goal = get_object_or_404(Zielvereinbarung.objects.select_related("person").filter(person__in=persons), pk=pk)
        policy.require(request.user, Action.GOAL_VIEW, goal.person)
        language = requested_language(request.GET.get("lang"), goal.language or goal.person.letter_language)
        pdf, meta = goal_pdf(goal, language)
        audit_print(request.user, goal.person, goal, meta, kind="zielvereinbarung", language=language)
        return pdf_response(pdf, f"zielvereinbarung-{meta.number}-{language}.pdf")


class Sheet104cView(View):
    """§ 104c Abs. 4 AufenthG: the conditions of § 25a and § 25b and the concrete duties, for a holder."""

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        policy.require(request.user, Action.EXPORT, person)
        language = requested_language(request.GET.get("lang"), person.letter_language)
        as_of = sheet_104c.today()
        permit = sheet_104c.current_permit(person, as_of)
        if permit is None:
            return render(request, "printing/sheet_104c_refused.html",
                          {"person": person, "person_url": person_url(person)}, status=409)
        pdf, meta = sheet_104c.sheet_pdf(request.user, person, permit, as_of, language)
        audit_print(request.user, person, person, meta, kind="hinweise_104c", language=language)
        return pdf_response(pdf, f"hinweise-104c-{meta.number}-{language}.pdf")


def _protocol_for(request: HttpRequest, pk: int, action: Action) -> Protocol:
    """The protocol if its person is visible to the user (else 404) and ``action`` is allowed on it (else 403)."""
    policy.require(request.user, action)
    persons = policy.visible_persons(request.user, Person.objects.all())
    queryset = Protocol.objects.select_related("person", "concept", "counselling_type").filter(person__in=persons)
    protocol = get_object_or_404(queryset, pk=pk)
    policy.require(request.user, action, protocol.person)
    return protocol


def _draft_refused(request: HttpRequest, protocol: Protocol) -> HttpResponse:
    """409: a draft may still change, so it has no copy for the person and no handover."""
    return render(request, "printing/protocol_copy_refused.html",
                  {"protocol": protocol, "person": protocol.person},
                  status=409)


class ProtocolCopyView(View):
    """The person's copy of a final counselling protocol, in German and ``?lang=`` (default the person's)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = _protocol_for(request, pk, Action.COUNSELLING_VIEW)
        person = protocol.person
        policy.require(request.user, Action.EXPORT, person)
        if not protocol.is_final:
            return _draft_refused(request, protocol)
        language = requested_language(request.GET.get("lang"), person.letter_language)
        pdf, meta = protocol_copy_pdf(protocol, language)
        audit_print(request.user, person, protocol, meta, kind=PROTOCOL_KIND, language=language)
        return pdf_response(pdf, f"beratungsprotokoll-{meta.number}-{language}.pdf")


class ProtocolHandoverView(View):
    """POST: record that the copy in one language was handed over (in person, by post or by e-mail)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = _protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        if not protocol.is_final:
            return _draft_refused(request, protocol)
        form = HandoverForm(request.POST)
        if form.is_valid():
            record_handover(request.user, protocol, language=form.cleaned_data["language"],
                            how=form.cleaned_data["how"])
            messages.success(request, _("Die Übergabe der Ausfertigung wurde eingetragen."))
        else:
            errors = " ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, _("Die Übergabe wurde nicht eingetragen: %(errors)s") % {"errors": errors})
        return HttpResponseRedirect(reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}))
