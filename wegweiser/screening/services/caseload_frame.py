"""The whole caseload as the rules engine's screening frame, read from the database in bulk.

``situation_for`` (persons.services.situation) reads one case file with about thirty queries; for a caseload
of 100 000 persons that would be three million queries. This module reads a *range of person ids* with one
query per table (plus a few for relatives living outside the range) and builds, for every person, the very
``situation/1`` document ``situation_for(person, as_of)`` gives — same fields, same order of list items,
same rules for what is left out — and turns it into the flat record the engine's strict normaliser would
give (``flat``; the normaliser itself decides every document the fast check does not accept). The tests
prove equality with ``normalise(situation_for(person, as_of))`` person by person.

Like ``situation_for`` this is a pure read: the caller (the screening run) writes the audit entry.
A document the normaliser rejects (implausible data in the file, e.g. a period ending before it starts)
is not screened; its person id is returned in ``invalid`` instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.db.models import Model, Q, QuerySet

from wegweiser.facts import models as facts
from wegweiser.persons.models import (
    Entry,
    FamilyRelation,
    Nationality,
    Person,
    RelationKind,
    ResidencePeriod,
    StayAbroad,
)
from wegweiser.persons.services.situation import PROVEN, _expulsion_interest, _subject, normalise_legal_basis
from wegweiser.rules.situation import FORMAT, normalise
from wegweiser.rules.spec import InvalidSituation
from wegweiser.rules.vector import frame_from_records

from .flat import Reject, flat_record

#: Persons per chunk: the rules have a fixed cost per call (~1 s for all pathways), so chunks are large;
#: 20 000 persons need a few hundred MB.
CHUNK_SIZE = 20_000

Rows = dict[int, list[tuple]]


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _rows(items: list[dict[str, Any]], name: str = "", checked: frozenset[str] = frozenset()
          ) -> list[dict[str, Any]] | None:
    """Recorded rows; if there are none, [] for a list the office checked and found empty, else None
    (unknown) — as ``situation_for`` with no ``known_none`` from the caller."""
    if items:
        return items
    return [] if name in checked else None


def _group(qs: QuerySet, *fields: str) -> Rows:
    """``person_id`` -> value tuples of ``fields``, in the queryset's order (one query)."""
    out: Rows = defaultdict(list)
    for row in qs.values_list("person_id", *fields):
        out[row[0]].append(row[1:])
    return out


def _latest(model: type[Model], persons: Q, as_of: date, fields: tuple[str, ...], date_field: str = "source_date"
            ) -> dict[int, tuple]:
    """Per person the latest record of a state fact whose date is not after ``as_of`` (one query)."""
    qs = (model.objects.filter(persons, **{f"{date_field}__lte": as_of})
          .order_by("person_id", f"-{date_field}", "-id"))
    out: dict[int, tuple] = {}
    for row in qs.values_list("person_id", *fields):
        out.setdefault(row[0], row[1:])
    return out


def _ids(name: str, lo: int, hi: int, extra: Iterable[int] = ()) -> Q:
    """Rows of the persons with ids in [lo, hi] and of the ``extra`` persons (relatives outside the range)."""
    q = Q(**{f"{name}__gte": lo, f"{name}__lte": hi})
    extra = sorted(set(extra))
    return q | Q(**{f"{name}__in": extra}) if extra else q


@dataclass
class _Relative:
    file_number: str
    birth_date: Any
    household_id: int | None


@dataclass
class Chunk:
    """The flat records of one range of persons (``ids`` in id order) and the persons that could not be read."""

    ids: list[int] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    invalid: dict[int, str] = field(default_factory=dict)

    def frame(self) -> pl.DataFrame:
        return frame_from_records(self.records)


