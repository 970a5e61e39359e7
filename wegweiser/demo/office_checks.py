"""What a real office knows beyond the rows of the file: register extracts that found nothing ("keine
Einträge – geprüft am …"), whether an offence was intentional, whether work pays the living, declarations,
and the state of removal for tolerated persons.

The draws come from a random generator of their own, seeded with the file number and the reference date,
so adding this knowledge leaves every other part of the demo population exactly as it was.
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING, Any

from wegweiser.facts.models import (
    CheckedList,
    CivicTest,
    Commitment,
    Conviction,
    Employment,
    ExpulsionInterest,
    ExpulsionOrder,
    ExtremismIndication,
    FactSource,
    HealthExemption,
    IntegrationCourse,
    LanguageCertificate,
    ListCheck,
    Livelihood,
    RemovalObstruction,
    VocationalTraining,
)
from wegweiser.facts.models.language import CourseStatus
from wegweiser.facts.models.livelihood import LivelihoodSecured
from wegweiser.facts.models.removal import CommitmentKind, ExpulsionOrderKind
from wegweiser.persons.models import RelationKind

from . import stories
from .stories import YEAR, days

if TYPE_CHECKING:
    from .generator import MemberPlan

#: Offences that are committed intentionally as a rule; the others may be negligent (driving without licence).
_NOT_ALWAYS_INTENTIONAL = ("§ 21 StVG",)
#: Commitment to historical responsibility is asked for since the StAG reform of 27.06.2024.
_HISTORICAL_RESPONSIBILITY_SINCE = date(2024, 6, 27)


def own_rng(member: MemberPlan, today: date) -> random.Random:
    return random.Random(f"office:{member.person.file_number}:{today.isoformat()}")


def _day(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end] (``end`` if the range is empty)."""
    span = (end - start).days
    return end if span <= 0 else start + days(rng.randint(0, span))


def add_knowledge(member: MemberPlan, facts: list[Any], age: int, today: date, status: str | None) -> None:
    """Complete one adult's facts (in place) with what the office would know."""
    rng = own_rng(member, today)
    here_since = member.entry or member.birth
    kinds = {type(f) for f in facts}
    tolerated = status in (stories.DULDUNG, stories.GESTATTUNG, stories.NO_STATUS)
    pathway = member.story.flags.get("pathway", "")
    for fact in facts:
        if isinstance(fact, Conviction):
            negligible = any(mark in fact.offence for mark in _NOT_ALWAYS_INTENTIONAL)
            fact.intentional = (rng.random() < 0.5) if negligible else (True if rng.random() < 0.92 else None)
        elif isinstance(fact, Livelihood):
            if fact.secured == LivelihoodSecured.NOT:
                fact.by_employment = False
            elif Employment in kinds and rng.random() < 0.85:
                fact.by_employment = fact.secured == LivelihoodSecured.FULLY or rng.random() < 0.5
        elif isinstance(fact, IntegrationCourse) and rng.random() < 0.8:
            fact.was_possible = fact.status != CourseStatus.EXEMPT
    if age < 18:
        return

    def check(subject: str, chance: float, source: str = FactSource.VERIFIED, note: str = "") -> None:
        if rng.random() < chance:
            checked_on = _day(rng, max(here_since, today - days(YEAR)), today)
            facts.append(ListCheck(subject=subject, checked_on=checked_on, source=source, note=note))

    # A Bundeszentralregister extract is part of nearly every application for a title.
    if Conviction not in kinds:
        check(CheckedList.CONVICTIONS, 0.85, note="Auszug aus dem Bundeszentralregister ohne Eintrag")
    if ExpulsionInterest not in kinds:
        check(CheckedList.EXPULSION_INTERESTS, 0.75)
    if ExtremismIndication not in kinds:
        check(CheckedList.EXTREMISM_INDICATIONS, 0.6, note="Sicherheitsabfrage ohne Erkenntnisse")
    if not member.stays:
        check(CheckedList.STAYS_ABROAD, 0.6, source=FactSource.DECLARED)
    if Employment not in kinds:
        check(CheckedList.EMPLOYMENT, 0.5, source=FactSource.PARTNER_REPORTED, note="Auskunft des Jobcenters")
    if LanguageCertificate not in kinds:
        check(CheckedList.LANGUAGE_CERTIFICATES, 0.3, source=FactSource.DECLARED)
    if VocationalTraining not in kinds:
        check(CheckedList.VOCATIONAL_TRAINING, 0.5, source=FactSource.DECLARED)
    if HealthExemption not in kinds:
        check(CheckedList.HEALTH_EXEMPTIONS, 0.4, source=FactSource.DECLARED, note="keine Befreiung beantragt")
    if CivicTest not in kinds:
        check(CheckedList.CIVIC_TESTS, 0.25, source=FactSource.DECLARED)

    long_enough = (today - here_since).days / YEAR >= 4
    if long_enough and (tolerated or pathway in ("long_term", "protection")) and rng.random() < 0.35:
        declared = _day(rng, max(here_since, today - days(2 * YEAR)), today)
        facts.append(Commitment(kind=CommitmentKind.FDGO, declared_on=declared, source=FactSource.DOCUMENT_SHOWN,
                                source_date=declared))
        if not tolerated and declared >= _HISTORICAL_RESPONSIBILITY_SINCE and rng.random() < 0.8:
            facts.append(Commitment(kind=CommitmentKind.HISTORICAL_RESPONSIBILITY, declared_on=declared,
                                    source=FactSource.DOCUMENT_SHOWN, source_date=declared))
    _removal(rng, member, facts, today, here_since, status == stories.DULDUNG)


