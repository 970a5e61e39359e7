"""§ 60d AufenthG – Beschäftigungsduldung (pathway ``aufenthg_60d``): thresholds, scenarios, versions.

Every assessment runs at both speeds (scalar ``assess_record`` and vectorised ``evaluate_frame``); the two must
agree on outcome and earliest date.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import evaluate_frame, frame_from_records

P = PATHWAYS["aufenthg_60d"]
AS_OF = "2026-11-23"


def situation(as_of: str = AS_OF, entry: str = "2019-05-01", since: str = "2024-06-01", hours: float = 25,
              duldung_from: str = "2021-01-01", clarified_on: str = "2020-01-15", **over: Any) -> dict:
    """A tolerated employee who meets every condition of § 60d Abs. 1 (current version) on ``as_of``; ``since``
    is the start of employment and of the livelihood secured by it."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1990-05-05"},
        "entries": [{"date": entry, "first_entry": True}],
        "residence": [{"status": "duldung", "duldung_kind": "60a", "valid_from": duldung_from, "valid_until": None}],
        "stays_abroad": [],
        "identity": {"status": "clarified", "clarified_on": clarified_on},
        "identity_steps": [],
        "employment": [{"kind": "employed", "starts_on": since, "hours_per_week": hours, "social_insurance": True}],
        "livelihood": [{"period_from": since, "secured": "fully", "by_employment": True, "benefits": "none"}],
        "language_certificates": [{"level": "A2", "scope": "oral", "issued_on": "2019-03-01"}],
        "convictions": [], "extremism_indications": [], "expulsion_order": False,
        "household": {"has_spouse": False, "single_parent": False, "children": []},
        "integration_course": {"obliged": True, "status": "completed"},
        "judgements": [],
    }
    doc.update(copy.deepcopy(over))
    return doc


def old(as_of: str = "2023-06-01", **over: Any) -> dict:
    """The same person under the version of 01.01.2020 – 26.02.2024 (entry by 01.08.2018, 18 months, 35 hours)."""
    base: dict[str, Any] = {"entry": "2017-05-01", "since": "2021-06-01", "hours": 38, "duldung_from": "2019-01-01",
                            "clarified_on": "2019-01-15"}
    base.update(over)
    return situation(as_of=as_of, **base)


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2020-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}"[-64:], "kind": kind, "subject": subject, "value": value, "recorded_on": on}


def run(doc: dict) -> dict:
    """Scalar assessment, checked against the vectorised one (outcome and earliest date)."""
    rec = normalise(doc)
    scalar = assess_record(rec, [P])["pathways"][0]
    wide = evaluate_frame(frame_from_records([rec]), rec["as_of"], [P])
    earliest = wide.get_column(f"{P.id}.earliest_date")[0]
    assert wide.get_column(f"{P.id}.outcome")[0] == scalar["outcome"]
    assert (earliest.isoformat() if earliest else None) == scalar["earliest_date"]
    return scalar


def result(a: dict, cond: str) -> str:
    return next(c["result"] for c in a["conditions"] if c["id"] == cond)


def test_base_case_is_eligible():
    a = run(situation())
    assert a["outcome"] == "eligible" and a["legal_nature"] == "regel"


# --- (1) boundaries ------------------------------------------------------------------------------------------------

def test_twelve_months_employment_day_before_and_day_of():
    """§ 60d Abs. 1 Nr. 3 and 4: twelve months of employment (and of livelihood secured by it), § 188 Abs. 2 BGB."""
    before = run(situation(as_of="2026-11-22", since="2025-11-23"))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    assert result(before, "beschaeftigung") == "not_met"
    on = run(situation(as_of="2026-11-23", since="2025-11-23"))
    assert on["outcome"] == "eligible" and result(on, "beschaeftigung") == "met"


@pytest.mark.parametrize(("hours", "outcome"), [(19.5, "not_eligible"), (20, "eligible")])
def test_twenty_hours_a_week(hours, outcome):
    """§ 60d Abs. 1 Nr. 3 (since 27.02.2024): at least 20 hours a week."""
    assert run(situation(hours=hours))["outcome"] == outcome


@pytest.mark.parametrize(("hours", "single", "outcome"), [
    (34.5, False, "not_eligible"), (35, False, "eligible"), (20, True, "eligible"), (19.5, True, "not_eligible"),
])
def test_old_hours_35_single_parents_20(hours, single, outcome):
    """§ 60d Abs. 1 Nr. 3 a. F.: 35 hours a week, single parents 20."""
    doc = old(hours=hours, household={"has_spouse": False, "single_parent": single, "children": []})
    assert run(doc)["outcome"] == outcome


