"""Permission-matrix rows for the document pages (see wegweiser/core/permission_matrix.py)."""

from __future__ import annotations

from wegweiser.accounts.roles import CASE_ROLES, Role
from wegweiser.core.permission_matrix import Row

from .samples import pdf_upload


def _document(world, person=None) -> dict:
    from wegweiser.documents.services import store_document

    doc = store_document(
        user=world.user(Role.TEAMLEITUNG), person=person or world.person, upload=pdf_upload(), kind="certificate",
        title="Zertifikat",
    )
    return {"pk": doc.pk}


def _upload_data(world) -> dict:
    return {"file": pdf_upload(), "kind": "certificate", "title": "Zertifikat B1", "fact": ""}


ROWS: list[Row] = [
    Row("documents:upload", allowed=CASE_ROLES, setup=lambda w: {"person_pk": w.person.pk}),
    Row("documents:upload", allowed=CASE_ROLES, method="post", setup=lambda w: {"person_pk": w.person.pk}, data=_upload_data),
    Row(
        "documents:upload", allowed=[Role.TEAMLEITUNG], method="post",
        setup=lambda w: {"person_pk": w.other_team_person.pk}, data=_upload_data,
    ),
    Row("documents:download", allowed=CASE_ROLES, setup=_document),
    Row("documents:download", allowed=CASE_ROLES, setup=lambda w: _document(w, w.other_team_person)),
    Row("documents:delete", allowed=[Role.TEAMLEITUNG], setup=_document),
    Row("documents:delete", allowed=[Role.TEAMLEITUNG], method="post", setup=_document),
]
