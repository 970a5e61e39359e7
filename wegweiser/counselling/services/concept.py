"""The Beratungskonzept's life cycle: the published version protocols use, a draft to edit, publishing.

Only one draft exists at a time; it starts as a copy of the newest published version. Publishing freezes it
(the models refuse later changes), so a protocol always shows the types and topics it was written under.
"""

from __future__ import annotations

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
