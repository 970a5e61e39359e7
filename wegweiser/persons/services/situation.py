"""Export a case file as a ``situation/1`` document for the rules engine (``wegweiser.rules``).

``situation_for(person, as_of)`` is a pure read: it neither checks the policy nor writes the audit trail,
so **the caller audits** (and checks the policy). Views, the API and tasks call ``export_situation`` instead,
which does both: it requires the export right and the view right for every data category the document
holds (identity, family, residence, integration, criminal, health), for the person and for each relative
whose data goes into the document (spouse, children), and appends one EXPORT entry per case file read.

What the document says is what the file says, nothing more:

* Unknown stays ``null``. A list with no recorded rows is ``null`` (unknown), not ``[]`` — unless the office
  recorded a check that found none (``facts.ListCheck``, e.g. a Bundeszentralregister extract) on or before
  ``as_of``; rows recorded in the file always win over such a check. A caller that knows better names
  further lists in ``known_none``. A relative's lists follow the relative's own checks.
* A yes/no field left "unbekannt" is ``null``, as are facts the file has no field for (marital status of
  children, single parent, care for a relative, university studies, employment ban, removal measures).
* State facts (expulsion order, obstruction of removal) come from the latest record whose "Stand" is not
  after ``as_of``; a commitment (fdgo, historical responsibility) from the latest one declared by then.
* Events dated after ``as_of`` (a certificate not yet issued, a conviction not yet decided, a later entry)
  are left out; periods (residence, employment, livelihood, training) are kept whole — the engine reads
  their dates. Facts that describe a state (identity, integration course, housing, pension) come from the
  latest record whose date ("Stand") is not after ``as_of``.
* Birth dates keep unknown month/day as ``00`` (``1990-00-00``), as the format allows.
* The free-text legal basis of a residence period (``§ 25 Abs. 2 S. 1 AufenthG``) is normalised to the
  format's pattern (``aufenthg_25_2``); text that cannot be read that way is exported as ``null``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.facts import models as facts
from wegweiser.rules.situation import FORMAT, SPEC
from wegweiser.rules.spec import ListF, ObjF

from ..models import FamilyRelation, Person, RelationKind
from .common import PURPOSE

#: Data categories a situation document contains; exporting it needs the view right for each.
CATEGORIES = (
    DataCategory.IDENTITY, DataCategory.FAMILY, DataCategory.RESIDENCE, DataCategory.INTEGRATION,
    DataCategory.CRIMINAL, DataCategory.HEALTH,
)
#: Sources that count as proof (a mere statement does not prove school attendance).
PROVEN = ("document_shown", "verified", "partner_reported")

_LAWS = {"aufenthg": "aufenthg", "asylg": "asylg", "stag": "stag", "freizügg": "freizuegg", "freizuegg": "freizuegg"}
_BASIS = re.compile(
    r"§\s*(?P<section>\d+[a-z]?)(?![a-z])"
    r"(?:\s+(?:Abs\.|Absatz)\s*(?P<absatz>\d+[a-z]?)(?![a-z]))?"
    r"(?:\s+(?:S\.|Satz)\s*\d+)?"
    r"(?:\s+(?:Nr\.|Nummer)\s*(?P<nummer>\d+[a-z]?)(?![a-z]))?"
    r"(?:\s+(?:Alt\.|Alternative|Var\.|Buchst\.)\s*\S+)*"
    r"\s+(?P<law>AufenthG|AsylG|StAG|FreizügG(?:/EU)?|FreizuegG(?:/EU)?)\b",
    re.IGNORECASE,
)
_EXPULSION = re.compile(r"§\s*54\s+(?:Abs\.|Absatz)\s*(?P<absatz>[12])(?:\s+(?:Nr\.|Nummer)\s*(?P<nummer>\d{1,2}[a-z]?)(?![a-z]))?",
                        re.IGNORECASE)
_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)?$")


def normalise_legal_basis(text: str) -> str | None:
    """``§ 25 Abs. 2 S. 1 Alt. 1 AufenthG`` -> ``aufenthg_25_2``; None if the text cannot be read that way."""
    m = _BASIS.search(text or "")
    if m is None:
        return None
    law = _LAWS[m.group("law").split("/")[0].lower()]
    parts = [law, m.group("section")]
    if m.group("absatz"):
        parts.append(m.group("absatz"))
        if m.group("nummer"):
            parts.append(m.group("nummer"))
    return "_".join(p.lower() for p in parts)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _rows(items: list[dict[str, Any]], name: str, known_none: Iterable[str]) -> list[dict[str, Any]] | None:
    """Recorded rows, or None (unknown) if there are none — unless the caller knows the list is empty."""
    if items:
        return items
    return [] if name in known_none else None


def checked_empty(person: Person, as_of: date) -> frozenset[str]:
    """Lists the office checked and found empty on or before ``as_of`` (``facts.ListCheck``)."""
    return frozenset(facts.ListCheck.objects.filter(person=person, checked_on__lte=as_of)
                     .values_list("subject", flat=True))


def _declared_on(person: Person, as_of: date, kind: str) -> str | None:
    """The latest commitment of ``kind`` declared on or before ``as_of``."""
    latest = (facts.Commitment.objects.filter(person=person, kind=kind, declared_on__lte=as_of)
              .order_by("-declared_on", "-id").first())
    return None if latest is None else latest.declared_on.isoformat()


def _latest(model: type, person: Person, as_of: date, date_field: str = "source_date") -> Any:
    """The latest record of a state fact whose date is not after ``as_of``."""
    return (model.objects.filter(person=person, **{f"{date_field}__lte": as_of})
            .order_by(f"-{date_field}", "-id").first())


def _together(a: Person, b: Person) -> bool | None:
    """Same household: True; both in different households: False; a household not recorded: unknown."""
    if a.household_id is None or b.household_id is None:
        return None
    return a.household_id == b.household_id


def _certificates(person: Person, as_of: date) -> list[dict[str, Any]]:
    return [
        {"level": c.level, "scope": c.scope or None, "issued_on": _iso(c.issued_on)}
        for c in facts.LanguageCertificate.objects.filter(person=person, issued_on__lte=as_of).order_by("issued_on", "id")
    ]


def _employment(person: Person) -> list[dict[str, Any]]:
    return [
        {"kind": e.kind or None, "starts_on": _iso(e.starts_on), "ends_on": _iso(e.ends_on),
         "hours_per_week": _num(e.hours_per_week), "social_insurance": e.social_insurance, "full_time": None}
        for e in facts.Employment.objects.filter(person=person).order_by("starts_on", "id")
    ]


def _convictions(person: Person, as_of: date) -> list[dict[str, Any]]:
    return [
        {"decided_on": _iso(c.decided_on), "intentional": c.intentional, "daily_rates": c.daily_rates,
         "prison_months": c.prison_months, "suspended": c.suspended, "juvenile_law": c.juvenile_law,
         "immigration_only_offence": c.immigration_only_offence,
         "erased_on": _iso(c.erased_on) if c.erased_on is not None and c.erased_on <= as_of else None}
        for c in facts.Conviction.objects.filter(person=person, decided_on__lte=as_of).order_by("decided_on", "id")
    ]


def _spouses(person: Person, as_of: date) -> list[Person]:
    """Spouses and partners recorded in either direction (and not only from a later date)."""
    relations = (
        FamilyRelation.objects.filter(kind__in=(RelationKind.SPOUSE, RelationKind.PARTNER))
        .filter(Q(person=person) | Q(relative=person))
        .filter(Q(since__isnull=True) | Q(since__lte=as_of))
        .select_related("person", "relative").order_by("id")
    )
    return [r.relative if r.person_id == person.pk else r.person for r in relations]


def _children(person: Person) -> list[Person]:
    relations = (FamilyRelation.objects.filter(person=person, kind=RelationKind.PARENT)
                 .select_related("relative").order_by("id"))
    return [r.relative for r in relations]


def relatives_read(person: Person, as_of: date) -> list[Person]:
    """Other case files whose data ``situation_for`` puts into the document (for policy and audit)."""
    seen: dict[int, Person] = {}
    for other in [*_spouses(person, as_of)[:1], *_children(person)]:
        seen.setdefault(other.pk, other)
    return list(seen.values())


def _school_proven(child: Person, as_of: date) -> bool | None:
    """Actual school attendance on ``as_of`` proven by a record with proof; never False from silence."""
    current = [
        s for s in facts.SchoolAttendance.objects.filter(person=child, attended_from__lte=as_of)
        if s.attended_until is None or s.attended_until >= as_of
    ]
    if any(s.regular is False for s in current):
        return False
    if any(s.regular is True and s.source in PROVEN for s in current):
        return True
    return None


def _household(person: Person, as_of: date, known_none: Iterable[str]) -> dict[str, Any]:
    spouses = _spouses(person, as_of)
    spouse = spouses[0] if spouses else None
    spouse_doc = None
    if spouse is not None:
        pension = _latest(facts.PensionContributions, spouse, as_of, "as_of")
        checked = checked_empty(spouse, as_of)
        spouse_doc = {
            "lives_together": _together(person, spouse),
            "language_certificates": _rows(_certificates(spouse, as_of), "language_certificates", checked),
            "employment": _rows(_employment(spouse), "employment", checked),
            "convictions": _rows(_convictions(spouse, as_of), "convictions", checked),
            "pension_months": None if pension is None else pension.months,
        }
    children = [
        {"id": child.file_number, "birth_date": child.birth_date.storage() if child.birth_date else None,
         "unmarried": None, "lives_together": _together(person, child),
         "school_attendance_proven": _school_proven(child, as_of)}
        for child in _children(person)
    ]
    return {
        # a recorded spouse is a fact; no record is not proof of none
        "has_spouse": True if spouse is not None else (False if "household.spouse" in known_none else None),
        "spouse": spouse_doc,
        "children": _rows(children, "household.children", known_none),
        "single_parent": None,
        "cares_for_relative": None,
    }


def _expulsion_interest(e: facts.ExpulsionInterest) -> dict[str, Any]:
    m = _EXPULSION.search(e.provision or "")
    absatz = int(m.group("absatz")) if m else None
    nummer = m.group("nummer").lower() if m and m.group("nummer") else None
    if absatz is None and e.particularly_serious:
        absatz = 1  # "besonders schwerwiegend" is § 54 Abs. 1 (the model's own label says so)
    return {"absatz": absatz, "nummer": nummer, "since": _iso(e.since), "until": None}


def _subject(text: str) -> str | None:
    """A pathway id (``aufenthg_25b``) or ``pathway.condition``; other free text is kept as it is (it then
    concerns no pathway) — turning it into null would make the judgement a general one."""
    text = (text or "").strip()
    if not text:
        return None
    return text if _ID.match(text) else text[:80]


def _complete(spec: ObjF, value: dict[str, Any]) -> dict[str, Any]:
    """Every field of the format present, null where this exporter has nothing (also fields added later);
    an object not set at all becomes one with null fields, one set to None stays None."""
    out: dict[str, Any] = {}
    for key, field in spec.fields.items():
        v = value.get(key, {} if isinstance(field, ObjF) else None)
        if isinstance(field, ObjF) and isinstance(v, dict):
            v = _complete(field, v)
        elif isinstance(field, ListF) and isinstance(v, list):
            v = [_complete(field.item, item) for item in v]
        out[key] = v
    return out


def situation_for(person: Person, as_of: date, *, known_none: Iterable[str] = ()) -> dict[str, Any]:
    """The ``situation/1`` document of ``person`` on ``as_of``. Pure read: the caller checks the policy and
    audits (see ``export_situation``). ``known_none`` names lists known to be empty (``"convictions"``)."""
    known_none = frozenset(known_none) | checked_empty(person, as_of)
    nationalities = [
        {"code": n.code} for n in person.nationalities.filter(Q(since__isnull=True) | Q(since__lte=as_of)).order_by("code")
    ]
    residence = [
        {"status": p.status, "duldung_kind": p.duldung_kind or None,
         "legal_basis": normalise_legal_basis(p.legal_basis), "valid_from": _iso(p.valid_from),
         "valid_until": _iso(p.valid_until)}
        for p in person.residence_periods.order_by("valid_from", "id")
    ]
    entries = [
        {"date": _iso(e.date), "first_entry": True if e.is_first_entry else None}  # unticked is not "no"
        for e in person.entries.filter(date__lte=as_of).order_by("date", "id")
    ]
    stays = [
        {"left_on": _iso(s.left_on), "returned_on": _iso(s.returned_on) if s.returned_on and s.returned_on <= as_of
         else None}
        for s in person.stays_abroad.filter(left_on__lte=as_of).order_by("left_on", "id")
    ]
    identity = _latest(facts.IdentityClarification, person, as_of)
    course = _latest(facts.IntegrationCourse, person, as_of)
    housing = _latest(facts.Housing, person, as_of)
    pension = _latest(facts.PensionContributions, person, as_of, "as_of")
    order = _latest(facts.ExpulsionOrder, person, as_of)
    obstruction = _latest(facts.RemovalObstruction, person, as_of)

    def rows(name: str, items: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        return _rows(items, name, known_none)

    document = {
        "format": FORMAT,
        "as_of": as_of.isoformat(),
        "application_date": None,
        "person": {
            "id": person.file_number,
            "birth_date": person.birth_date.storage() if person.birth_date else None,
            "nationalities": rows("person.nationalities", nationalities),
        },
        "residence": rows("residence", residence),
        "entries": rows("entries", entries),
        "stays_abroad": rows("stays_abroad", stays),
        "identity": {
            "status": identity.status if identity else None,
            "clarified_on": _iso(identity.clarified_on) if identity and identity.clarified_on
            and identity.clarified_on <= as_of else None,
        },
        "identity_steps": rows("identity_steps", [
            {"kind": s.kind, "taken_on": _iso(s.taken_on)}
            for s in facts.IdentityStep.objects.filter(person=person, taken_on__lte=as_of).order_by("taken_on", "id")
        ]),
        "passports": rows("passports", [
            {"kind": p.kind, "valid_from": _iso(p.valid_from), "valid_until": _iso(p.valid_until)}
            for p in facts.Passport.objects.filter(person=person).filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=as_of)).order_by("valid_from", "id")
        ]),
        "language_certificates": rows("language_certificates", _certificates(person, as_of)),
        "civic_tests": rows("civic_tests", [
            {"kind": t.kind, "passed": t.passed, "taken_on": _iso(t.taken_on)}
            for t in facts.CivicTest.objects.filter(person=person, taken_on__lte=as_of).order_by("taken_on", "id")
        ]),
        "integration_course": {
            "obliged": course.obliged if course else None,
            "status": course.status or None if course else None,
            "status_date": _iso(course.status_date) if course else None,
            "was_possible": course.was_possible if course else None,
        },
        "school_attendance": rows("school_attendance", [
            {"attended_from": _iso(s.attended_from), "attended_until": _iso(s.attended_until), "regular": s.regular}
            for s in facts.SchoolAttendance.objects.filter(person=person, attended_from__lte=as_of)
            .order_by("attended_from", "id")
        ]),
        "qualifications": rows("qualifications", [
            {"kind": q.kind, "obtained_on": _iso(q.obtained_on), "obtained_in_germany": q.obtained_in_germany,
             "recognised": q.recognised}
            for q in facts.Qualification.objects.filter(person=person).filter(
                Q(obtained_on__isnull=True) | Q(obtained_on__lte=as_of)).order_by("id")
        ]),
        "vocational_training": rows("vocational_training", [
            {"kind": t.kind, "starts_on": _iso(t.starts_on), "ends_on": _iso(t.ends_on), "registered": t.registered,
             "terminated_on": _iso(t.terminated_on) if t.terminated_on and t.terminated_on <= as_of else None}
            for t in facts.VocationalTraining.objects.filter(person=person).filter(
                Q(contract_signed_on__isnull=True) | Q(contract_signed_on__lte=as_of)).order_by("starts_on", "id")
        ]),
        "university_studies": rows("university_studies", []),
        "employment": rows("employment", _employment(person)),
        "livelihood": rows("livelihood", [
            {"period_from": _iso(x.period_from), "period_until": _iso(x.period_until), "secured": x.secured or None,
             "by_employment": x.by_employment, "benefits": x.benefits or None}
            for x in facts.Livelihood.objects.filter(person=person).order_by("period_from", "id")
        ]),
        "housing": {"adequate": housing.adequate if housing else None},
        "pension": {"months": pension.months if pension else None, "as_of": _iso(pension.as_of) if pension else None},
        "convictions": rows("convictions", _convictions(person, as_of)),
        "expulsion_interests": rows("expulsion_interests", [
            _expulsion_interest(e) for e in facts.ExpulsionInterest.objects.filter(person=person).filter(
                Q(since__isnull=True) | Q(since__lte=as_of)).order_by("id")
        ]),
        "expulsion_order": order.exists if order else None,
        "extremism_indications": rows("extremism_indications", [
            {"noted_on": _iso(x.noted_on), "confirmed": x.confirmed}
            for x in facts.ExtremismIndication.objects.filter(person=person, noted_on__lte=as_of).order_by("noted_on", "id")
        ]),
        "health_exemptions": rows("health_exemptions", [
            {"scope": h.scope, "ground": None, "certificate_date": _iso(h.certificate_date)}
            for h in facts.HealthExemption.objects.filter(person=person, source_date__lte=as_of).order_by("id")
        ]),
        "fdgo_declared_on": _declared_on(person, as_of, "fdgo"),
        "historical_responsibility_declared_on": _declared_on(
            person, as_of, "historical_responsibility"),
        "removal_obstruction": {
            "false_statements_or_deception": obstruction.false_statements_or_deception,
            "non_cooperation": obstruction.non_cooperation, "repeated": obstruction.repeated,
        } if obstruction else {},
        "household": _household(person, as_of, known_none),
        "judgements": rows("judgements", [
            {"id": f"J{j.pk}", "kind": j.kind, "subject": _subject(j.subject), "value": j.value,
             "recorded_on": _iso(j.source_date)}
            for j in facts.Judgement.objects.filter(person=person, source_date__lte=as_of).order_by("source_date", "id")
        ]),
    }
    return _complete(SPEC, document)


def require_export(actor: Any, person: Person, as_of: date) -> list[Person]:
    """Raise PermissionDenied unless ``actor`` may export the situation of ``person`` on ``as_of``: the file
    itself and every relative's file whose data the document carries. Returns those relatives."""
    policy.require(actor, Action.EXPORT, person)
    relatives = relatives_read(person, as_of)
    for concerned in (person, *relatives):
        for category in CATEGORIES:
            policy.require(actor, Action.PERSON_VIEW, concerned, category)
    return relatives


def export_situation(
    actor: Any, person: Person, as_of: date, *, purpose: str = PURPOSE, known_none: Iterable[str] = ()
) -> dict[str, Any]:
    """``situation_for`` with the policy check and one EXPORT audit entry per case file read."""
    relatives = require_export(actor, person, as_of)
    document = situation_for(person, as_of, known_none=known_none)
    details = {"format": FORMAT, "as_of": as_of.isoformat(), "relatives": [r.pk for r in relatives]}
    with transaction.atomic():
        record(actor=actor, action=AuditAction.EXPORT, purpose=purpose, person=person, obj=person, details=details)
        for relative in relatives:
            record(actor=actor, action=AuditAction.EXPORT, purpose=purpose, person=relative, obj=relative,
                   details={"format": FORMAT, "as_of": as_of.isoformat(), "as_relative_of": person.pk})
    return document
