"""§ 26 Abs. 4 AufenthG with § 9 Abs. 2 S. 1 (pathway ``aufenthg_26_4``): thresholds, scenarios, versions.

Every assessment is run at both speeds (scalar ``assess_record`` and vectorised ``evaluate_frame``) and the two
must agree on outcome and earliest date.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import evaluate_frame, frame_from_records

P = PATHWAYS["aufenthg_26_4"]
AS_OF = "2026-11-23"


def situation(as_of: str = AS_OF, permit_from: str = "2021-11-23", basis: str = "aufenthg_25_5", **over: Any) -> dict:
    """A humanitarian permit holder who meets every condition of § 9 Abs. 2 S. 1 on ``as_of``."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1990-05-05"},
        "residence": [{"status": "aufenthaltserlaubnis", "legal_basis": basis, "valid_from": permit_from,
                       "valid_until": None}],
        "stays_abroad": [],
        "livelihood": [{"period_from": "2015-01-01", "secured": "fully", "benefits": "none"}],
        "pension": {"months": 60, "as_of": as_of},
        "language_certificates": [{"level": "B1", "scope": "complete", "issued_on": "2015-03-01"}],
        "civic_tests": [{"kind": "lid", "passed": True, "taken_on": "2015-03-01"}],
        "housing": {"adequate": True},
        "convictions": [], "expulsion_interests": [],
        "identity": {"status": "clarified"},
        "passports": [{"kind": "national", "valid_until": "2031-01-01"}],
        "household": {"has_spouse": False},
        "integration_course": {"status": "not_obliged"},
        "health_exemptions": [], "school_attendance": [], "vocational_training": [], "university_studies": [],
        "judgements": [],
    }
    doc.update(copy.deepcopy(over))
    return doc


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2015-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}", "kind": kind, "subject": subject, "value": value, "recorded_on": on}


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


# --- (1) boundaries -----------------------------------------------------------------------------------------------

def test_five_years_day_before_and_day_of():
    """§ 9 Abs. 2 S. 1 Nr. 1: five years of permit are reached on the anniversary (§ 188 Abs. 2 BGB)."""
    before = run(situation(as_of="2026-11-22", pension={"months": 60}))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    on = run(situation(as_of="2026-11-23"))
    assert on["outcome"] == "eligible" and on["earliest_date"] == "2026-11-23"


def test_asylum_procedure_counts_towards_five_years():
    """§ 26 Abs. 4 S. 3: the asylum procedure before the permit counts, in derogation of § 55 Abs. 3 AsylG."""
    residence = [
        {"status": "aufenthaltsgestattung", "valid_from": "2021-11-23", "valid_until": "2023-02-28"},
        {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25_3", "valid_from": "2023-03-01",
         "valid_until": None},
    ]
    assert run(situation(residence=residence))["outcome"] == "eligible"
    residence[0]["valid_from"] = "2021-11-24"
    later = run(situation(residence=residence))
    assert later["outcome"] == "eligible_later" and later["earliest_date"] == "2026-11-24"


def test_duldung_does_not_count():
    """§ 9 Abs. 2 S. 1 Nr. 1 („die Aufenthaltserlaubnis besitzt“): Duldung time is not permit time."""
    residence = [
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2018-01-01", "valid_until": "2023-02-28"},
        {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25b", "valid_from": "2023-03-01",
         "valid_until": None},
    ]
    a = run(situation(residence=residence))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2028-03-01"


@pytest.mark.parametrize(("months", "outcome"), [(59, "not_eligible"), (60, "eligible")])
def test_sixty_months_of_contributions(months, outcome):
    """§ 9 Abs. 2 S. 1 Nr. 3: at least 60 months of pension contributions."""
    a = run(situation(pension={"months": months}))
    assert a["outcome"] == outcome
    assert result(a, "rentenbeitraege") == ("met" if months >= 60 else "not_met")


@pytest.mark.parametrize(("months", "outcome"), [(59, "not_eligible"), (60, "eligible")])
def test_spouse_contributions_suffice(months, outcome):
    """§ 9 Abs. 3 S. 1 and 3: for spouses living together the contributions of one suffice."""
    household = {"has_spouse": True, "spouse": {"lives_together": True, "pension_months": months}}
    assert run(situation(pension={"months": 10}, household=household))["outcome"] == outcome


