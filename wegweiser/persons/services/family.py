"""Family relations and households.

Relations connect two case files, so changing one changes both: the actor must be allowed to change both
files, and the audit trail gets an entry in each. Plausibility checks reject only what is certainly wrong
(a child born before its parent, a third parent, a parent who is also the child's descendant); partial birth
dates such as "00.00.1990" never lead to a rejection unless every possible reading is impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.core.partial_dates import PartialDate

from ..models import FamilyRelation, Household, Person, RelationKind, ResidencePeriod
from .common import PURPOSE
from .residence import StatusSummary, current_status

#: Relations that mean the same in both directions.
SYMMETRIC = frozenset({RelationKind.SPOUSE, RelationKind.PARTNER})
MAX_PARENTS = 2


def _require(actor: Any, *persons: Person) -> None:
    for person in persons:
        policy.require(actor, Action.PERSON_CHANGE, person, DataCategory.FAMILY)


def _lock(*persons: Person) -> dict[int, Person]:
    """Lock the rows in a fixed order (no deadlock between two colleagues linking the same pair)."""
    pks = sorted({p.pk for p in persons})
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    if len(locked) != len(pks):
        raise ValidationError(_("Die gewählte Person gibt es nicht (mehr)."), code="gone")
    return locked


def relation_label(kind: str, seen_from_parent: bool = True) -> str:
    """What the relative is: for PARENT relations, the parent sees a child and the child a parent."""
    if kind == RelationKind.PARENT:
        return _("Kind") if seen_from_parent else _("Elternteil")
    return str(RelationKind(kind).label) if kind in RelationKind.values else kind


def _ancestors(person_id: int) -> set[int]:
    """IDs of all recorded parents, grandparents, … (walks up one generation per query)."""
    seen: set[int] = set()
    frontier = {person_id}
    while frontier:
        parents = set(
            FamilyRelation.objects.filter(kind=RelationKind.PARENT, relative_id__in=frontier)
            .values_list("person_id", flat=True)
        ) - seen
        seen |= parents
        frontier = parents
    return seen


def child_not_younger(parent: Person, child: Person) -> bool:
    """True only if the child was certainly born on or before the parent's birthday."""
    p, c = parent.birth_date, child.birth_date
    if not (isinstance(p, PartialDate) and isinstance(c, PartialDate)):
        return False
    return c.latest() <= p.earliest()


def add_relation(
    actor: Any,
    person: Person,
    relative: Person,
    kind: str,
    has_custody: bool | None = None,
    *,
    since: date | None = None,
    purpose: str = PURPOSE,
) -> FamilyRelation:
    """Record that ``relative`` is ``person``'s spouse/partner, or (PARENT) that ``person`` is its parent."""
    if not isinstance(relative, Person) or relative.pk is None:
        raise ValidationError({"relative": _("Die gewählte Person gibt es nicht.")})
    if kind not in RelationKind.values:
        raise ValidationError({"kind": _("Bitte eine Beziehung aus der Liste wählen.")})
    if person.pk == relative.pk:
        raise ValidationError({"relative": _("Eine Person kann nicht mit sich selbst in Beziehung stehen.")})
    if kind != RelationKind.PARENT and has_custody is not None:
        raise ValidationError({"has_custody": _("Die Personensorge gibt es nur zwischen Eltern und Kindern.")})
    _require(actor, person, relative)
    with transaction.atomic():
        locked = _lock(person, relative)
        person, relative = locked[person.pk], locked[relative.pk]
        _require(actor, person, relative)
        _check_relation(person, relative, kind)
        relation = FamilyRelation.objects.create(
            person=person, relative=relative, kind=kind, has_custody=has_custody, since=since
        )
        for concerned, other in ((person, relative), (relative, person)):
            record(
                actor=actor, action=AuditAction.CREATE, purpose=purpose, person=concerned, obj=relation,
                details={"kind": kind, "relative_id": other.pk, "fields": ["kind", "has_custody", "since"]},
            )
    return relation


