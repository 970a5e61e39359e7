"""The documents section of the person overview (the persons app includes ``documents/_person_documents.html``).

The caller audits the view of the overview; this module lists what the policy lets the user see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from . import access
from .models import Document


@dataclass
class DocumentRow:
    document: Document
    fact_label: str
    download_url: str = ""
    delete_url: str = ""


def documents_context(person: Any, user: Any) -> dict:
    """Context for ``documents/_person_documents.html``."""
    if not access.may_list(user, person):
        return {"documents_visible": False, "documents": [], "documents_upload_url": ""}
    rows = []
    for document in Document.objects.filter(person=person).select_related("uploaded_by", "fact_type"):
        if not access.may_view(user, document):
            continue
        rows.append(
            DocumentRow(
                document=document,
                fact_label=access.fact_label(document),
                download_url=reverse("documents:download", kwargs={"pk": document.pk}),
                delete_url=reverse("documents:delete", kwargs={"pk": document.pk})
                if access.may_delete(user, document) else "",
            )
        )
    return {
        "documents_visible": True,
        "documents": rows,
        "documents_upload_url": reverse("documents:upload", kwargs={"person_pk": person.pk})
        if access.may_upload(user, person) else "",
    }
