"""The safeguard rules alone (plain Python): every rule at its boundaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from wegweiser.measures.safeguards import (
    CertificateFacts,
    PathwayChance,
    PersonFacts,
    PerspectiveCheck,
    PlaceKind,
    PlanFacts,
    Relation,
    RelationKind,
    build,
    evaluate,
)
from wegweiser.measures.safeguards.rules import BERLIN, LAW_60A_2C, night_overlap

DAY = date(2026, 9, 10)
ADULT = PersonFacts(1, "Haddad, Rami", date(1990, 1, 1), date(1990, 1, 1))
SPOUSE = PersonFacts(2, "Haddad, Lina", date(1992, 5, 5), date(1992, 5, 5))


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), BERLIN)


def facts(*affected: PersonFacts, start: datetime | None = None, end: datetime | None = None, **kw) -> PlanFacts:
    return PlanFacts(
        affected=affected or (ADULT,), window_start=start or at(DAY, 8), window_end=end or at(DAY, 10),
        place_kind=kw.pop("place_kind", PlaceKind.HOME), evaluated_on=DAY,
        perspective=kw.pop("perspective", PerspectiveCheck(checked_on=DAY)), counselled=frozenset({1, 2, 3}), **kw)


def result(f: PlanFacts, rule_id: str):
    return next(r for r in evaluate(f) if r.rule_id == rule_id)


def child(age_on_day: int, pid: int = 3, *, birthday_offset_days: int = 0) -> PersonFacts:
    born = date(DAY.year - age_on_day, DAY.month, DAY.day)
    from datetime import timedelta

    born = born + timedelta(days=birthday_offset_days)
    return PersonFacts(pid, f"Kind {pid}", born, born)


# --- night rule ----------------------------------------------------------------------------------------------

MINOR = child(10)


@pytest.mark.parametrize(("start", "end", "outcome"), [
    ((DAY, 20, 0), (DAY, 21, 59), "ok"),       # end 21:59
    ((DAY, 20, 0), (DAY, 22, 0), "ok"),        # end 22:00 (exclusive) touches no night minute
    ((DAY, 20, 0), (DAY, 22, 1), "blocked"),   # one minute of night
    ((DAY, 21, 59), (DAY, 23, 0), "blocked"),  # start 21:59, runs into the night
    ((DAY, 22, 0), (DAY, 23, 0), "blocked"),   # start 22:00
    ((DAY, 5, 59), (DAY, 8, 0), "blocked"),    # start 05:59
    ((DAY, 6, 0), (DAY, 8, 0), "ok"),          # start 06:00
    ((DAY, 5, 0), (DAY, 5, 59), "blocked"),    # end 05:59
    ((DAY, 5, 0), (DAY, 6, 0), "blocked"),     # end 06:00, but starts in the night
    ((DAY, 21, 0), (DAY, 21, 59), "ok"),
])
def test_night_boundaries_unna(start, end, outcome):
    f = facts(ADULT, MINOR, start=at(*start), end=at(*end))
    assert result(f, "night_minor").outcome == outcome


def test_night_rule_ignores_adults_only_plans():
    f = facts(ADULT, start=at(DAY, 23), end=at(DAY, 23, 30))
    assert result(f, "night_minor").outcome == "ok"


def test_night_overlap_across_midnight_and_dst():
    # a window 06:00 day 1 to 06:00 day 2 contains the whole night
    assert night_overlap(at(DAY, 6), at(date(2026, 9, 11), 6), time(22), time(6)) is not None
    # DST end (25.10.2026): 06:00 local still ends the night
    assert night_overlap(at(date(2026, 10, 25), 6), at(date(2026, 10, 25), 9), time(22), time(6)) is None
    # an instant given in UTC is judged in Berlin time: 04:30 UTC = 06:30 CEST
    from datetime import UTC

    assert night_overlap(datetime(2026, 9, 10, 4, 30, tzinfo=UTC), datetime(2026, 9, 10, 6, tzinfo=UTC),
                         time(22), time(6)) is None


@pytest.mark.parametrize(("age", "offset", "outcome"), [
    (17, 0, "blocked"),   # 17 on the planned day (turns 18 a year later)
    (18, 0, "ok"),        # birthday on the planned day: 18 from 00:00
    (18, 1, "blocked"),   # 18th birthday the day after the planned date: still 17
])
def test_night_rule_age_on_planned_date(age, offset, outcome):
    f = facts(child(age, birthday_offset_days=offset), start=at(DAY, 22, 30), end=at(DAY, 23))
    assert result(f, "night_minor").outcome == outcome


def test_unknown_or_partial_birth_date_counts_as_possibly_minor():
    unknown = PersonFacts(3, "Unbekannt")
    partial = PersonFacts(4, "Teilweise", date(2008, 1, 1), date(2008, 12, 31))  # "00.00.2008": 17 or 18 on DAY
    for p in (unknown, partial):
        assert result(facts(p, start=at(DAY, 22), end=at(DAY, 23)), "night_minor").outcome == "blocked"


def test_nrw_preset_under_14_and_from_21():
    nrw = build("nrw_erlass")
    thirteen, fourteen = child(13), child(14)
    assert result(facts(thirteen, start=at(DAY, 20), end=at(DAY, 21, 1), config=nrw), "night_minor").outcome == "blocked"
    assert result(facts(thirteen, start=at(DAY, 20), end=at(DAY, 21), config=nrw), "night_minor").outcome == "ok"
    assert result(facts(fourteen, start=at(DAY, 21), end=at(DAY, 23), config=nrw), "night_minor").outcome == "ok"
    r = result(facts(thirteen, start=at(DAY, 21), end=at(DAY, 22), config=nrw), "night_minor")
    assert r.outcome == "blocked" and "Zu prüfen" in r.citation
    # Unna: 21:00–22:00 is not night
    assert result(facts(thirteen, start=at(DAY, 21), end=at(DAY, 22)), "night_minor").outcome == "ok"


def test_missing_or_reversed_window_blocks():
    f = replace(facts(ADULT), window_start=None)
    assert result(f, "night_minor").outcome == "blocked"
    assert result(facts(ADULT, start=at(DAY, 10), end=at(DAY, 9)), "night_minor").outcome == "blocked"


def test_citations_name_the_seed():
    for r in evaluate(facts(ADULT)):
        assert "Kreis Unna, Vereinbarung vom 02.03.2023" in r.citation, r.rule_id


# --- family ---------------------------------------------------------------------------------------------------


def parent_child(has_custody=True, child_age=10):
    kid = child(child_age)
    return kid, Relation(RelationKind.PARENT, ADULT.id, kid.id, has_custody)


def test_spouse_left_out_blocks_and_both_in_is_ok():
    rel = (Relation(RelationKind.SPOUSE, ADULT.id, SPOUSE.id),)
    r = result(facts(ADULT, relatives=(SPOUSE,), relations=rel), "family_unity")
    assert r.outcome == "blocked" and "Haddad, Lina" in r.reason_de and r.hard
    assert result(facts(ADULT, SPOUSE, relations=rel), "family_unity").outcome == "ok"


@pytest.mark.parametrize(("age", "outcome"), [(17, "blocked"), (18, "ok")])
def test_child_left_out_by_age(age, outcome):
    kid, rel = parent_child(child_age=age)
    assert result(facts(ADULT, relatives=(kid,), relations=(rel,)), "family_unity").outcome == outcome


def test_minor_child_without_custodial_parent_blocks():
    kid, rel = parent_child()
    assert result(facts(kid, relatives=(ADULT,), relations=(rel,)), "family_unity").outcome == "blocked"


def test_parent_without_custody_is_not_a_separation_but_unknown_custody_is():
    kid, rel = parent_child(has_custody=False)
    assert result(facts(ADULT, relatives=(kid,), relations=(rel,)), "family_unity").outcome == "ok"
    kid, rel = parent_child(has_custody=None)
    r = result(facts(ADULT, relatives=(kid,), relations=(rel,)), "family_unity")
    assert r.outcome == "blocked" and "Sorgerecht nicht erfasst" in r.reason_de


def test_partner_left_out_warns_and_can_be_made_hard():
    rel = (Relation(RelationKind.PARTNER, ADULT.id, SPOUSE.id),)
    f = facts(ADULT, relatives=(SPOUSE,), relations=rel)
    assert result(f, "partner_unity").outcome == "warning"
    assert result(f, "family_unity").outcome == "ok"
    hard = replace(f, config=build(hard_warnings={"partner_unity"}))
    assert result(hard, "partner_unity").outcome == "blocked"


# --- place ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "institution", "check"), [
    (PlaceKind.HOME, "ok", "ok"),
    (PlaceKind.HOSPITAL, "blocked", "ok"),
    (PlaceKind.SOCIAL_INSTITUTION, "blocked", "ok"),
    (PlaceKind.SCHOOL, "ok", "warning"),
    (PlaceKind.SHARED_ACCOMMODATION, "ok", "ok"),
    (PlaceKind.OTHER, "ok", "warning"),
    ("", "blocked", "ok"),
])
def test_each_place_kind(kind, institution, check):
    f = facts(ADULT, place_kind=kind)
    assert result(f, "institution").outcome == institution
    assert result(f, "place_check").outcome == check


# --- certificates ---------------------------------------------------------------------------------------------


def cert(issued_on: date, *, unfit=True, qualification="Facharzt für Psychiatrie", set_aside=("", "")) -> CertificateFacts:
    return CertificateFacts(1, ADULT.id, "Dr. Weber", qualification, issued_on, unfit, "Diagnose F43.1 (ICD-10) …",
                            set_aside[0], set_aside[1])


@pytest.mark.parametrize(("age_days", "unfit", "review"), [
    (0, "blocked", "ok"),
    (90, "blocked", "ok"),        # exactly the maximum: still current
    (91, "ok", "warning"),        # one day older: flagged for review, not ignored
    (400, "ok", "warning"),
])
def test_unfit_certificate_ages(age_days, unfit, review):
    from datetime import timedelta

    f = facts(ADULT, certificates=(cert(DAY - timedelta(days=age_days)),))
    assert result(f, "unfit_certificate").outcome == unfit
    r = result(f, "certificate_review")
    assert r.outcome == review
    if review == "warning":
        assert "älter als 90 Tage" in r.reason_de


def test_certificate_age_is_an_office_setting():
    from datetime import timedelta

    f = facts(ADULT, certificates=(cert(DAY - timedelta(days=20)),), config=build(certificate_max_age_days=14))
    assert result(f, "unfit_certificate").outcome == "ok"
    assert result(f, "certificate_review").outcome == "warning"


def test_set_aside_certificate_no_longer_blocks_and_citation_names_60a():
    f = facts(ADULT, certificates=(cert(DAY, set_aside=("Dr. Amt", "Gutachten Gesundheitsamt vom …")),))
    r = result(f, "unfit_certificate")
    assert r.outcome == "ok" and "beiseitegelegt von Dr. Amt" in r.reason_de
    assert LAW_60A_2C in r.citation and "19.08.2026" in r.citation
    # a set-aside needs both who and why
    half = facts(ADULT, certificates=(cert(DAY, set_aside=("Dr. Amt", " ")),))
    assert result(half, "unfit_certificate").outcome == "blocked"


def test_unqualified_unfit_certificate_is_flagged_not_ignored():
    f = facts(ADULT, certificates=(cert(DAY, qualification=""),))
    assert result(f, "unfit_certificate").outcome == "ok"
    r = result(f, "certificate_review")
    assert r.outcome == "warning" and "qualification" in r.reason_de


def test_fit_certificate_old_is_flagged():
    f = facts(ADULT, certificates=(cert(date(2026, 1, 1), unfit=False),))
    assert result(f, "unfit_certificate").outcome == "ok"
    assert result(f, "certificate_review").outcome == "warning"


def test_certificates_of_persons_not_in_plan_do_not_count():
    other = replace(cert(DAY), person_id=99)
    assert result(facts(ADULT, certificates=(other,)), "unfit_certificate").outcome == "ok"


# --- force, perspectives, counselling ---------------------------------------------------------------------------


def test_force_needs_written_reason():
    assert result(facts(ADULT), "force_proportionality").outcome == "ok"
    assert result(facts(ADULT, force_planned=True), "force_proportionality").outcome == "blocked"
    assert result(facts(ADULT, force_planned=True, force_reason="  "), "force_proportionality").outcome == "blocked"
    assert result(facts(ADULT, force_planned=True, force_reason="Widerstand angekündigt"),
                  "force_proportionality").outcome == "ok"


@pytest.mark.parametrize(("outcome", "earliest", "expected"), [
    ("eligible", None, "blocked"),
    ("undetermined", None, "blocked"),
    ("eligible_later", date(2027, 3, 10), "blocked"),   # exactly 6 months after the check
    ("eligible_later", date(2027, 3, 11), "ok"),        # later than 6 months
    ("eligible_later", None, "blocked"),                # no date known: cautious
    ("not_eligible", None, "ok"),
])
def test_staying_perspective_chances(outcome, earliest, expected):
    check = PerspectiveCheck(DAY, chances=(PathwayChance(1, "p25b", "§ 25b AufenthG", outcome, earliest),))
    assert result(facts(ADULT, perspective=check), "staying_perspective").outcome == expected
    if expected == "blocked":
        r = result(facts(ADULT, perspective=check, perspective_reason="Identität trotz Beratung ungeklärt"),
                   "staying_perspective")
        assert r.outcome == "ok" and "§ 25b" in r.reason_de


def test_staying_perspective_not_checked_or_unassessable_blocks():
    assert result(facts(ADULT, perspective=None), "staying_perspective").outcome == "blocked"
    unassessable = PerspectiveCheck(DAY, unassessable=(1,))
    assert result(facts(ADULT, perspective=unassessable), "staying_perspective").outcome == "blocked"


def test_staying_perspective_is_first():
    assert evaluate(facts(ADULT))[0].rule_id == "staying_perspective"


def test_counselling_missing_warns_and_minor_is_covered_by_parent():
    kid, rel = parent_child()
    f = replace(facts(ADULT, kid, relations=(rel,)), counselled=frozenset())
    r = result(f, "voluntary_departure_counselling")
    assert r.outcome == "warning" and ADULT.name in r.reason_de
    assert result(replace(f, counselled=frozenset({ADULT.id})), "voluntary_departure_counselling").outcome == "ok"