def _check_relation(person: Person, relative: Person, kind: str) -> None:
    existing = FamilyRelation.objects.filter(
        Q(person=person, relative=relative) | Q(person=relative, relative=person)
    ).first()
    if existing is not None:
        same = existing.kind == kind and (
            kind in SYMMETRIC or (existing.person_id == person.pk and existing.relative_id == relative.pk)
        )
        if same:
            raise ValidationError({NON_FIELD_ERRORS: _("Diese Beziehung ist bereits erfasst.")}, code="duplicate")
        if existing.kind == RelationKind.PARENT and kind == RelationKind.PARENT:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Ein Kind kann nicht Elternteil seines eigenen Elternteils sein.")}, code="cycle"
            )
        seen_from_parent = existing.person_id == person.pk
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Zwischen den beiden Personen ist bereits eine Beziehung erfasst (%(kind)s).")
             % {"kind": relation_label(existing.kind, seen_from_parent)}},
            code="duplicate",
        )
    if kind != RelationKind.PARENT:
        return
    parent, child = person, relative
    if child_not_younger(parent, child):
        raise ValidationError(
            {NON_FIELD_ERRORS: _(
                "Das Kind (geboren %(child)s) kann nicht älter als sein Elternteil (geboren %(parent)s) oder gleich "
                "alt sein."
            ) % {"child": child.birth_date, "parent": parent.birth_date}},
            code="age",
        )
    if child.pk in _ancestors(parent.pk):
        raise ValidationError(
            {NON_FIELD_ERRORS: _(
                "%(child)s ist bereits als Vorfahre von %(parent)s erfasst; ein Kind kann nicht Elternteil seiner "
                "Vorfahren sein."
            ) % {"child": child.display_name, "parent": parent.display_name}},
            code="cycle",
        )
    if FamilyRelation.objects.filter(kind=RelationKind.PARENT, relative=child).count() >= MAX_PARENTS:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Für %(child)s sind bereits zwei Elternteile erfasst.") % {"child": child.display_name}},
            code="parents",
        )


def remove_relation(actor: Any, relation: FamilyRelation, *, purpose: str = PURPOSE) -> None:
    _require(actor, relation.person, relation.relative)
    with transaction.atomic():
        locked = _lock(relation.person, relation.relative)
        _require(actor, *locked.values())
        for concerned, other in ((relation.person, relation.relative), (relation.relative, relation.person)):
            record(
                actor=actor, action=AuditAction.DELETE, purpose=purpose, person=concerned, obj=relation,
                details={"kind": relation.kind, "relative_id": other.pk},
            )
        FamilyRelation.objects.filter(pk=relation.pk).delete()


# --- households ------------------------------------------------------------------------------------------


def _set_household(actor: Any, member: Person, household: Household | None, purpose: str) -> None:
    Person.objects.filter(pk=member.pk).update(household=household)
    member.household = household
    record(
        actor=actor, action=AuditAction.CHANGE, purpose=purpose, person=member, obj=member,
        details={"fields": ["household"], "household_id": household.pk if household else None},
    )


def create_household(actor: Any, person: Person, address: str = "", *, purpose: str = PURPOSE) -> Household:
    """A new household with ``person`` as its first member."""
    _require(actor, person)
    with transaction.atomic():
        person = _lock(person)[person.pk]
        _require(actor, person)
        if person.household_id is not None:
            raise ValidationError(_("Diese Person gehört bereits zu einem Haushalt."), code="has_household")
        household = Household.objects.create(address=(address or "").strip())
        record(
            actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=household,
            details={"fields": ["address"] if household.address else []},
        )
        _set_household(actor, person, household, purpose)
    return household


def add_household_member(actor: Any, person: Person, member: Person, *, purpose: str = PURPOSE) -> Household:
    """Add ``member`` to ``person``'s household (created if there is none yet)."""
    if not isinstance(member, Person) or member.pk is None:
        raise ValidationError({"member": _("Die gewählte Person gibt es nicht.")})
    if member.pk == person.pk:
        raise ValidationError({"member": _("Diese Person gehört bereits zum Haushalt.")})
    _require(actor, person, member)
    with transaction.atomic():
        locked = _lock(person, member)
        person, member = locked[person.pk], locked[member.pk]
        _require(actor, person, member)
        household = person.household
        if member.household_id is not None and member.household_id == person.household_id:
            raise ValidationError({"member": _("Diese Person gehört bereits zum Haushalt.")})
        if member.household_id is not None:
            raise ValidationError(
                {"member": _("%(name)s gehört bereits zu einem anderen Haushalt; bitte dort zuerst austragen.")
                 % {"name": member.display_name}}
            )
        if household is None:
            household = Household.objects.create()
            record(actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=household,
                   details={"fields": []})
            _set_household(actor, person, household, purpose)
        _set_household(actor, member, household, purpose)
    return household


