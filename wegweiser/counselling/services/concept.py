"""The Beratungskonzept's life cycle: the published version protocols use, a draft to edit, publishing.

Only one draft exists at a time; it starts as a copy of the newest published version. Publishing freezes it
(the models refuse later changes), so a protocol always shows the types and topics it was written under.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Concept, CounsellingType, Topic
from .common import PURPOSE


class StaleConcept(ValidationError):
    """The part of the draft being edited was saved elsewhere since the page was loaded.

    ``token`` is the stored state's token: the page carries it on, so that saving again overwrites knowingly.
    """

    def __init__(self, token: str) -> None:
        super().__init__(
            _("Dieser Teil des Entwurfs wurde inzwischen in einem anderen Fenster oder von jemand anderem "
              "gespeichert. Ihre Eingaben wurden nicht gespeichert, stehen aber noch im Formular. Bitte vergleichen "
              "Sie sie mit dem aktuellen Stand und speichern Sie erneut, wenn sie gelten sollen."),
            code="stale",
        )
        self.token = token


def _digest(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:32]


def types_token(concept: Concept) -> str:
    """The edit token of the draft's own fields and its types (the concept edit page).

    A fingerprint of the stored state rather than a counter: a change anywhere in what the page shows makes an
    older page stale, without a schema change and without bookkeeping in every save.
    """
    stored = Concept.objects.values("title", "valid_from").get(pk=concept.pk)
    types = list(CounsellingType.objects.filter(concept_id=concept.pk).order_by("pk")
                 .values_list("pk", "key", "name_de", "name_en", "description", "order"))
    return _digest([stored, types])


def topics_token(kind: CounsellingType) -> str:
    """The edit token of one type's topics (the topics page): other types' edits do not make it stale."""
    topics = list(Topic.objects.filter(type_id=kind.pk).order_by("pk")
                  .values_list("pk", "key", "text_de", "text_en", "required", "order"))
    return _digest([kind.pk, topics])


def check_token(concept: Concept, expected: str, kind: CounsellingType | None = None) -> None:
    """Lock the draft and raise ``StaleConcept`` unless the page's token matches the stored state.

    Called inside the transaction that saves, so that two saves of the same part queue up and the second
    one sees the first one's result.
    """
    Concept.objects.select_for_update().filter(pk=concept.pk).first()
    current = topics_token(kind) if kind is not None else types_token(concept)
    if expected != current:
        raise StaleConcept(current)


def current_concept() -> Concept | None:
    """The newest published version: new protocols are written under it."""
    return Concept.objects.filter(published=True).order_by("-version").first()


def draft_concept() -> Concept | None:
    return Concept.objects.filter(published=False).order_by("-version").first()


@transaction.atomic
def new_draft(user: Any) -> Concept:
    """The open draft, or a new one copied from the newest published version."""
    policy.require(user, Action.CONCEPT_MANAGE)
    existing = draft_concept()
    if existing is not None:
        return existing
    base = current_concept()
    version = (Concept.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    draft = Concept.objects.create(
        version=version, title=base.title if base else _("Beratungskonzept"), created_by=user,
    )
    if base is not None:
        for kind in base.types.prefetch_related("topics"):
            copy = CounsellingType.objects.create(
                concept=draft, key=kind.key, name_de=kind.name_de, name_en=kind.name_en,
                description=kind.description, order=kind.order,
            )
            Topic.objects.bulk_create(
                Topic(type=copy, key=t.key, text_de=t.text_de, text_en=t.text_en, required=t.required, order=t.order)
                for t in kind.topics.all()
            )
    record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, obj=draft,
           details={"version": version, "from_version": base.version if base else None})
    return draft


@transaction.atomic
def publish(user: Any, concept: Concept) -> Concept:
    """Freeze the draft; from now on new protocols use it. Refused for an empty concept."""
    policy.require(user, Action.CONCEPT_MANAGE)
    concept = Concept.objects.select_for_update().get(pk=concept.pk)
    if concept.published:
        raise ValidationError(_("Diese Fassung ist bereits veröffentlicht."))
    if not concept.types.exists():
        raise ValidationError(_("Ein Beratungskonzept braucht mindestens eine Beratungsart."))
    empty = [k.name_de for k in concept.types.all() if not k.topics.exists()]
    if empty:
        raise ValidationError(_("Diese Beratungsarten haben noch kein Thema: %(types)s")
                              % {"types": ", ".join(empty)})
    concept.published = True
    concept.published_at = timezone.now()
    if concept.valid_from is None:
        concept.valid_from = timezone.localdate()
    concept.save(update_fields=["published", "published_at", "valid_from"])
    record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, obj=concept,
           details={"version": concept.version, "published": True})
    return concept


def audit_change(user: Any, concept: Concept, part: str, **details: Any) -> None:
    """One CHANGE entry for an edit of the draft's types or topics."""
    policy.require(user, Action.CONCEPT_MANAGE)
    record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, obj=concept,
           details={"version": concept.version, "part": part, **details})