def test_contributions_waived_in_education():
    """§ 9 Abs. 3 S. 2: waived while in training leading to a recognised qualification."""
    doc = situation(pension={"months": 0},
                    vocational_training=[{"kind": "qualified", "starts_on": "2025-09-01", "ends_on": "2028-08-31"}])
    assert run(doc)["outcome"] == "eligible"


@pytest.mark.parametrize(("returned", "outcome"), [("2024-07-10", "eligible"), ("2024-07-11", "undetermined")])
def test_stay_abroad_six_months_credited(returned, outcome):
    """§ 9 Abs. 4 Nr. 2: up to six months per stay abroad count; a longer stay needs a judgement."""
    a = run(situation(stays_abroad=[{"left_on": "2024-01-10", "returned_on": returned}]))
    assert a["outcome"] == outcome


def test_long_stay_abroad_judged():
    """§ 9 Abs. 4 Nr. 2: judged positive the time runs on; judged negative it counts from the return."""
    abroad = [{"left_on": "2023-01-10", "returned_on": "2023-09-01"}]
    ok = run(situation(stays_abroad=abroad,
                       judgements=[judgement("harmless_interruption", "aufenthg_26_4.auslandsaufenthalt")]))
    assert ok["outcome"] == "eligible"
    neg = run(situation(stays_abroad=abroad, judgements=[
        judgement("harmless_interruption", "aufenthg_26_4.auslandsaufenthalt", "negative")]))
    assert neg["outcome"] == "eligible_later" and neg["earliest_date"] == "2028-09-01"


@pytest.mark.parametrize(("cert", "outcome"), [
    ({"level": "A2", "scope": "complete"}, "not_eligible"),
    ({"level": "B1", "scope": "oral"}, "not_eligible"),
    ({"level": "B1", "scope": "complete"}, "eligible"),
    ({"level": "C1", "scope": "complete"}, "eligible"),
])
def test_german_b1(cert, outcome):
    """§ 9 Abs. 2 S. 1 Nr. 7, § 2 Abs. 11: sufficient German = B1 in all skills."""
    a = run(situation(language_certificates=[{**cert, "issued_on": "2020-01-01"}]))
    assert a["outcome"] == outcome


# --- (2) scenarios from the statute text ----------------------------------------------------------------------------

def test_scenario_25b_holder_all_met():
    """§ 26 Abs. 4 S. 1 with § 25b permit for five years and all of § 9 Abs. 2 S. 1: may be granted (kann)."""
    a = run(situation(basis="aufenthg_25b"))
    assert a["outcome"] == "eligible" and a["legal_nature"] == "kann"


def test_scenario_104c_holder_excluded():
    """§ 104c Abs. 3 S. 4 a. F.: while holding a § 104c permit only § 25a/§ 25b permits may be granted."""
    a = run(situation(basis="aufenthg_104c", permit_from="2021-01-01"))
    assert a["outcome"] == "not_eligible" and result(a, "aufenthaltserlaubnis_abschnitt_5") == "not_met"


def test_scenario_non_humanitarian_permit():
    """§ 26 Abs. 4 S. 1: only permits „nach diesem Abschnitt“ (Kapitel 2 Abschnitt 5); § 19d is Abschnitt 4."""
    assert run(situation(basis="aufenthg_19d"))["outcome"] == "not_eligible"


