"""Storing, serving and deleting documents: policy, content check, private storage and audit in one place.

A file is written to a temporary name next to its final place, checked by content, then renamed; the row is
created last. Any failure removes what was written, so a failed upload leaves neither a row nor a file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.policy import Action, DataCategory, require
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from . import access
from .checks import detect_content_type, size_limit_message
from .models import Document, DocumentKind, DocumentOrigin, DocumentReview

logger = logging.getLogger(__name__)

PURPOSE = "Fallbearbeitung"
#: Purpose of a partner's own upload (the same as their other actions under a consent).
PARTNER_PURPOSE = "Zusammenarbeit mit Einwilligung"
_CHUNK = 64 * 1024


class DocumentMissing(Exception):
    """The stored file is gone or does not match its checksum."""


def clean_original_name(name: str) -> str:
    """Only the last path component, without control characters, at most 255 characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>:|?*').strip(" .")
    if len(base) > 255:
        stem, suffix = os.path.splitext(base)
        base = stem[: 255 - len(suffix)] + suffix
    return base or "dokument"


def _write_temporary(upload: UploadedFile, directory: Path, limit: int) -> tuple[Path, str, int]:
    """Copy the upload next to its final place, counting and hashing as it goes; stop at the size limit."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=".upload-", dir=directory)
    temp = Path(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise ValidationError(size_limit_message(limit), code="size")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, digest.hexdigest(), size


def store_document(
    *, user: Any, person: Any, upload: UploadedFile, kind: str, title: str, fact: Any = None
) -> Document:
    """Check and store an upload for ``person``; ValidationError (German message) if it is not acceptable."""
    access.require_upload(user, person)
    return _store(user=user, person=person, upload=upload, kind=kind, title=title, fact=fact)


def store_partner_document(*, user: Any, person: Any, upload: UploadedFile, kind: str, title: str) -> Document:
    """Store evidence an external partner submits: marked as theirs and pending until staff check it.

    The partner has no DOCUMENT_UPLOAD; the policy asks EVIDENCE_SUBMIT with the categories the document
    touches (documents, and health for a medical one), which only a valid consent grants.
    """
    require(user, Action.EVIDENCE_SUBMIT, person, DataCategory.DOCUMENTS)
    if kind == DocumentKind.MEDICAL:
        require(user, Action.EVIDENCE_SUBMIT, person, DataCategory.HEALTH)
    return _store(user=user, person=person, upload=upload, kind=kind, title=title, origin=DocumentOrigin.PARTNER,
                  review=DocumentReview.PENDING, purpose=PARTNER_PURPOSE)


def _store(
    *, user: Any, person: Any, upload: UploadedFile, kind: str, title: str, fact: Any = None,
    origin: str = DocumentOrigin.OFFICE, review: str = DocumentReview.NOT_NEEDED, purpose: str = PURPOSE,
) -> Document:
    """Check and store an upload (the caller has asked the policy): size, content type, private storage, audit."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(size_limit_message(limit, upload.size), code="size")

    document = Document(
        person=person, kind=kind, title=title.strip(), original_name=clean_original_name(upload.name or ""),
        uploaded_by=user, size=0, origin=origin, review=review,
    )
    if fact is not None:
        document.fact_type = ContentType.objects.get_for_model(type(fact))
        document.fact_id = fact.pk
    # Validate the row before touching the disk (also rejects a fact of another person).
    document.full_clean(exclude=["content_type", "size", "sha256"])

    final = document.storage_path
    temp, sha256, size = _write_temporary(upload, final.parent, limit)
    try:
        content_type = detect_content_type(temp)
        os.replace(temp, final)
        document.content_type = content_type
        document.size = size
        document.sha256 = sha256
        with transaction.atomic():
            document.save(force_insert=True)
            details = {
                "kind": document.kind, "content_type": content_type, "size": size, "sha256": sha256,
                "fact": f"{document.fact_type.model}:{document.fact_id}" if document.fact_type_id else "",
            }
            if origin != DocumentOrigin.OFFICE:
                details.update(origin=origin, review=review)
            record(actor=user, action=AuditAction.CREATE, purpose=purpose, person=person, obj=document,
                   details=details)
    except BaseException:
        temp.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        raise
    return document


def review_partner_document(*, user: Any, document: Document, verified: bool, fact: Any = None) -> Document:
    """Record the staff check of a partner's document (verified or rejected), optionally linking the fact it
    proves. The caller (the inbox) asks the policy for SUBMISSION_HANDLE and holds the transaction."""
    if document.origin != DocumentOrigin.PARTNER or document.review != DocumentReview.PENDING:
        raise ValidationError(_("Dieses Dokument wartet nicht auf eine Prüfung."), code="not_pending")
    document.review = DocumentReview.VERIFIED if verified else DocumentReview.REJECTED
    document.reviewed_by = user
    document.reviewed_at = timezone.now()
    if fact is not None:
        document.fact_type = ContentType.objects.get_for_model(type(fact))
        document.fact_id = fact.pk
        document.full_clean(exclude=["content_type", "size", "sha256"])  # a fact of another person is refused
    with transaction.atomic():
        document.save(update_fields=["review", "reviewed_by", "reviewed_at", "fact_type", "fact_id"])
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=document.person, obj=document,
               details={"review": document.review,
                        "fact": f"{document.fact_type.model}:{document.fact_id}" if document.fact_type_id else ""})
    return document


def open_for_download(*, user: Any, document: Document) -> IO[bytes]:
    """Open the stored file after the policy check, verify its checksum and audit the download."""
    access.require_view(user, document)
    path = document.storage_path
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        logger.error("Document %s: file %s is missing", document.pk, path)
        raise DocumentMissing(_("Die Datei zu diesem Dokument fehlt im Speicher.")) from exc
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(_CHUNK), b""):
        digest.update(chunk)
    if digest.hexdigest() != document.sha256:
        handle.close()
        logger.error("Document %s: checksum mismatch for %s", document.pk, path)
        raise DocumentMissing(_("Die gespeicherte Datei stimmt nicht mit der hochgeladenen überein."))
    handle.seek(0)
    record(
        actor=user, action=AuditAction.DOWNLOAD, purpose=PURPOSE, person=document.person, obj=document,
        details={"kind": document.kind, "sha256": document.sha256},
    )
    return handle


def delete_document(*, user: Any, document: Document) -> None:
    """Delete the row (audited); the file follows once that is committed (``signals.remove_file``)."""
    access.require_delete(user, document)
    with transaction.atomic():
        record(
            actor=user, action=AuditAction.DELETE, purpose=PURPOSE, person=document.person, obj=document,
            details={"kind": document.kind, "sha256": document.sha256},
        )
        document.delete()
