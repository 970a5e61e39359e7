"""From the database to the frozen ``PlanFacts`` the safeguard rules judge, and the rules' results."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import FamilyRelation, Person
from wegweiser.persons.services.common import today

from ..models import FitnessCertificate, MeasurePlan
from ..safeguards import (
    CertificateFacts,
    PathwayChance,
    PersonFacts,
    PerspectiveCheck,
    PlanFacts,
    Relation,
    RelationKind,
    RuleResult,
    evaluate,
    from_dict,
)
from .common import persons_of

VOLUNTARY_DEPARTURE_TYPE = "freiwillige_ausreise"


def person_facts(person: Person) -> PersonFacts:
    birth = person.birth_date if isinstance(person.birth_date, PartialDate) else None
    return PersonFacts(id=person.pk, name=person.display_name,
                       birth_earliest=birth.earliest() if birth else None, birth_latest=birth.latest() if birth else None)


def family_relations(person_ids: set[int]) -> list[FamilyRelation]:
    """Every recorded relation with at least one side among ``person_ids``."""
    return list(FamilyRelation.objects.filter(Q(person_id__in=person_ids) | Q(relative_id__in=person_ids)))


def family_candidates(person: Person) -> list[Person]:
    """The person, their household and their recorded relatives: whom a plan may affect (the UI shows them all)."""
    ids = {person.pk}
    if person.household_id:
        ids |= set(Person.objects.filter(household_id=person.household_id).values_list("pk", flat=True))
    for rel in family_relations({person.pk}):
        ids |= {rel.person_id, rel.relative_id}
    return list(Person.objects.filter(pk__in=ids).order_by("family_name", "given_names", "pk"))


def counselled_ids(person_ids: set[int], *, before: date | None = None) -> set[int]:
    """Persons with a final counselling protocol on voluntary departure (held on or before ``before``)."""
    from wegweiser.counselling.models import Protocol
    from wegweiser.counselling.models.protocol import ProtocolStatus

    rows = Protocol.objects.filter(person_id__in=person_ids, status=ProtocolStatus.FINAL,
                                   counselling_type__key=VOLUNTARY_DEPARTURE_TYPE)
    if before is not None:
        rows = rows.filter(held_on__lte=before)
    return set(rows.values_list("person_id", flat=True))


def perspective_from_stored(data: dict[str, Any]) -> PerspectiveCheck | None:
    """The perspective part of ``MeasurePlan.before_check`` (see ``services.before``), or None if never run."""
    if not data or "checked_on" not in data:
        return None
    return PerspectiveCheck(
        checked_on=date.fromisoformat(data["checked_on"]),
        chances=tuple(PathwayChance(person_id=c["person_id"], pathway_id=c["pathway_id"], title=c["title"],
                                    outcome=c["outcome"], earliest_date=date.fromisoformat(c["earliest_date"])
                                    if c.get("earliest_date") else None) for c in data.get("chances", [])),
        unassessable=tuple(data.get("unassessable", [])),
    )


def plan_facts(plan: MeasurePlan, *, on: date | None = None) -> PlanFacts:
    affected = persons_of(plan)
    ids = {p.pk for p in affected}
    relations = family_relations(ids)
    relative_ids = {r.person_id for r in relations} | {r.relative_id for r in relations}
    relatives = list(Person.objects.filter(pk__in=relative_ids - ids))
    certificates = FitnessCertificate.objects.filter(person_id__in=ids).select_related("set_aside_by")
    stored = plan.before_check or {}
    # The check stored for a different set of persons does not count (someone was added since).
    perspective = perspective_from_stored(stored) if set(stored.get("person_ids", [])) == ids else None
    return PlanFacts(
        affected=tuple(person_facts(p) for p in affected),
        relatives=tuple(person_facts(p) for p in relatives),
        relations=tuple(Relation(kind=RelationKind(r.kind), person_id=r.person_id, relative_id=r.relative_id,
                                 has_custody=r.has_custody) for r in relations),
        window_start=plan.window_start, window_end=plan.window_end, place_kind=plan.place_kind,
        certificates=tuple(CertificateFacts(
            id=c.pk, person_id=c.person_id, author=c.author, qualification=c.qualification, issued_on=c.issued_on,
            states_unfit=c.states_unfit, content=c.content,
            set_aside_by=c.set_aside_by.get_full_name() or c.set_aside_by.get_username() if c.set_aside_by else "",
            set_aside_reason=c.set_aside_reason) for c in certificates),
        force_planned=plan.force_planned, force_reason=plan.force_reason, perspective=perspective,
        perspective_reason=plan.perspective_reason, counselled=frozenset(counselled_ids(ids)),
        evaluated_on=on or today(), config=from_dict(plan.config),
    )


def evaluate_plan(plan: MeasurePlan, *, on: date | None = None) -> list[RuleResult]:
    """Every safeguard's result for the plan as it is stored now (read-only; the caller checks MEASURE_VIEW)."""
    return evaluate(plan_facts(plan, on=on))


def open_warnings(plan: MeasurePlan, results: list[RuleResult]) -> list[RuleResult]:
    """Warnings without a matching acknowledgement (an acknowledgement lapses when the warning's text changes)."""
    acks = plan.acknowledgements or {}
    return [r for r in results if r.outcome == "warning"
            and (acks.get(r.rule_id) or {}).get("reason_de") != r.reason_de]
