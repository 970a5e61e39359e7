"""Creating, changing and deleting facts: policy check, provenance, optimistic locking and audit in one place.

Views and the API call these functions and never save facts themselves, so no path skips the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.policy import Action, require
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from . import access, signals
from .models import Fact, ListCheck
from .registry import FactKind, kind_of

PURPOSE = "Fallbearbeitung"
_PROVENANCE = frozenset({"id", "person", "recorded_by", "recorded_at", "version"})


class StaleFact(Exception):
    """Someone else saved the fact after the user opened it; the caller shows both versions."""

    message = _(
        "Dieser Eintrag wurde inzwischen von jemand anderem geändert. Ihre Eingaben wurden nicht gespeichert, "
        "sind aber unten erhalten. Bitte vergleichen Sie sie mit dem aktuellen Stand und speichern Sie erneut."
    )

    def __init__(self, current: Fact | None) -> None:
        super().__init__(str(self.message))
        self.current = current


def _details(kind: FactKind, **extra: Any) -> dict[str, Any]:
    return {"kind": kind.slug, "category": kind.category, **extra}


@transaction.atomic
def create_fact(*, user: Any, person: Any, fact: Fact, purpose: str = PURPOSE) -> Fact:
    """Save a new (validated, unsaved) fact for ``person``, recorded by ``user``."""
    kind = kind_of(type(fact))
    access.require_change(user, person, kind)
    fact.person = person
    fact.recorded_by = user
    fact.version = 1
    fact.save(force_insert=True)
    filled = [
        f.name for f in type(fact)._meta.concrete_fields
        if f.name not in _PROVENANCE and getattr(fact, f.attname) not in (None, "")
    ]
    record(
        actor=user, action=AuditAction.CREATE, purpose=purpose, person=person, obj=fact,
        details=_details(kind, fields=filled),
    )
    signals.announce(person.pk, kind.slug, "create")
    return fact


@transaction.atomic
def update_fact(
    *, user: Any, fact: Fact, expected_version: int | None, changed_fields: list[str], purpose: str = PURPOSE
) -> Fact:
    """Save changes to ``fact`` unless someone else saved it since ``expected_version`` (then StaleFact).

    The version check is one conditional UPDATE, so two concurrent saves cannot both win.
    """
    kind = kind_of(type(fact))
    access.require_change(user, fact.person, kind)
    model = type(fact)
    if expected_version is None:
        expected_version = fact.version
    claimed = model.objects.filter(pk=fact.pk, person_id=fact.person_id, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        raise StaleFact(model.objects.filter(pk=fact.pk).select_related("recorded_by").first())
    fact.version = expected_version + 1
    fact.recorded_by = user
    fact.recorded_at = timezone.now()
    fact.save(update_fields=[*changed_fields, "recorded_by", "recorded_at", "version"])
    record(
        actor=user, action=AuditAction.CHANGE, purpose=purpose, person=fact.person, obj=fact,
        details=_details(kind, fields=list(changed_fields), version=fact.version),
    )
    signals.announce(fact.person_id, kind.slug, "update")
    return fact


@transaction.atomic
def delete_fact(*, user: Any, fact: Fact, purpose: str = PURPOSE) -> None:
    """Delete ``fact``; documents that proved it stay in the file, unlinked."""
    from wegweiser.documents.models import Document

    kind = kind_of(type(fact))
    person = fact.person
    access.require_change(user, person, kind)
    fact_type = ContentType.objects.get_for_model(type(fact))
    unlinked = Document.objects.filter(fact_type=fact_type, fact_id=fact.pk).update(fact_type=None, fact_id=None)
    record(
        actor=user, action=AuditAction.DELETE, purpose=purpose, person=person, obj=fact,
        details=_details(kind, unlinked_documents=unlinked),
    )
    fact.delete()
    signals.announce(person.pk, kind.slug, "delete")


def _check_details(check: ListCheck, **extra: Any) -> dict[str, Any]:
    return {"kind": "list-check", "subject": check.subject, "category": check.category,
            "checked_on": check.checked_on.isoformat(), **extra}


@transaction.atomic
def create_list_check(*, user: Any, person: Any, check: ListCheck, purpose: str = PURPOSE) -> ListCheck:
    """Record that ``check.subject`` was checked and found empty (a validated, unsaved check)."""
    require(user, Action.FACT_CHANGE, person, category=access.check_category(check.subject))
    check.person = person
    check.recorded_by = user
    check.save(force_insert=True)
    record(actor=user, action=AuditAction.CREATE, purpose=purpose, person=person, obj=check,
           details=_check_details(check, source=check.source))
    signals.announce(person.pk, "list-check", "create")
    return check


@transaction.atomic
def delete_list_check(*, user: Any, check: ListCheck, purpose: str = PURPOSE) -> None:
    person = check.person
    require(user, Action.FACT_CHANGE, person, category=access.check_category(check.subject))
    record(actor=user, action=AuditAction.DELETE, purpose=purpose, person=person, obj=check,
           details=_check_details(check))
    check.delete()
    signals.announce(person.pk, "list-check", "delete")