class ChunkReader:
    """Reads every table once for the persons with ids in [lo, hi] and builds their documents."""

    def __init__(self, lo: int, hi: int, as_of: date) -> None:
        self.lo, self.hi, self.as_of = lo, hi, as_of
        own = _ids("person_id", lo, hi)
        a = as_of
        self.persons: list[tuple] = list(
            Person.objects.filter(pk__gte=lo, pk__lte=hi).order_by("pk")
            .values_list("pk", "file_number", "birth_date", "household_id"))
        # relatives first: their facts are read in the same queries as the persons' own
        spouse_rel = (FamilyRelation.objects.filter(kind__in=(RelationKind.SPOUSE, RelationKind.PARTNER))
                      .filter(Q(person_id__gte=lo, person_id__lte=hi) | Q(relative_id__gte=lo, relative_id__lte=hi))
                      .filter(Q(since__isnull=True) | Q(since__lte=a)).order_by("id")
                      .values_list("person_id", "relative_id"))
        self.spouse: dict[int, int] = {}
        for pid, rid in spouse_rel:  # the first relation by id, in either direction (``_spouses(...)[0]``)
            if lo <= pid <= hi:
                self.spouse.setdefault(pid, rid)
            if lo <= rid <= hi:
                self.spouse.setdefault(rid, pid)
        self.children: Rows = _group(
            FamilyRelation.objects.filter(person_id__gte=lo, person_id__lte=hi, kind=RelationKind.PARENT).order_by(
                "person_id", "id"), "relative_id")
        outside = {r for r in self.spouse.values() if not lo <= r <= hi}
        outside |= {c for rows in self.children.values() for (c,) in rows if not lo <= c <= hi}
        self.relatives: dict[int, _Relative] = {
            pk: _Relative(fn, bd, hh) for pk, fn, bd, hh in (*self.persons, *Person.objects.filter(pk__in=sorted(outside))
                                                            .values_list("pk", "file_number", "birth_date",
                                                                         "household_id"))
        }
        wide = _ids("person_id", lo, hi, outside)
        self.nationalities = _group(Nationality.objects.filter(own).filter(Q(since__isnull=True) | Q(since__lte=a))
                                    .order_by("person_id", "code"), "code")
        self.residence = _group(ResidencePeriod.objects.filter(own).order_by("person_id", "valid_from", "id"),
                                "status", "duldung_kind", "legal_basis", "valid_from", "valid_until")
        self.entries = _group(Entry.objects.filter(own, date__lte=a).order_by("person_id", "date", "id"),
                              "date", "is_first_entry")
        self.stays = _group(StayAbroad.objects.filter(own, left_on__lte=a).order_by("person_id", "left_on", "id"),
                            "left_on", "returned_on")
        self.checked: dict[int, frozenset[str]] = {
            pid: frozenset(s for (s,) in rows)
            for pid, rows in _group(facts.ListCheck.objects.filter(wide, checked_on__lte=a).order_by("person_id"),
                                    "subject").items()}
        self.identity = _latest(facts.IdentityClarification, own, a, ("status", "clarified_on"))
        self.course = _latest(facts.IntegrationCourse, own, a, ("obliged", "status", "status_date", "was_possible"))
        self.order = _latest(facts.ExpulsionOrder, own, a, ("exists",))
        self.obstruction = _latest(facts.RemovalObstruction, own, a,
                                   ("false_statements_or_deception", "non_cooperation", "repeated"))
        self.commitments: dict[tuple[int, str], date] = {}
        for pid, kind, declared in (facts.Commitment.objects.filter(own, declared_on__lte=a)
                                    .order_by("person_id", "-declared_on", "-id")
                                    .values_list("person_id", "kind", "declared_on")):
            self.commitments.setdefault((pid, kind), declared)  # the latest per person and kind
        self.housing = _latest(facts.Housing, own, a, ("adequate",))
        self.pension = _latest(facts.PensionContributions, wide, a, ("months", "as_of"), "as_of")
        self.identity_steps = _group(facts.IdentityStep.objects.filter(own, taken_on__lte=a)
                                     .order_by("person_id", "taken_on", "id"), "kind", "taken_on")
        self.passports = _group(facts.Passport.objects.filter(own).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=a))
                                .order_by("person_id", "valid_from", "id"), "kind", "valid_from", "valid_until")
        self.certificates = _group(facts.LanguageCertificate.objects.filter(wide, issued_on__lte=a)
                                   .order_by("person_id", "issued_on", "id"), "level", "scope", "issued_on")
        self.civic_tests = _group(facts.CivicTest.objects.filter(own, taken_on__lte=a)
                                  .order_by("person_id", "taken_on", "id"), "kind", "passed", "taken_on")
        self.school = _group(facts.SchoolAttendance.objects.filter(wide, attended_from__lte=a)
                             .order_by("person_id", "attended_from", "id"),
                             "attended_from", "attended_until", "regular", "source")
        self.qualifications = _group(facts.Qualification.objects.filter(own).filter(
            Q(obtained_on__isnull=True) | Q(obtained_on__lte=a)).order_by("person_id", "id"),
            "kind", "obtained_on", "obtained_in_germany", "recognised")
        self.training = _group(facts.VocationalTraining.objects.filter(own).filter(
            Q(contract_signed_on__isnull=True) | Q(contract_signed_on__lte=a)).order_by("person_id", "starts_on", "id"),
            "kind", "starts_on", "ends_on", "registered", "terminated_on")
        self.employment = _group(facts.Employment.objects.filter(wide).order_by("person_id", "starts_on", "id"),
                                 "kind", "starts_on", "ends_on", "hours_per_week", "social_insurance")
        self.livelihood = _group(facts.Livelihood.objects.filter(own).order_by("person_id", "period_from", "id"),
                                 "period_from", "period_until", "secured", "by_employment", "benefits")
        self.convictions = _group(facts.Conviction.objects.filter(wide, decided_on__lte=a)
                                  .order_by("person_id", "decided_on", "id"),
                                  "decided_on", "intentional", "daily_rates", "prison_months", "suspended",
                                  "juvenile_law", "immigration_only_offence", "erased_on")
        self.expulsion = _group(facts.ExpulsionInterest.objects.filter(own).filter(
            Q(since__isnull=True) | Q(since__lte=a)).order_by("person_id", "id"),
            "provision", "particularly_serious", "since")
        self.extremism = _group(facts.ExtremismIndication.objects.filter(own, noted_on__lte=a)
                                .order_by("person_id", "noted_on", "id"), "noted_on", "confirmed")
        self.health = _group(facts.HealthExemption.objects.filter(own, source_date__lte=a).order_by("person_id", "id"),
                             "scope", "certificate_date")
        self.judgements = _group(facts.Judgement.objects.filter(own, source_date__lte=a)
                                 .order_by("person_id", "source_date", "id"), "pk", "kind", "subject", "value",
                                 "source_date")

    # --- one person ---------------------------------------------------------------------------------------

    def _together(self, a: int | None, b: int | None) -> bool | None:
        if a is None or b is None:
            return None
        return a == b

    def _certificates(self, pk: int) -> list[dict[str, Any]]:
        return [{"level": lv, "scope": sc or None, "issued_on": _iso(d)} for lv, sc, d in self.certificates.get(pk, ())]

    def _employment(self, pk: int) -> list[dict[str, Any]]:
        return [{"kind": k or None, "starts_on": _iso(s), "ends_on": _iso(e), "hours_per_week": _num(h),
                 "social_insurance": si, "full_time": None} for k, s, e, h, si in self.employment.get(pk, ())]

    def _convictions(self, pk: int) -> list[dict[str, Any]]:
        a = self.as_of
        return [
            {"decided_on": _iso(d), "intentional": it, "daily_rates": dr, "prison_months": pm, "suspended": su,
             "juvenile_law": jl, "immigration_only_offence": io,
             "erased_on": _iso(er) if er is not None and er <= a else None}
            for d, it, dr, pm, su, jl, io, er in self.convictions.get(pk, ())
        ]

    def _school_proven(self, pk: int) -> bool | None:
        a = self.as_of
        current = [s for s in self.school.get(pk, ()) if s[1] is None or s[1] >= a]
        if any(s[2] is False for s in current):
            return False
        if any(s[2] is True and s[3] in PROVEN for s in current):
            return True
        return None

    def _household(self, pk: int, household_id: int | None) -> dict[str, Any]:
        spouse_id = self.spouse.get(pk)
        spouse_doc = None
        if spouse_id is not None:
            pension = self.pension.get(spouse_id)
            checked = self.checked.get(spouse_id, frozenset())
            spouse_doc = {
                "lives_together": self._together(household_id, self.relatives[spouse_id].household_id),
                "language_certificates": _rows(self._certificates(spouse_id), "language_certificates", checked),
                "employment": _rows(self._employment(spouse_id), "employment", checked),
                "convictions": _rows(self._convictions(spouse_id), "convictions", checked),
                "pension_months": None if pension is None else pension[0],
            }
        children = []
        for (child_id,) in self.children.get(pk, ()):
            child = self.relatives[child_id]
            children.append({
                "id": child.file_number, "birth_date": child.birth_date.storage() if child.birth_date else None,
                "unmarried": None, "lives_together": self._together(household_id, child.household_id),
                "school_attendance_proven": self._school_proven(child_id),
            })
        checked = self.checked.get(pk, frozenset())
        has_spouse = True if spouse_id is not None else (False if "household.spouse" in checked else None)
        return {"has_spouse": has_spouse, "spouse": spouse_doc,
                "children": _rows(children, "household.children", checked), "single_parent": None,
                "cares_for_relative": None}

    def document(self, pk: int, file_number: str, birth_date: Any, household_id: int | None) -> dict[str, Any]:
        """What ``situation_for(person, as_of)`` gives (before it fills absent keys with null)."""
        a = self.as_of
        identity = self.identity.get(pk)
        course = self.course.get(pk)
        housing = self.housing.get(pk)
        pension = self.pension.get(pk)
        order = self.order.get(pk)
        obstruction = self.obstruction.get(pk)
        checked = self.checked.get(pk, frozenset())

        def rows(name: str, items: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
            return _rows(items, name, checked)

        return {
            "format": FORMAT,
            "as_of": a.isoformat(),
            "application_date": None,
            "person": {"id": file_number, "birth_date": birth_date.storage() if birth_date else None,
                       "nationalities": rows("person.nationalities",
                                             [{"code": c} for (c,) in self.nationalities.get(pk, ())])},
            "residence": rows("residence", [
                {"status": st, "duldung_kind": dk or None, "legal_basis": normalise_legal_basis(lb),
                 "valid_from": _iso(vf), "valid_until": _iso(vu)}
                for st, dk, lb, vf, vu in self.residence.get(pk, ())]),
            "entries": rows("entries", [{"date": _iso(d), "first_entry": True if first else None}
                                        for d, first in self.entries.get(pk, ())]),
            "stays_abroad": rows("stays_abroad", [
                {"left_on": _iso(lo), "returned_on": _iso(ret) if ret and ret <= a else None}
                for lo, ret in self.stays.get(pk, ())]),
            "identity": {"status": identity[0] if identity else None,
                         "clarified_on": _iso(identity[1]) if identity and identity[1] and identity[1] <= a else None},
            "identity_steps": rows("identity_steps", [{"kind": k, "taken_on": _iso(t)}
                                                      for k, t in self.identity_steps.get(pk, ())]),
            "passports": rows("passports", [{"kind": k, "valid_from": _iso(f), "valid_until": _iso(u)}
                                            for k, f, u in self.passports.get(pk, ())]),
            "language_certificates": rows("language_certificates", self._certificates(pk)),
            "civic_tests": rows("civic_tests", [{"kind": k, "passed": p, "taken_on": _iso(t)}
                                                for k, p, t in self.civic_tests.get(pk, ())]),
            "integration_course": {
                "obliged": course[0] if course else None,
                "status": course[1] or None if course else None,
                "status_date": _iso(course[2]) if course else None,
                "was_possible": course[3] if course else None,
            },
            "school_attendance": rows("school_attendance", [
                {"attended_from": _iso(f), "attended_until": _iso(u), "regular": r}
                for f, u, r, _s in self.school.get(pk, ())]),
            "qualifications": rows("qualifications", [
                {"kind": k, "obtained_on": _iso(o), "obtained_in_germany": de, "recognised": r}
                for k, o, de, r in self.qualifications.get(pk, ())]),
            "vocational_training": rows("vocational_training", [
                {"kind": k, "starts_on": _iso(s), "ends_on": _iso(e), "registered": r,
                 "terminated_on": _iso(t) if t and t <= a else None}
                for k, s, e, r, t in self.training.get(pk, ())]),
            "university_studies": None,
            "employment": rows("employment", self._employment(pk)),
            "livelihood": rows("livelihood", [
                {"period_from": _iso(f), "period_until": _iso(u), "secured": s or None, "by_employment": be,
                 "benefits": b or None}
                for f, u, s, be, b in self.livelihood.get(pk, ())]),
            "housing": {"adequate": housing[0] if housing else None},
            "pension": {"months": pension[0] if pension else None, "as_of": _iso(pension[1]) if pension else None},
            "convictions": rows("convictions", self._convictions(pk)),
            "expulsion_interests": rows("expulsion_interests", [
                _expulsion_interest(facts.ExpulsionInterest(provision=p, particularly_serious=s, since=si))
                for p, s, si in self.expulsion.get(pk, ())]),
            "expulsion_order": order[0] if order else None,
            "extremism_indications": rows("extremism_indications", [
                {"noted_on": _iso(n), "confirmed": c} for n, c in self.extremism.get(pk, ())]),
            "health_exemptions": rows("health_exemptions", [
                {"scope": s, "ground": None, "certificate_date": _iso(c)} for s, c in self.health.get(pk, ())]),
            "fdgo_declared_on": _iso(self.commitments.get((pk, "fdgo"))),
            "historical_responsibility_declared_on": _iso(self.commitments.get((pk, "historical_responsibility"))),
            "removal_obstruction": dict(zip(("false_statements_or_deception", "non_cooperation", "repeated"),
                                            obstruction, strict=True)) if obstruction else {},
            "household": self._household(pk, household_id),
            "judgements": rows("judgements", [
                {"id": f"J{jid}", "kind": k, "subject": _subject(s), "value": v, "recorded_on": _iso(d)}
                for jid, k, s, v, d in self.judgements.get(pk, ())]),
        }

    def documents(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for pk, file_number, birth_date, household_id in self.persons:
            yield pk, self.document(pk, file_number, birth_date, household_id)

    def chunk(self) -> Chunk:
        out = Chunk()
        for pk, document in self.documents():
            try:
                record = flat_record(document)
            except Reject:  # the strict normaliser decides, and names the problem
                try:
                    record = normalise(document)
                except InvalidSituation as exc:
                    out.invalid[pk] = str(exc)
                    continue
            out.ids.append(pk)
            out.records.append(record)
        return out


def id_ranges(after: int = 0, size: int = CHUNK_SIZE) -> Iterator[tuple[int, int, int]]:
    """(lowest id, highest id, number of persons) of consecutive chunks of ``size`` persons after ``after``."""
    while True:
        ids = list(Person.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids[0], ids[-1], len(ids)
        after = ids[-1]


def read_chunk(lo: int, hi: int, as_of: date) -> Chunk:
    """The flat records of all persons with ids in [lo, hi] on ``as_of``."""
    return ChunkReader(lo, hi, as_of).chunk()


def documents(lo: int, hi: int, as_of: date) -> dict[int, dict[str, Any]]:
    """The ``situation/1`` documents of the persons with ids in [lo, hi] (for tests and exports)."""
    return dict(ChunkReader(lo, hi, as_of).documents())
