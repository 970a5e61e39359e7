"""Integration achievements the person disclosed in counselling, saved as facts with source "counselling".

They go through ``wegweiser.facts.services.create_fact``, so the fact policy (team-bound for SB and IL) and
the audit trail apply as for any other fact; the protocol keeps a list of the facts it produced.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.facts.models import Employment, LanguageCertificate, SchoolAttendance, VocationalTraining
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.registry import kind_of
from wegweiser.facts.services import create_fact

from ..models import Protocol
from .common import PURPOSE

#: What the protocol form offers; each entry maps form values to an unsaved fact.
KINDS = {
    "language": LanguageCertificate,
    "employment": Employment,
    "school": SchoolAttendance,
    "training": VocationalTraining,
}


@transaction.atomic
def record_achievements(user: Any, protocol: Protocol, facts: list[Any]) -> list[Any]:
    """Validate and save ``facts`` (unsaved Fact instances) for the protocol's person; all or nothing."""
    if not facts:
        return []
    if protocol.stored_final():
        raise ValidationError(_("Ein abgeschlossenes Protokoll kann nicht mehr geändert werden. Nutzen Sie einen "
                                "Nachtrag."))
    saved = []
    note = _("angegeben im Beratungsgespräch vom %(date)s") % {"date": protocol.held_on.strftime("%d.%m.%Y")}
    for fact in facts:
        fact.person = protocol.person
        fact.source = FactSource.COUNSELLING
        fact.source_date = protocol.held_on
        fact.note = fact.note or note
        fact.full_clean(exclude=["person", "recorded_by"])
        saved.append(create_fact(user=user, person=protocol.person, fact=fact, purpose=PURPOSE))
    refs = [*protocol.achievement_facts,
            *({"kind": kind_of(type(f)).slug, "id": f.pk, "summary": summary_of(f)} for f in saved)]
    Protocol.objects.filter(pk=protocol.pk).update(achievement_facts=refs)
    protocol.achievement_facts = refs
    return saved


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def summary_of(fact: Any) -> str:
    """The disclosed values as they were recorded (e.g. "B1 · DTZ · 02.05.2026"). Kept in the protocol, so the
    person's copy prints what was said even if the fact is corrected or deleted later (and reprints stay the
    same)."""
    if isinstance(fact, LanguageCertificate):
        parts = [fact.level, fact.exam, _day(fact.issued_on)]
    elif isinstance(fact, Employment):
        hours = f"{fact.hours_per_week:g} h/Woche".replace(".", ",") if fact.hours_per_week is not None else ""
        parts = [fact.employer, _day(fact.starts_on), hours]
    elif isinstance(fact, SchoolAttendance):
        parts = [fact.school, fact.school_type, _day(fact.attended_from)]
    elif isinstance(fact, VocationalTraining):
        parts = [fact.occupation, fact.provider, _day(fact.starts_on)]
    else:
        parts = []
    return " · ".join(part for part in parts if part)


def facts_of(protocol: Protocol) -> list[Any]:
    """The facts this protocol produced that still exist (a fact may have been deleted since)."""
    from wegweiser.facts.registry import BY_SLUG

    found = []
    for ref in protocol.achievement_facts or []:
        kind = BY_SLUG.get(ref.get("kind"))
        if kind is None:
            continue
        fact = kind.model.objects.filter(pk=ref.get("id"), person_id=protocol.person_id).first()
        if fact is not None:
            found.append(fact)
    return found