def test_old_eighteen_months_day_before_and_day_of():
    """§ 60d Abs. 1 Nr. 3 a. F.: 18 months of employment."""
    before = run(old(as_of="2023-05-31", since="2021-12-01"))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2023-06-01"
    assert run(old(as_of="2023-06-01", since="2021-12-01"))["outcome"] == "eligible"


def test_twelve_months_duldung_day_before_and_day_of():
    """§ 60d Abs. 1 Nr. 2: at least twelve months in possession of a Duldung."""
    before = run(situation(as_of="2026-11-22", duldung_from="2025-11-23"))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    assert result(before, "duldung_12_monate") == "not_met"
    assert run(situation(as_of="2026-11-23", duldung_from="2025-11-23"))["outcome"] == "eligible"


@pytest.mark.parametrize(("entry", "outcome"), [("2022-12-31", "eligible"), ("2023-01-01", "not_eligible")])
def test_entry_cutoff_2022(entry, outcome):
    """§ 60d Abs. 1 (since 27.02.2024): entered by 31.12.2022."""
    a = run(situation(entry=entry, clarified_on="2024-01-01"))
    assert a["outcome"] == outcome
    assert result(a, "einreise") == ("met" if outcome == "eligible" else "not_met")


@pytest.mark.parametrize(("entry", "outcome"), [("2018-08-01", "eligible"), ("2018-08-02", "not_eligible")])
def test_entry_cutoff_2018_old(entry, outcome):
    """§ 60d Abs. 1 a. F.: entered by 01.08.2018."""
    assert run(old(entry=entry))["outcome"] == outcome


@pytest.mark.parametrize(("clarified", "outcome"), [("2024-12-31", "eligible"), ("2025-01-01", "not_eligible")])
def test_identity_deadline_31_12_2024(clarified, outcome):
    """§ 60d Abs. 1 Nr. 1 b: entry 2017–2022 – identity clarified by 31.12.2024 (application after that date)."""
    a = run(situation(clarified_on=clarified))
    assert a["outcome"] == outcome
    if outcome == "not_eligible":
        assert result(a, "identitaet_frist") == "not_met"
        assert any(g["condition"] == "identitaet_frist" and g["kind"] == "exclusion" for g in a["missing"])


@pytest.mark.parametrize(("clarified", "outcome"), [("2024-06-01", "eligible"), ("2024-06-02", "not_eligible")])
def test_identity_by_earlier_application(clarified, outcome):
    """§ 60d Abs. 1 Nr. 1 b: an application before 31.12.2024 moves the deadline to the application."""
    doc = situation(as_of="2024-07-01", since="2023-01-01", clarified_on=clarified, application_date="2024-06-01")
    assert run(doc)["outcome"] == outcome


@pytest.mark.parametrize(("entry", "outcome"), [("2016-12-31", "eligible"), ("2017-01-01", "not_eligible")])
def test_identity_grading_by_entry_31_12_2016(entry, outcome):
    """§ 60d Abs. 1 Nr. 1 a/b: entry by 31.12.2016 – identity by the application (here: today), later entry – by
    31.12.2024."""
    assert run(situation(entry=entry, clarified_on="2026-11-01"))["outcome"] == outcome


def test_identity_not_yet_clarified_is_remediable_for_early_entry():
    """§ 60d Abs. 1 Nr. 1 a: with entry by 31.12.2016 the identity can still be clarified before applying."""
    a = run(situation(entry="2015-01-01", identity={"status": "not_clarified"}))
    assert a["outcome"] == "not_eligible"
    gap = next(g for g in a["missing"] if g["condition"] == "identitaet")
    assert gap["kind"] == "achievement"


@pytest.mark.parametrize(("clarified", "outcome"), [("2020-06-30", "eligible"), ("2020-07-01", "not_eligible")])
def test_old_identity_deadline_30_06_2020(clarified, outcome):
    """§ 60d Abs. 1 Nr. 1 c a. F.: entry 2017 – 01.08.2018: identity by 30.06.2020."""
    assert run(old(clarified_on=clarified))["outcome"] == outcome


@pytest.mark.parametrize(("employed_on_2020", "outcome"), [(True, "eligible"), (False, "not_eligible")])
def test_old_identity_entry_2016_graded_by_employment_on_1_1_2020(employed_on_2020, outcome):
    """§ 60d Abs. 1 Nr. 1 a, b a. F.: entry by 31.12.2016 – with an employment on 01.01.2020 identity by the
    application, without one by 30.06.2020."""
    since = "2019-12-01" if employed_on_2020 else "2020-01-02"
    doc = old(entry="2016-06-01", since=since, clarified_on="2022-03-01")
    assert run(doc)["outcome"] == outcome


# --- (2) scenarios from the statute text -----------------------------------------------------------------------------

