"""The Zielvereinbarung as a PDF for the person: German and the person's language side by side.

Fixed texts are translated (message context "client"); what the office wrote (goal, indicator, support) is
printed as written and marked as not translated — a machine translation of an agreement would put words in
the office's mouth that nobody checked.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from wegweiser.goals.models import ResponsibleKind, Zielvereinbarung

from ..render import PrintMeta, format_date, isolated, ltr, render_pdf
from .common import COMMON, bilingual

TEMPLATE = "printing/goal.html"

TEXTS = {
    **COMMON,
    "title": pgettext_lazy("client", "Zielvereinbarung"),
    "intro": pgettext_lazy(
        "client",
        "Sie und die Ausländerbehörde haben gemeinsam ein Ziel vereinbart. Hier steht, was das Ziel ist, woran "
        "man erkennt, dass es erreicht ist, bis wann, wer verantwortlich ist und welche Unterstützung Sie "
        "bekommen.",
    ),
    "not_a_decision": pgettext_lazy(
        "client",
        "Diese Vereinbarung ist keine Entscheidung über Ihren Aufenthalt. Sie soll Ihnen helfen, die "
        "Voraussetzungen für ein Aufenthaltsrecht zu erfüllen.",
    ),
    "official_language": pgettext_lazy(
        "client", "Die Amtssprache ist Deutsch. Der deutsche Text steht jeweils unter der Übersetzung."
    ),
    "goal": pgettext_lazy("client", "Ziel"),
    "indicator": pgettext_lazy("client", "Woran man erkennt, dass das Ziel erreicht ist"),
    "due_date": pgettext_lazy("client", "Zieldatum"),
    "no_due_date": pgettext_lazy("client", "kein Datum vereinbart"),
    "responsible": pgettext_lazy("client", "Verantwortlich"),
    "support": pgettext_lazy("client", "Unterstützung, die Sie bekommen"),
    "next_review": pgettext_lazy("client", "Nächstes Gespräch zur Überprüfung"),
    "free_text": pgettext_lazy("client", "Freitext, nicht übersetzt"),
    "version": pgettext_lazy("client", "Fassung"),
    "sign_person": pgettext_lazy("client", "Unterschrift der Person"),
    "sign_office": pgettext_lazy("client", "Unterschrift für die Ausländerbehörde"),
    "place_date": pgettext_lazy("client", "Ort, Datum"),
}

RESPONSIBLE = {
    ResponsibleKind.PERSON: pgettext_lazy("client", "Sie selbst"),
    ResponsibleKind.LOTSE: pgettext_lazy("client", "Ihr Integrationslotse oder Ihre Integrationslotsin"),
    ResponsibleKind.KIM: pgettext_lazy("client", "das KIM-Fallmanagement"),
    ResponsibleKind.PARTNER: pgettext_lazy("client", "eine Partnerorganisation"),
}


def document_number(goal: Zielvereinbarung) -> str:
    """Number and version of the agreement: a changed agreement prints under a new number."""
    return f"ZV-{goal.pk}-{goal.version}"


def _dates(goal: Zielvereinbarung, issued_on: Any, language: str) -> dict[str, str]:
    with translation.override(language):
        return {"issued_on": format_date(issued_on), "due_date": format_date(goal.due_date),
                "next_review": format_date(goal.next_review)}


def goal_pdf(goal: Zielvereinbarung, language: str) -> tuple[bytes, PrintMeta]:
    """The PDF of ``goal`` in German and ``language`` (German only for "de"). No policy, no audit: the view's."""
    person = goal.person
    issued_on = timezone.localdate()
    labels = bilingual(TEXTS, language)
    responsible = bilingual({"kind": RESPONSIBLE[ResponsibleKind(goal.responsible_kind)]}, language)["kind"]
    content = {
        "kind": "zielvereinbarung", "number": document_number(goal), "language": language,
        "issued_on": issued_on, "person": {"name": person.display_name, "file_number": person.file_number},
        "goal": {"title": goal.title, "indicator": goal.indicator, "due_date": goal.due_date,
                 "responsible_kind": goal.responsible_kind, "responsible_name": goal.responsible_name,
                 "support": goal.support, "next_review": goal.next_review, "version": goal.version},
    }
    meta = PrintMeta(number=document_number(goal), title=labels["title"]["local"], issued_on=issued_on,
                     content=content)
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "goal": goal,
        "person_name": isolated(person.display_name), "file_number": ltr(person.file_number),
        "responsible": responsible, "responsible_name": goal.responsible_name,
        "dates": _dates(goal, issued_on, language), "dates_de": _dates(goal, issued_on, "de"),
    }
    return render_pdf(TEMPLATE, context, language=language), meta
