"""Creating and editing Zielvereinbarungen, and filing the signed copy.

Edits use optimistic locking on ``Zielvereinbarung.version``: two tabs may hold the same agreement, and the one
saved second gets ``StaleGoal`` with the stored state, so the form can show both and nothing typed is lost.
Status changes are not edits; they go through ``transitions.change_status``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.documents.models import Document, DocumentKind
from wegweiser.documents.services import store_document
from wegweiser.rules.pathways import PATHWAYS

from ..models import GoalStatus, ResponsibleKind, StatusChange, Zielvereinbarung
from .common import PURPOSE

#: The fields of an agreement the services accept in ``data`` (status, version and provenance are set here).
GOAL_FIELDS = (
    "title", "indicator", "due_date", "responsible_kind", "responsible_name", "responsible_user", "support",
    "pathway", "condition", "next_review", "language",
)
#: A signed agreement is filed as a letter exchanged with the person (not a contract of employment).
SIGNED_KIND = DocumentKind.LETTER


class StaleGoal(ValidationError):
    """The agreement was saved by someone else after the user loaded it; ``current`` is the stored state."""

    def __init__(self, current: Zielvereinbarung) -> None:
        super().__init__(
            _("Diese Zielvereinbarung wurde inzwischen von jemand anderem geändert. Ihre Eingaben wurden nicht "
              "gespeichert, sind aber erhalten. Bitte vergleichen Sie sie mit dem aktuellen Stand und speichern "
              "Sie erneut."),
            code="stale",
        )
        self.current = current


def _validate(values: dict[str, Any], *, creating: bool) -> None:
    """Checks across fields; ValidationError keyed by field with German messages."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    unknown = sorted(set(values) - set(GOAL_FIELDS))
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)})
    if not (values.get("title") or "").strip():
        add("title", _("Bitte nennen Sie das Ziel."))
    if not (values.get("indicator") or "").strip():
        add("indicator", _("Bitte beschreiben Sie, woran erkennbar ist, dass das Ziel erreicht ist."))
    kind = values.get("responsible_kind") or ResponsibleKind.PERSON
    if kind not in ResponsibleKind.values:
        add("responsible_kind", _("Bitte wählen Sie aus, wer verantwortlich ist."))
    elif kind in (ResponsibleKind.KIM, ResponsibleKind.PARTNER) and not (
        (values.get("responsible_name") or "").strip() or values.get("responsible_user")
    ):
        add("responsible_name", _("Bitte nennen Sie die verantwortliche Stelle oder Person."))
    today = timezone.localdate()
    due: date | None = values.get("due_date")
    review: date | None = values.get("next_review")
    if creating and due is not None and due < today:
        add("due_date", _("Das Zieldatum darf bei einer neuen Vereinbarung nicht in der Vergangenheit liegen."))
    if review is not None and due is not None and review > due:
        add("next_review", _("Die Überprüfung sollte spätestens am Zieldatum stattfinden."))
    pathway = values.get("pathway") or ""
    condition = values.get("condition") or ""
    if pathway and pathway not in PATHWAYS:
        add("pathway", _("Diesen Aufenthaltsweg kennt die Regelprüfung nicht."))
    elif condition and not pathway:
        add("condition", _("Eine Voraussetzung gehört immer zu einem Aufenthaltsweg."))
    elif condition and condition not in {c.id for c in PATHWAYS[pathway].conditions}:
        add("condition", _("Diese Voraussetzung gehört nicht zu dem gewählten Aufenthaltsweg."))
    if errors:
        raise ValidationError(errors)


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    for name in ("title", "indicator", "responsible_name", "support", "pathway", "condition", "language"):
        if name in values:
            values[name] = "" if values[name] is None else str(values[name]).strip()
    if "language" in values:
        values["language"] = values["language"].lower()
    return values


def create_goal(user: Any, person: Any, data: dict[str, Any]) -> Zielvereinbarung:
    """A new agreement (status "agreed") with its first history row and an audit entry."""
    policy.require(user, Action.GOAL_CHANGE, person)
    values = _normalise(data)
    _validate(values, creating=True)
    if not values.get("language"):
        values["language"] = person.letter_language or ""
    with transaction.atomic():
        goal = Zielvereinbarung.objects.create(person=person, created_by=user, status=GoalStatus.AGREED, **values)
        StatusChange.objects.create(goal=goal, from_status="", to_status=GoalStatus.AGREED, by=user)
        record(
            actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=goal,
            details={"fields": sorted(k for k, v in values.items() if v not in (None, "")),
                     "pathway": goal.pathway, "condition": goal.condition},
        )
    return goal


def update_goal(user: Any, goal: Zielvereinbarung, data: dict[str, Any], *, expected_version: int) -> Zielvereinbarung:
    """Save changes unless someone else saved since ``expected_version`` (then StaleGoal)."""
    policy.require(user, Action.GOAL_CHANGE, goal.person)
    values = _normalise(data)
    _validate(values, creating=False)
    changed = [name for name, value in values.items() if getattr(goal, name) != value]
    with transaction.atomic():
        current = Zielvereinbarung.objects.select_for_update().get(pk=goal.pk)
        if current.version != expected_version:
            raise StaleGoal(current)
        if not changed:
            return current
        for name in changed:
            setattr(current, name, values[name])
        current.version = F("version") + 1
        current.save(update_fields=[*changed, "version", "updated_at"])
        current.refresh_from_db()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=goal.person, obj=current,
               details={"fields": changed})
    return current


def attach_signed_copy(user: Any, goal: Zielvereinbarung, upload: UploadedFile) -> Document:
    """File the scan of the signed agreement with the person's documents and link it to the goal.

    The document service commits file and row together (or neither), so it runs outside this transaction;
    linking and auditing follow in one.
    """
    policy.require(user, Action.GOAL_CHANGE, goal.person)
    title = _("Zielvereinbarung (unterschrieben): %(title)s") % {"title": goal.title}
    document = store_document(user=user, person=goal.person, upload=upload, kind=SIGNED_KIND, title=title[:200])
    with transaction.atomic():
        Zielvereinbarung.objects.filter(pk=goal.pk).update(signed_document=document, updated_at=timezone.now())
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=goal.person, obj=goal,
               details={"signed_document": document.pk})
    goal.refresh_from_db()
    return document