def _removal(rng: random.Random, member: MemberPlan, facts: list[Any], today: date, here_since: date,
             tolerated: bool) -> None:
    """The office knows the orders it issued; for tolerated persons it also states whether they obstruct
    their removal."""
    stated = _day(rng, max(here_since, today - days(YEAR)), today)
    serious = [f.since or here_since for f in facts if isinstance(f, ExpulsionInterest) and f.particularly_serious]
    if serious and rng.random() < 0.6:
        issued = min(stated, _day(rng, max(serious), stated))
        facts.append(ExpulsionOrder(exists=True, kind=ExpulsionOrderKind.EXPULSION, issued_on=issued,
                                    source=FactSource.VERIFIED, source_date=stated))
    elif rng.random() < 0.7:
        facts.append(ExpulsionOrder(exists=False, source=FactSource.VERIFIED, source_date=stated))
    if tolerated and rng.random() < 0.65:
        unclear = bool(member.story.flags.get("identity_unclear"))
        deception = (rng.random() < 0.25) if unclear else (True if rng.random() < 0.03 else False)
        facts.append(RemovalObstruction(
            false_statements_or_deception=deception,
            non_cooperation=(rng.random() < 0.3) if unclear else (None if rng.random() < 0.2 else False),
            repeated=None, source=FactSource.VERIFIED, source_date=stated,
        ))


def family_checks(members: list[MemberPlan], relations: list[tuple], today: date) -> None:
    """Adults without a spouse or children on file: the registration office's data say so, for most."""
    with_spouse = {i for a, b, kind, *_ in relations if kind in (RelationKind.SPOUSE, RelationKind.PARTNER)
                   for i in (a, b)}
    parents = {a for a, _b, kind, *_ in relations if kind == RelationKind.PARENT}
    for index, member in enumerate(members):
        if member.role == "child" or (today - member.birth).days < 18 * YEAR:
            continue
        rng = random.Random(f"family:{member.person.file_number}:{today.isoformat()}")
        checked_on = _day(rng, max(member.entry or member.birth, today - days(YEAR)), today)
        note = "Melderegister und Angaben der Person"
        if index not in with_spouse and rng.random() < 0.7:
            member.facts.append(ListCheck(subject=CheckedList.SPOUSE, checked_on=checked_on,
                                          source=FactSource.DECLARED, note=note))
        if index not in parents and rng.random() < 0.6:
            member.facts.append(ListCheck(subject=CheckedList.CHILDREN, checked_on=checked_on,
                                          source=FactSource.DECLARED, note=note))


