"""Notes in a case file: written once, never changed (a correction is a new note)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Note, Person
from .common import PURPOSE

MAX_NOTE_LENGTH = 10_000


def add_note(actor: Any, person: Person, text: str, *, purpose: str = PURPOSE) -> Note:
    policy.require(actor, Action.NOTE_ADD, person, DataCategory.NOTES)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte einen Text eingeben.")})
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError(
            {"text": _("Eine Notiz darf höchstens %(max)d Zeichen lang sein.") % {"max": MAX_NOTE_LENGTH}}
        )
    with transaction.atomic():
        if not Person.objects.filter(pk=person.pk).exists():
            raise ValidationError(_("Diese Akte gibt es nicht mehr."), code="gone")
        note = Note.objects.create(person=person, text=text, created_by=actor)
        # The text itself stays out of the trail (it may hold anything); its length shows that it was written.
        record(actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=note,
               details={"fields": ["text"], "length": len(text)})
    return note
