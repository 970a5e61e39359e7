"""What the client PDFs share: fixed texts in German and in the person's language, the audit entry."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE

from ..render import PrintMeta, client_language

#: Texts of the frame shared by every client PDF.
COMMON = {
    "name": pgettext_lazy("client", "Name"),
    "file_number": pgettext_lazy("client", "Aktenzeichen"),
    "date": pgettext_lazy("client", "Datum"),
    "checksum_note": pgettext_lazy(
        "client",
        "Die Prüfsumme in der Fußzeile ist über die Inhaltsdaten dieses Dokuments berechnet (SHA-256), nicht "
        "über die Datei. Mit ihr lässt sich ein Ausdruck mit den bei der Ausländerbehörde gespeicherten Daten "
        "vergleichen.",
    ),
}


def in_language(texts: dict[str, Promise], language: str) -> dict[str, str]:
    """The texts evaluated in ``language``."""
    with translation.override(language):
        return {key: str(text) for key, text in texts.items()}


def bilingual(texts: dict[str, Promise], language: str) -> dict[str, dict[str, str]]:
    """``{key: {"local": text in language, "de": German text}}``: the person reads both, the office German."""
    local, german = in_language(texts, language), in_language(texts, "de")
    return {key: {"local": local[key], "de": german[key]} for key in texts}


def requested_language(query_value: str | None, default: str | None) -> str:
    """The language asked for with ``?lang=``, else ``default``, else German; only client languages."""
    return client_language(query_value or None, client_language(default or None))


def audit_print(actor: Any, person: Any, obj: Model, meta: PrintMeta, *, kind: str, language: str) -> None:
    """One EXPORT entry per PDF: number and checksum tie the printed paper to this entry."""
    record(
        actor=actor, action=AuditAction.EXPORT, purpose=PURPOSE, person=person, obj=obj,
        details={"document": kind, "number": meta.number, "sha256": meta.sha256, "language": language},
    )
