"""Remove a document's file whenever its row goes, also when a whole case file is deleted (cascade)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Document


@receiver(post_delete, sender=Document, dispatch_uid="documents.remove_file")
def remove_file(sender: type[Document], instance: Document, **kwargs: Any) -> None:
    path = instance.storage_path
    # Only once the deletion is committed: a rolled-back delete must still find its file.
    transaction.on_commit(lambda: path.unlink(missing_ok=True), robust=True)
