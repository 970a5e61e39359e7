"""A stored assessment as a PDF for the file (staff document, German or English by the user's language).

The PDF shows the assessment exactly as it was stored — engine version, law versions, conditions, gaps — not
a new one; its checksum covers the stored assessment, so a printed page can be compared with the snapshot.
It uses the print frame of ``wegweiser.printing`` (page x of y, document number, checksum, embedded fonts).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.printing.render import PrintMeta, render_pdf

from . import presentation
from .models import AssessmentSnapshot

TEMPLATE = "perspectives/snapshot_pdf.html"
TITLE = _("Prüfung der Bleibeperspektiven")


def document_number(snapshot: AssessmentSnapshot) -> str:
    return f"BP-{snapshot.pk}"


def snapshot_pdf(snapshot: AssessmentSnapshot, language: str) -> tuple[bytes, PrintMeta]:
    """The PDF of ``snapshot`` in ``language`` ("de" or "en"). No policy, no audit: the view's."""
    from django.utils import translation

    person = snapshot.person
    issued_on = timezone.localdate(snapshot.created_at)
    content = {
        "kind": "pruefung_bleibeperspektiven", "number": document_number(snapshot), "language": language,
        "issued_on": issued_on, "person": {"name": person.display_name, "file_number": person.file_number},
        "as_of": snapshot.as_of, "engine_version": snapshot.engine_version, "purpose": snapshot.purpose,
        "law_versions": snapshot.law_versions, "assessment": snapshot.assessment,
        "decision_reference": snapshot.decision_reference, "note": snapshot.note,
    }
    with translation.override(language):
        meta = PrintMeta(number=document_number(snapshot), title=str(TITLE), issued_on=issued_on, content=content)
        context: dict[str, Any] = {
            "meta": meta, "snapshot": snapshot, "person": person,
            "assessment": presentation.assessment(snapshot.assessment),
            "created_at": timezone.localtime(snapshot.created_at),
        }
    return render_pdf(TEMPLATE, context, language=language), meta
