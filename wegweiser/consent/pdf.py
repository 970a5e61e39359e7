"""The declaration of consent (Einwilligung / Entbindung von der Schweigepflicht) as a PDF for the person.

Fixed texts are translated (message context "client"); recipient and purpose are printed as the office wrote
them and marked as not translated. The person signs the German text; the translation helps them understand it.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from wegweiser.printing.render import PrintMeta, format_date, isolated, ltr, render_pdf
from wegweiser.printing.services.common import COMMON, bilingual

from .categories import CLIENT_LABELS, ordered
from .models import Consent

TEMPLATE = "consent/consent_print.html"

TEXTS = {
    **COMMON,
    "title": pgettext_lazy("client", "Einwilligung in die Weitergabe von Daten und Entbindung von der "
                                     "Schweigepflicht"),
    "intro": pgettext_lazy(
        "client",
        "Ich erlaube der Ausländerbehörde, die unten angekreuzten Angaben über mich an die genannte Stelle "
        "weiterzugeben und mit ihr darüber zu sprechen. Insoweit entbinde ich die Ausländerbehörde und die "
        "genannte Stelle von der Schweigepflicht.",
    ),
    "recipient": pgettext_lazy("client", "Empfänger"),
    "categories": pgettext_lazy("client", "Diese Angaben dürfen weitergegeben werden"),
    "purpose": pgettext_lazy("client", "Zweck"),
    "validity": pgettext_lazy("client", "Gültigkeit"),
    "valid_from": pgettext_lazy("client", "gültig ab"),
    "valid_until": pgettext_lazy("client", "gültig bis einschließlich"),
    "voluntary": pgettext_lazy(
        "client",
        "Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen, hat das keine Nachteile für Ihr "
        "Verfahren bei der Ausländerbehörde.",
    ),
    "revocation": pgettext_lazy(
        "client",
        "Sie können die Einwilligung jederzeit ohne Angabe von Gründen widerrufen, mündlich oder schriftlich "
        "bei der Ausländerbehörde. Der Widerruf gilt ab sofort; was vorher weitergegeben wurde, bleibt davon "
        "unberührt.",
    ),
    "official_language": pgettext_lazy(
        "client", "Die Amtssprache ist Deutsch. Der deutsche Text steht jeweils unter der Übersetzung."
    ),
    "free_text": pgettext_lazy("client", "Freitext, nicht übersetzt"),
    "sign_person": pgettext_lazy("client", "Unterschrift der Person"),
    "place_date": pgettext_lazy("client", "Ort, Datum"),
}


def document_number(consent: Consent) -> str:
    return f"EW-{consent.pk}-{consent.version}"


def consent_pdf(consent: Consent, language: str) -> tuple[bytes, PrintMeta]:
    """The PDF of ``consent`` in German and ``language`` (German only for "de"). No policy, no audit: the view's."""
    person = consent.person
    issued_on = timezone.localdate()
    labels = bilingual(TEXTS, language)
    categories = ordered(consent.categories)
    category_labels = bilingual({c.value: CLIENT_LABELS[c] for c in categories}, language)
    with translation.override(language):
        dates = {"issued_on": format_date(issued_on), "valid_from": format_date(consent.valid_from),
                 "valid_until": format_date(consent.valid_until)}
    content = {
        "kind": "einwilligung", "number": document_number(consent), "language": language, "issued_on": issued_on,
        "person": {"name": person.display_name, "file_number": person.file_number},
        "consent": {"recipient": str(consent.recipient), "categories": [c.value for c in categories],
                    "purpose": consent.purpose, "valid_from": consent.valid_from,
                    "valid_until": consent.valid_until, "version": consent.version},
    }
    meta = PrintMeta(number=document_number(consent), title=labels["title"]["local"], issued_on=issued_on,
                     content=content)
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "consent": consent,
        "person_name": isolated(person.display_name), "file_number": ltr(person.file_number),
        "recipient": str(consent.recipient), "category_labels": [category_labels[c.value] for c in categories],
        "dates": dates,
    }
    return render_pdf(TEMPLATE, context, language=language), meta
