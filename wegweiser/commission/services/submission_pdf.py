"""The submission to the Beratungskommission ("Vorlage an die Beratungskommission") as a PDF.

A staff document in German for the members of the commission. It holds only the data categories the person's
consent covers: each block below is read only if its category is in ``consent.categories``; nothing else of the
case file is even loaded. That is the software enforcing the consent, so the view refuses the PDF when the
consent is no longer valid (revoked or expired). Relatives are named by their role only: their own data would
need their own consent.

Number and checksum as on every printed document: ``ABK-<case>-<version>`` and a SHA-256 over the content data.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegweiser.accounts.policy import DataCategory
from wegweiser.consent.categories import LABELS, ordered
from wegweiser.facts.display import describe, fact_title
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons import codes
from wegweiser.persons.services.common import format_date
from wegweiser.printing.render import PrintMeta, render_pdf

from ..models import CommissionCase

TEMPLATE = "commission/submission_print.html"
KIND = "vorlage_beratungskommission"
C = DataCategory


def document_number(case: CommissionCase) -> str:
    """Case and version: a changed case prints under a new number."""
    return f"ABK-{case.pk}-{case.version}"


def _identity(person: Any) -> list[list[str]]:
    rows = [[_("Name"), person.display_name], [_("Aktenzeichen"), person.file_number],
            [_("Geburtsdatum"), str(person.birth_date) if person.birth_date else "–"],
            [_("Geburtsort"), person.birth_place or "–"],
            [_("Staatsangehörigkeit"), ", ".join(codes.country_name(n.code) for n in person.nationalities.all()) or "–"],
            [_("Sprachen"), ", ".join(codes.language_name(lang.code) for lang in person.languages.all()) or "–"],
            [_("Anschrift"), person.address or "–"]]
    return [[str(label), value] for label, value in rows]


def _residence(person: Any) -> dict[str, list[list[str]]]:
    return {
        "entries": [[format_date(e.date), str(_("erste Einreise")) if e.is_first_entry else "", e.note]
                    for e in person.entries.order_by("date", "pk")],
        "periods": [[p.get_status_display() + (f" ({p.legal_basis})" if p.legal_basis else ""),
                     format_date(p.valid_from), format_date(p.valid_until) or "–", p.note]
                    for p in person.residence_periods.order_by("valid_from", "pk")],
        "abroad": [[format_date(s.left_on), format_date(s.returned_on) or "–", s.destination, s.reason]
                   for s in person.stays_abroad.order_by("left_on", "pk")],
    }


def _family(person: Any) -> list[str]:
    """Roles only (e.g. "Kind, im Haushalt"); names and data of relatives are not covered by this consent."""
    from wegweiser.persons.services.family import family_of

    view = family_of(person)
    rows = [m.role + (f", {_('im Haushalt')}" if m.in_household else "") for m in view.relatives]
    rows += [m.role for m in view.household_members if m.person.pk not in {r.person.pk for r in view.relatives}]
    return rows


def _facts(person: Any, categories: set[str]) -> list[dict[str, Any]]:
    """Fact kinds of the consented categories, one block per kind with entries."""
    blocks = []
    for kind in FACT_KINDS:
        if kind.category not in categories:
            continue
        entries = [{"title": fact_title(f), "details": [[d.label, d.value] for d in describe(f)]}
                   for f in kind.model.objects.filter(person=person)]
        if entries:
            blocks.append({"category": kind.category, "label": kind.label, "entries": entries})
    return blocks


def submission_content(case: CommissionCase) -> dict[str, Any]:
    """What the document prints, read category by category as the consent allows; also the checksum's data."""
    person, consent = case.person, case.consent
    categories = {c.value for c in ordered(consent.categories)}
    data: dict[str, Any] = {
        "kind": KIND, "number": document_number(case),
        "commission": case.commission.name,
        "consent": {"number": f"EW-{consent.pk}-{consent.version}", "signed_on": consent.signed_on,
                    "valid_from": consent.valid_from, "valid_until": consent.valid_until,
                    "categories": [c.value for c in ordered(consent.categories)]},
        "case": {"question": case.question, "summary": case.summary, "submitted_on": case.submitted_on,
                 "version": case.version},
    }
    if C.IDENTITY in categories:
        data["identity"] = _identity(person)
    if C.RESIDENCE in categories:
        data["residence"] = _residence(person)
    if C.FAMILY in categories:
        data["family"] = _family(person)
    data["facts"] = _facts(person, categories)
    if C.DOCUMENTS in categories:
        data["documents"] = [[d.title, d.get_kind_display(), format_date(timezone.localtime(d.uploaded_at).date())]
                             for d in person.documents.order_by("uploaded_at", "pk")]
    if C.NOTES in categories:
        data["notes"] = [[format_date(timezone.localtime(n.created_at).date()), n.text]
                         for n in person.notes.order_by("created_at", "pk")]
    return data


def submission_pdf(case: CommissionCase) -> tuple[bytes, PrintMeta]:
    """The PDF of ``case`` in German. No policy, no consent check, no audit: the view's."""
    issued_on = timezone.localdate()
    with translation.override("de"):
        content = submission_content(case)
        category_labels = [str(LABELS[c]) for c in ordered(case.consent.categories)]
        title = _("Vorlage an die Beratungskommission")
    meta = PrintMeta(number=document_number(case), title=title, issued_on=issued_on,
                     content={**content, "issued_on": issued_on})
    context = {"meta": meta, "case": case, "data": content, "category_labels": category_labels,
               "issued_on": format_date(issued_on), "submitted_on": format_date(case.submitted_on)}
    return render_pdf(TEMPLATE, context, language="de"), meta