def test_scenario_intentional_conviction_excludes():
    """§ 60d Abs. 1 Nr. 7: a conviction for an intentional offence excludes."""
    doc = situation(convictions=[{"decided_on": "2023-01-01", "intentional": True, "daily_rates": 30,
                                  "immigration_only_offence": False}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "straffreiheit") == "not_met"


@pytest.mark.parametrize(("rates", "outcome"), [(90, "eligible"), (91, "not_eligible")])
def test_scenario_foreigner_only_fine_disregarded(rates, outcome):
    """§ 60d Abs. 1 Nr. 7 with § 32 Abs. 2 Nr. 5 a BZRG: fines up to 90 daily rates for offences only foreigners can
    commit are in principle disregarded."""
    doc = situation(convictions=[{"decided_on": "2023-01-01", "intentional": True, "daily_rates": rates,
                                  "immigration_only_offence": True}])
    assert run(doc)["outcome"] == outcome


def test_scenario_spouse_conviction_excludes():
    """§ 60d Abs. 1 Nr. 7: the spouse must not be convicted either."""
    household = {"has_spouse": True, "single_parent": False, "children": [],
                 "spouse": {"lives_together": True, "convictions": [
                     {"decided_on": "2022-01-01", "intentional": True, "prison_months": 6, "suspended": True}]}}
    assert run(situation(household=household))["outcome"] == "not_eligible"


def test_scenario_expulsion_order_excludes():
    """§ 60d Abs. 1 Nr. 9: no expulsion order and no § 58a removal order."""
    a = run(situation(expulsion_order=True))
    assert a["outcome"] == "not_eligible" and result(a, "keine_ausweisung") == "not_met"


@pytest.mark.parametrize(("proven", "outcome"), [(False, "not_eligible"), (True, "eligible")])
def test_scenario_school_attendance_of_children(proven, outcome):
    """§ 60d Abs. 1 Nr. 10: actual school attendance of school-age children must be proven."""
    household = {"has_spouse": False, "single_parent": False, "children": [
        {"birth_date": "2015-04-01", "unmarried": True, "lives_together": True, "school_attendance_proven": proven}]}
    assert run(situation(household=household))["outcome"] == outcome


def test_scenario_integration_course_breaking_off_needs_judgement():
    """§ 60d Abs. 1 Nr. 11: obliged to attend and not completed – only harmless if not attributable (judgement)."""
    course = {"obliged": True, "status": "attended"}
    a = run(situation(integration_course=course))
    assert a["outcome"] == "undetermined" and result(a, "integrationskurs") == "judgement"
    ok = run(situation(integration_course=course,
                       judgements=[judgement("other", "aufenthg_60d.integrationskurs")]))
    assert ok["outcome"] == "eligible"
    assert run(situation(integration_course={"obliged": True, "status": "enrolled"}))["outcome"] == "not_eligible"


def test_scenario_atypical_case():
    """§ 60d Abs. 1 („in der Regel“): a recorded atypical case stops the grant as a rule."""
    doc = situation(judgements=[judgement("atypical_case", "aufenthg_60d")])
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_identity_steps_judged():
    """§ 60d Abs. 1 Nr. 1 Halbs. 2 and Abs. 4: all reasonable identity steps taken – the case worker decides."""
    ident = {"status": "not_clarified"}
    steps = [{"kind": "embassy_appointment", "taken_on": "2024-03-01"}]
    a = run(situation(identity=ident, identity_steps=steps))
    assert a["outcome"] == "undetermined" and result(a, "identitaet_frist") == "judgement"
    ok = run(situation(identity=ident, identity_steps=steps,
                       judgements=[judgement("identity_steps_sufficient", "aufenthg_60d.identitaet")]))
    assert ok["outcome"] == "eligible"
    no = run(situation(identity=ident, identity_steps=steps, judgements=[
        judgement("identity_steps_sufficient", "aufenthg_60d.identitaet", "negative")]))
    assert no["outcome"] == "not_eligible"


def test_scenario_60b_periods_do_not_count():
    """§ 60d Abs. 1 Nr. 2 with § 60b Abs. 5 S. 1: time with a Duldung for persons with unclear identity does not
    count as prior Duldung."""
    residence = [
        {"status": "duldung", "duldung_kind": "60b", "valid_from": "2021-01-01", "valid_until": "2026-05-31"},
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2026-06-01", "valid_until": None},
    ]
    a = run(situation(residence=residence))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2027-06-01"


def test_scenario_harmless_interruption_of_employment():
    """§ 60d Abs. 1 Nr. 3, Abs. 3 S. 2: a short interruption is only bridged on the case worker's judgement."""
    employment = [
        {"kind": "employed", "starts_on": "2025-06-01", "ends_on": "2026-02-28", "hours_per_week": 25,
         "social_insurance": True},
        {"kind": "employed", "starts_on": "2026-04-01", "hours_per_week": 25, "social_insurance": True},
    ]
    livelihood = [{"period_from": "2025-06-01", "secured": "fully", "by_employment": True}]
    a = run(situation(employment=employment, livelihood=livelihood))
    assert a["outcome"] == "undetermined" and result(a, "beschaeftigung") == "judgement"
    ok = run(situation(employment=employment, livelihood=livelihood,
                       judgements=[judgement("harmless_interruption", "aufenthg_60d.beschaeftigung")]))
    assert ok["outcome"] == "eligible"
    no = run(situation(employment=employment, livelihood=livelihood, judgements=[
        judgement("harmless_interruption", "aufenthg_60d.beschaeftigung", "negative")]))
    assert no["outcome"] == "eligible_later" and no["earliest_date"] == "2027-04-01"


@pytest.mark.parametrize(("since", "outcome"), [("2025-06-01", "eligible"), ("2025-06-02", "not_eligible")])
def test_scenario_livelihood_twelve_months_before_recorded_application(since, outcome):
    """§ 60d Abs. 1 Nr. 4: livelihood secured by the employment in the twelve months before the application."""
    livelihood = [{"period_from": since, "secured": "fully", "by_employment": True}]
    doc = situation(application_date="2026-06-01", livelihood=livelihood, since="2025-01-01")
    assert run(doc)["outcome"] == outcome


def test_scenario_oral_german_a1_not_enough():
    """§ 60d Abs. 1 Nr. 6, § 2 Abs. 10: sufficient oral German is A2."""
    doc = situation(language_certificates=[{"level": "A1", "scope": "complete", "issued_on": "2020-01-01"}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "deutsch_a2_muendlich") == "not_met"


def test_scenario_unknown_spouse_makes_it_undetermined():
    """§ 60d Abs. 1 Nr. 7: whether there is a spouse is unknown – the engine does not guess."""
    assert run(situation(household={"single_parent": False, "children": []}))["outcome"] == "undetermined"


# --- (3) versions ------------------------------------------------------------------------------------------------------

def test_version_not_in_force_before_2020():
    """§ 60d in force from 01.01.2020 (Gesetz über Duldung bei Ausbildung und Beschäftigung)."""
    doc = old(since="2018-01-01", duldung_from="2018-01-01", clarified_on="2018-01-01")
    assert run({**doc, "as_of": "2019-12-31"})["outcome"] == "not_in_force"
    assert run({**doc, "as_of": "2020-01-01"})["outcome"] == "eligible"


def test_version_sunset_31_12_2023_and_its_repeal():
    """§ 60d a. F. applied until 31.12.2023; the time limit was repealed with effect from 23.12.2023."""
    last_day = run(old(as_of="2023-12-22", duldung_from="2022-12-31"))  # twelve months of Duldung on 31.12.2023
    assert last_day["outcome"] == "eligible_later" and last_day["earliest_date"] == "2023-12-31"
    too_late = run(old(as_of="2023-12-22", duldung_from="2023-01-01"))  # ... on 01.01.2024
    assert too_late["outcome"] == "not_eligible" and too_late["earliest_date"] is None
    doc = old(since="2022-07-01")  # 18 months reached on 01.01.2024
    before = run({**doc, "as_of": "2023-12-22"})
    assert before["outcome"] == "not_eligible" and result(before, "befristung") == "not_met"
    assert any(g["condition"] == "befristung" and g["kind"] == "exclusion" for g in before["missing"])
    after = run({**doc, "as_of": "2023-12-23"})
    assert after["outcome"] == "eligible_later" and after["earliest_date"] == "2024-01-01"
    assert all(c["id"] != "befristung" for c in after["conditions"])


def test_version_rueckfverbg_27_02_2024():
    """RückfVerbG: from 27.02.2024 entry by 31.12.2022, twelve months, 20 hours; identity by 31.12.2024."""
    doc = situation(entry="2019-05-01", since="2023-01-01", hours=25, clarified_on="2024-01-01")
    before = run({**doc, "as_of": "2024-02-26"})
    assert before["outcome"] == "not_eligible"
    assert result(before, "einreise") == "not_met" and result(before, "beschaeftigung") == "not_met"
    assert any(c["id"] == "identitaet_frist_2020" for c in before["conditions"])
    on = run({**doc, "as_of": "2024-02-27"})
    assert on["outcome"] == "eligible"
    assert any(c["id"] == "identitaet" for c in on["conditions"])
    assert on["law_version"] == {"valid_from": "2024-02-27", "valid_until": None}
