"""PDF downloads for the person concerned: the Zielvereinbarung and the § 104c Abs. 4 information sheet.

Both are audited as EXPORT with document number and checksum, so that a printed page can be traced back.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.facts.links import person_url
from wegweiser.goals.models import Zielvereinbarung
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import get_person_for

from .services import sheet_104c
from .services.common import audit_print, requested_language
from .services.goal import goal_pdf


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