def test_scenario_livelihood_partly_secured():
    """§ 9 Abs. 2 S. 1 Nr. 2: the livelihood must be secured."""
    doc = situation(livelihood=[{"period_from": "2020-01-01", "secured": "partly", "benefits": "sgb2"}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "lebensunterhalt") == "not_met"


def test_scenario_illness_waives_language_livelihood_pension():
    """§ 9 Abs. 2 S. 3 and 6: illness or disability waives Nr. 2, 3, 7 and 8."""
    doc = situation(livelihood=[{"period_from": "2020-01-01", "secured": "not"}], pension={"months": 0},
                    language_certificates=[], civic_tests=[],
                    health_exemptions=[{"scope": "all", "ground": "illness_or_disability"}])
    assert run(doc)["outcome"] == "eligible"


def test_scenario_age_is_no_waiver_under_section_9():
    """§ 9 Abs. 2 S. 3 names illness and disability only (unlike § 10 Abs. 6 StAG): age does not waive B1."""
    doc = situation(language_certificates=[], health_exemptions=[{"scope": "language", "ground": "age"}])
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_integration_course_proves_language_and_knowledge():
    """§ 9 Abs. 2 S. 2: a completed integration course proves Nr. 7 and 8."""
    doc = situation(language_certificates=[], civic_tests=[], integration_course={"status": "completed"})
    assert run(doc)["outcome"] == "eligible"


def test_scenario_hardship_waiver_recorded():
    """§ 9 Abs. 2 S. 4: the authority may waive Nr. 7 to avoid hardship – only on a recorded decision."""
    doc = situation(language_certificates=[])
    assert run(doc)["outcome"] == "not_eligible"
    doc["judgements"] = [judgement("other", "aufenthg_26_4.deutsch_b1")]
    assert run(doc)["outcome"] == "eligible"


def test_scenario_conviction_needs_weighing():
    """§ 9 Abs. 2 S. 1 Nr. 4: public security is weighed – the engine asks for the judgement."""
    conv = [{"decided_on": "2024-05-01", "intentional": True, "daily_rates": 30}]
    a = run(situation(convictions=conv))
    assert a["outcome"] == "undetermined" and result(a, "oeffentliche_sicherheit") == "judgement"
    b = run(situation(convictions=conv, judgements=[judgement("other", "aufenthg_26_4.oeffentliche_sicherheit")]))
    assert b["outcome"] == "eligible"
    c = run(situation(convictions=conv, judgements=[
        judgement("other", "aufenthg_26_4.oeffentliche_sicherheit", "negative")]))
    assert c["outcome"] == "not_eligible"


def test_scenario_no_housing_facts():
    """§ 9 Abs. 2 S. 1 Nr. 9: without facts on housing the outcome is undetermined, never guessed."""
    doc = situation()
    del doc["housing"]
    a = run(doc)
    assert a["outcome"] == "undetermined" and result(a, "wohnraum") == "unknown"


def test_scenario_expulsion_interest_as_a_rule():
    """§ 5 Abs. 1 Nr. 2: an interest in expulsion bars as a rule; a recorded exception lifts it."""
    interests = [{"absatz": 2, "nummer": "9", "since": "2025-01-01"}]
    judged = [judgement("other", "aufenthg_26_4.oeffentliche_sicherheit")]
    a = run(situation(expulsion_interests=interests, judgements=judged))
    assert a["outcome"] == "not_eligible" and result(a, "ausweisungsinteresse") == "not_met"
    judged.append(judgement("regel_exception", "aufenthg_26_4.ausweisungsinteresse"))
    assert run(situation(expulsion_interests=interests, judgements=judged))["outcome"] == "eligible"


# --- (3) versions ---------------------------------------------------------------------------------------------------

def test_not_encoded_before_reform_of_2015():
    """§ 26 Abs. 4 before 01.08.2015 (seven years, [R]) is not encoded."""
    assert run(situation(as_of="2015-07-31", permit_from="2008-01-01"))["outcome"] == "not_in_force"
    assert run(situation(as_of="2015-08-01", permit_from="2008-01-01"))["outcome"] == "eligible"


@pytest.mark.parametrize("day", ["2024-06-27", "2025-10-30", "2025-12-31", "2027-07-01"])
def test_unchanged_across_other_change_dates(day):
    """law.md § 13: 5 years / 60 months / B1 hold throughout; the day before and the day of give the same answer."""
    d = date.fromisoformat(day)
    before = date.fromordinal(d.toordinal() - 1).isoformat()
    for as_of in (before, day):
        a = run(situation(as_of=as_of, permit_from="2019-01-01", pension={"months": 60}))
        assert a["outcome"] == "eligible"
    later = [run(situation(as_of=x, permit_from=f"{int(day[:4]) - 5}{day[4:]}")) for x in (before, day)]
    assert [x["outcome"] for x in later] == ["eligible_later", "eligible"]
