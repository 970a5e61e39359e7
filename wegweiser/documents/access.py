"""Who may list, download, upload and delete documents; every answer comes from the policy module.

Medical documents and documents proving a criminal or health fact are asked for with that data category, so
the consent module can narrow them later without touching the views.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wegweiser.accounts.policy import Action, DataCategory, decide, require

from .models import Document, DocumentKind


def categories(document: Document) -> list[DataCategory]:
    """The data categories a document touches: always documents, plus those of its content."""
    cats = [DataCategory.DOCUMENTS]
    if document.kind == DocumentKind.MEDICAL:
        cats.append(DataCategory.HEALTH)
    if document.fact_type_id:
        model = document.fact_type.model_class()
        category = getattr(model, "category", "")
        if category in (DataCategory.CRIMINAL, DataCategory.HEALTH) and category not in cats:
            cats.append(DataCategory(category))
    return cats


def may_list(user: Any, person: Any) -> bool:
    return decide(user, Action.DOCUMENT_VIEW, person, category=DataCategory.DOCUMENTS).allowed


def may_view(user: Any, document: Document) -> bool:
    return all(decide(user, Action.DOCUMENT_VIEW, document.person, category=c) for c in categories(document))


def require_view(user: Any, document: Document) -> None:
    for category in categories(document):
        require(user, Action.DOCUMENT_VIEW, document.person, category=category)


def may_upload(user: Any, person: Any) -> bool:
    return decide(user, Action.DOCUMENT_UPLOAD, person, category=DataCategory.DOCUMENTS).allowed


def require_upload(user: Any, person: Any) -> None:
    require(user, Action.DOCUMENT_UPLOAD, person, category=DataCategory.DOCUMENTS)


def may_delete(user: Any, document: Document) -> bool:
    return decide(user, Action.DOCUMENT_DELETE, document.person, category=DataCategory.DOCUMENTS).allowed


def require_delete(user: Any, document: Document) -> None:
    require(user, Action.DOCUMENT_DELETE, document.person, category=DataCategory.DOCUMENTS)


def fact_label(document: Document) -> str:
    """What the document proves, e.g. "Sprachzertifikat vom 01.02.2024" ("" when not linked)."""
    if not document.fact_type_id:
        return ""
    fact = document.fact
    if fact is None:
        return _("verknüpfter Eintrag gelöscht")
    from wegweiser.facts.display import fact_title

    return fact_title(fact)
