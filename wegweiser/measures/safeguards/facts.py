"""The frozen snapshot of a plan the rules judge: no Django, no database, so every rule is testable alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .config import SafeguardConfig, build


class PlaceKind(StrEnum):
    HOME = "home"
    HOSPITAL = "hospital"  # hospital or clinic
    SOCIAL_INSTITUTION = "social_institution"  # social or youth-welfare institution
    SCHOOL = "school"
    SHARED_ACCOMMODATION = "shared_accommodation"
    OTHER = "other"


class RelationKind(StrEnum):
    SPOUSE = "spouse"
    PARTNER = "partner"
    PARENT = "parent"  # ``person`` is the parent of ``relative``


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    #: Earliest and latest real date of a possibly partial birth date; both None when unknown.
    birth_earliest: date | None = None
    birth_latest: date | None = None


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    person_id: int
    relative_id: int
    #: Only for PARENT: custody recorded (True/False) or unknown (None, treated as custodial).
    has_custody: bool | None = None


@dataclass(frozen=True)
class CertificateFacts:
    id: int
    person_id: int
    author: str
    qualification: str
    issued_on: date
    states_unfit: bool
    content: str = ""
    set_aside_by: str = ""
    set_aside_reason: str = ""

    @property
    def is_set_aside(self) -> bool:
        return bool(self.set_aside_by.strip() and self.set_aside_reason.strip())

    @property
    def missing_for_qualified(self) -> list[str]:
        """What a certificate lacks to be 'qualified' in the formal sense (author, qualification, content)."""
        return [name for name, value in (("author", self.author), ("qualification", self.qualification),
                                         ("content", self.content)) if not value.strip()]


@dataclass(frozen=True)
class PathwayChance:
    """A staying-perspective pathway of an affected person with a chance (eligible, eligible_later, undetermined)."""

    person_id: int
    pathway_id: str
    title: str
    outcome: str
    earliest_date: date | None = None


@dataclass(frozen=True)
class PerspectiveCheck:
    """The result of the staying-perspective check of every affected person."""

    checked_on: date
    chances: tuple[PathwayChance, ...] = ()
    #: Persons whose file the engine could not assess (invalid data): counted like "undetermined".
    unassessable: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanFacts:
    affected: tuple[PersonFacts, ...]
    #: Every known relative of an affected person (also those not in the plan) plus the affected themselves.
    relatives: tuple[PersonFacts, ...] = ()
    relations: tuple[Relation, ...] = ()
    window_start: datetime | None = None
    window_end: datetime | None = None
    place_kind: str = ""
    certificates: tuple[CertificateFacts, ...] = ()
    force_planned: bool = False
    force_reason: str = ""
    perspective: PerspectiveCheck | None = None
    perspective_reason: str = ""
    #: Person ids with a final counselling protocol on voluntary departure.
    counselled: frozenset[int] = frozenset()
    #: The date rules use when the plan has no window yet (normally today).
    evaluated_on: date | None = None
    config: SafeguardConfig = field(default_factory=build)

    def person(self, person_id: int) -> PersonFacts | None:
        for p in (*self.affected, *self.relatives):
            if p.id == person_id:
                return p
        return None