def remove_household_member(actor: Any, person: Person, member: Person, *, purpose: str = PURPOSE) -> None:
    """Take ``member`` (possibly ``person`` itself) out of ``person``'s household; an empty household goes."""
    _require(actor, person, member)
    with transaction.atomic():
        locked = _lock(person, member)
        person, member = locked[person.pk], locked[member.pk]
        _require(actor, person, member)
        household = person.household
        if household is None or member.household_id != household.pk:
            raise ValidationError({"member": _("Diese Person gehört nicht zu diesem Haushalt.")})
        _set_household(actor, member, None, purpose)
        if not household.members.exists():
            record(actor=actor, action=AuditAction.DELETE, purpose=purpose, person=member, obj=household, details={})
            household.delete()


# --- the family at a glance ------------------------------------------------------------------------------


@dataclass
class FamilyMember:
    person: Person
    role: str
    status: StatusSummary
    relation: FamilyRelation | None = None
    has_custody: bool | None = None
    in_household: bool = False


@dataclass
class FamilyView:
    person: Person
    spouses: list[FamilyMember] = field(default_factory=list)
    partners: list[FamilyMember] = field(default_factory=list)
    parents: list[FamilyMember] = field(default_factory=list)
    children: list[FamilyMember] = field(default_factory=list)
    household: Household | None = None
    household_members: list[FamilyMember] = field(default_factory=list)  # the others living with the person

    @property
    def relatives(self) -> list[FamilyMember]:
        return [*self.spouses, *self.partners, *self.parents, *self.children]

    @property
    def is_empty(self) -> bool:
        return not (self.relatives or self.household_members)


def _periods_prefetch() -> Prefetch:
    return Prefetch("residence_periods", queryset=ResidencePeriod.objects.order_by("valid_from", "pk"))


def family_of(person: Person, user: Any = None) -> FamilyView:
    """Spouses, partners, parents, children and household members, each with today's residence status.

    With ``user`` the list is narrowed to the persons that user may see.
    """
    def visible(queryset):
        return policy.visible_persons(user, queryset) if user is not None else queryset

    view = FamilyView(person=person)
    household_ids: set[int] = set()
    # Read from the database: household membership is changed by other services than the one that loaded person.
    household_id = Person.objects.filter(pk=person.pk).values_list("household_id", flat=True).first()
    if household_id:
        view.household = Household.objects.filter(pk=household_id).first()
        household_ids = set(
            Person.objects.filter(household_id=household_id).exclude(pk=person.pk).values_list("pk", flat=True)
        )
    relations_out = list(FamilyRelation.objects.filter(person=person).select_related("relative"))
    relations_in = list(FamilyRelation.objects.filter(relative=person).select_related("person"))
    ids = {r.relative_id for r in relations_out} | {r.person_id for r in relations_in} | household_ids
    others = {
        p.pk: p for p in visible(Person.objects.filter(pk__in=ids)).prefetch_related(_periods_prefetch())
    }

    def member(other_id: int, role: str, relation: FamilyRelation | None = None) -> FamilyMember | None:
        other = others.get(other_id)
        if other is None:
            return None
        return FamilyMember(
            person=other, role=role, status=current_status(other, periods=list(other.residence_periods.all())),
            relation=relation, has_custody=relation.has_custody if relation and relation.kind == RelationKind.PARENT else None,
            in_household=other_id in household_ids,
        )

    for rel in relations_out:
        if rel.kind == RelationKind.PARENT:
            target, role = view.children, _("Kind")
        elif rel.kind == RelationKind.SPOUSE:
            target, role = view.spouses, relation_label(rel.kind)
        else:
            target, role = view.partners, relation_label(rel.kind)
        if m := member(rel.relative_id, role, rel):
            target.append(m)
    for rel in relations_in:
        if rel.kind == RelationKind.PARENT:
            target, role = view.parents, _("Elternteil")
        elif rel.kind == RelationKind.SPOUSE:
            target, role = view.spouses, relation_label(rel.kind)
        else:
            target, role = view.partners, relation_label(rel.kind)
        if m := member(rel.person_id, role, rel):
            target.append(m)
    related = {m.person.pk for m in view.relatives}
    for other_id in sorted(household_ids, key=lambda pk: others[pk].display_name if pk in others else ""):
        if m := member(other_id, _("Haushalt") if other_id not in related else _("Haushalt (Familie)")):
            view.household_members.append(m)
    for group in (view.spouses, view.partners, view.parents, view.children):
        group.sort(key=lambda m: (m.person.birth_date.storage() if m.person.birth_date else "9999", m.person.display_name))
    return view
