"""Writing counselling protocols: drafts (saved often, also automatically), finalising, addenda.

Every save of a draft is one conditional UPDATE on ``Protocol.version``, so two tabs never overwrite each
other silently: the later one gets ``StaleProtocol`` with the stored state. A final protocol is refused by the
model itself (``FinalProtocol``); corrections are addenda.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import (
    InterpreterMode,
    Protocol,
    ProtocolAddendum,
    ProtocolNumber,
    ProtocolStatus,
    Topic,
)
from ..models.protocol import FinalProtocol
from .common import PURPOSE

#: Plain fields a draft accepts in ``data``; ``topics_covered`` and ``supporters`` are lists of objects.
PROTOCOL_FIELDS = (
    "held_on", "duration_minutes", "participants", "interpreter_language", "interpreter_mode", "handed_over",
    "urgency_explained", "supporters_text", "next_steps", "follow_up_on", "topics_not_discussed",
)
M2M_FIELDS = ("topics_covered", "supporters")
NUMBER_PREFIX = "BER"


class StaleProtocol(ValidationError):
    """Someone saved the draft after the user loaded it; ``current`` is the stored state."""

    def __init__(self, current: Protocol) -> None:
        super().__init__(
            _("Dieses Protokoll wurde inzwischen in einem anderen Fenster oder von jemand anderem gespeichert. "
              "Ihre Eingaben wurden nicht gespeichert, sind aber erhalten. Bitte vergleichen Sie sie mit dem "
              "aktuellen Stand und speichern Sie erneut."),
            code="stale",
        )
        self.current = current


def _validate(protocol: Protocol, values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(values) - set(PROTOCOL_FIELDS) - set(M2M_FIELDS))
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)})
    mode = values.get("interpreter_mode", protocol.interpreter_mode) or InterpreterMode.NONE
    language = values.get("interpreter_language", protocol.interpreter_language)
    if mode != InterpreterMode.NONE and not language:
        errors.setdefault("interpreter_language", []).append(
            _("Bitte geben Sie die Sprache der Dolmetschung an."))
    held_on = values.get("held_on", protocol.held_on)
    if held_on and held_on > timezone.localdate():
        errors.setdefault("held_on", []).append(_("Das Gespräch kann nicht in der Zukunft liegen."))
    follow_up = values.get("follow_up_on", protocol.follow_up_on)
    if follow_up and held_on and follow_up < held_on:
        errors.setdefault("follow_up_on", []).append(
            _("Die Wiedervorlage kann nicht vor dem Gespräch liegen."))
    topics = values.get("topics_covered")
    if topics is not None and any(t.type_id != protocol.counselling_type_id for t in topics):
        errors.setdefault("topics_covered", []).append(
            _("Bitte wählen Sie nur Themen der gewählten Beratungsart."))
    if errors:
        raise ValidationError(errors)


def _apply_m2m(protocol: Protocol, values: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if values.get(name) is not None:
            getattr(protocol, name).set(values[name])


@transaction.atomic
def create_protocol(user: Any, person: Any, counselling_type: Any, values: dict[str, Any]) -> Protocol:
    """A new draft under the concept of ``counselling_type`` (which must be published)."""
    policy.require(user, Action.COUNSELLING_CHANGE, person)
    if not counselling_type.concept.published:
        raise ValidationError(_("Protokolle werden nur nach einer veröffentlichten Fassung des Konzepts geschrieben."))
    protocol = Protocol(person=person, concept=counselling_type.concept, counselling_type=counselling_type,
                        created_by=user)
    _validate(protocol, values)
    for name in PROTOCOL_FIELDS:
        if name in values and values[name] is not None:
            setattr(protocol, name, values[name])
    protocol.save(force_insert=True)
    _apply_m2m(protocol, values)
    record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=protocol,
           details={"type": counselling_type.key, "concept_version": protocol.concept.version})
    return protocol


@transaction.atomic
def update_draft(user: Any, protocol: Protocol, values: dict[str, Any], *, expected_version: int,
                 autosave: bool = False, edit_token: str = "") -> Protocol:
    """Save a draft unless someone else saved it since ``expected_version`` (then ``StaleProtocol``).

    ``edit_token`` names the edit page (browser tab) saving. When the only saves since ``expected_version``
    came from that same page (its automatic saves, whose answer may still be on the way), nothing of anyone
    else's is lost and the save goes through.
    """
    policy.require(user, Action.COUNSELLING_CHANGE, protocol.person)
    if protocol.stored_final():
        raise FinalProtocol()
    _validate(protocol, values)
    own = Q(version=expected_version)
    if edit_token:
        own |= Q(edit_token=edit_token, version__gt=expected_version)
    drafts = Protocol.objects.filter(pk=protocol.pk, status=ProtocolStatus.DRAFT)
    claimed = drafts.filter(own).update(version=F("version") + 1, updated_at=timezone.now(), edit_token=edit_token)
    if not claimed:
        current = Protocol.objects.get(pk=protocol.pk)
        if current.is_final:
            raise FinalProtocol()
        raise StaleProtocol(current)
    changed = [n for n in PROTOCOL_FIELDS if n in values and getattr(protocol, n) != values[n]]
    for name in changed:
        setattr(protocol, name, values[name])
    protocol.version = Protocol.objects.values_list("version", flat=True).get(pk=protocol.pk)
    if changed:
        protocol.save(update_fields=[*changed, "updated_at"])
    for name in M2M_FIELDS:
        if values.get(name) is not None:
            before = set(getattr(protocol, name).values_list("pk", flat=True))
            if before != {o.pk for o in values[name]}:
                changed.append(name)
    _apply_m2m(protocol, values)
    record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=protocol.person, obj=protocol,
           details={"fields": changed, "version": protocol.version, "autosave": autosave})
    return protocol


def missing_required(protocol: Protocol) -> list[Topic]:
    """Required topics of the type neither covered nor marked "not discussed" with a reason."""
    covered = set(protocol.topics_covered.values_list("pk", flat=True))
    skipped = {str(k) for k, reason in (protocol.topics_not_discussed or {}).items() if str(reason).strip()}
    return [t for t in protocol.counselling_type.topics.filter(required=True)
            if t.pk not in covered and str(t.pk) not in skipped]


def _next_number(year: int) -> str:
    """BER-<year>-<sequence>: the counter row is incremented in one UPDATE, so concurrent finalisings differ."""
    try:
        with transaction.atomic():
            ProtocolNumber.objects.get_or_create(year=year)
    except IntegrityError:  # another finalising created the row in the meantime
        pass
    ProtocolNumber.objects.filter(year=year).update(last=F("last") + 1)
    last = ProtocolNumber.objects.get(year=year).last
    return f"{NUMBER_PREFIX}-{year}-{last:05d}"


@transaction.atomic
def finalise(user: Any, protocol: Protocol, *, expected_version: int) -> Protocol:
    """Freeze the draft and give it its document number; refused while a required topic is open."""
    policy.require(user, Action.COUNSELLING_CHANGE, protocol.person)
    current = Protocol.objects.select_for_update().get(pk=protocol.pk)
    if current.is_final:
        raise FinalProtocol()
    if current.version != expected_version:
        raise StaleProtocol(current)
    missing = missing_required(current)
    if missing:
        raise ValidationError(
            _("Diese Pflichtthemen sind weder besprochen noch mit Begründung als „nicht besprochen“ vermerkt: "
              "%(topics)s") % {"topics": "; ".join(t.text_de for t in missing)},
            code="required_topics",
        )
    now = timezone.now()
    number = _next_number(timezone.localdate(now).year)
    Protocol.objects.filter(pk=current.pk, status=ProtocolStatus.DRAFT).update(
        status=ProtocolStatus.FINAL, finalised_at=now, finalised_by=user, document_number=number,
        version=F("version") + 1, updated_at=now,
    )
    current.refresh_from_db()
    record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person, obj=current,
           details={"finalised": True, "document_number": number})
    return current


@transaction.atomic
def add_addendum(user: Any, protocol: Protocol, text: str) -> ProtocolAddendum:
    """A correction to a final protocol (a draft is simply edited)."""
    policy.require(user, Action.COUNSELLING_CHANGE, protocol.person)
    if not protocol.stored_final():
        raise ValidationError(_("Nachträge gibt es nur zu abgeschlossenen Protokollen; einen Entwurf können Sie "
                                "direkt bearbeiten."))
    if not text.strip():
        raise ValidationError({"text": [_("Bitte schreiben Sie den Nachtrag.")]})
    addendum = ProtocolAddendum.objects.create(protocol=protocol, text=text.strip(), created_by=user)
    record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=protocol.person, obj=addendum,
           details={"protocol": protocol.pk, "document_number": protocol.document_number})
    return addendum
