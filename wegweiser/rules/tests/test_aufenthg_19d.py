"""§ 19d AufenthG – qualified tolerated persons (pathway ``aufenthg_19d``): thresholds, scenarios, versions.

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

P = PATHWAYS["aufenthg_19d"]
AS_OF = "2026-11-23"
GERMAN_VOCATIONAL = {"kind": "vocational", "obtained_on": "2025-07-01", "obtained_in_germany": True, "recognised": True}
FOREIGN_DEGREE = {"kind": "academic", "obtained_on": "2012-07-01", "obtained_in_germany": False, "recognised": True}


def situation(as_of: str = AS_OF, **over: Any) -> dict:
    """A tolerated person with a vocational qualification obtained in Germany who meets § 19d Abs. 1 on ``as_of``."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1995-05-05"},
        "residence": [{"status": "duldung", "duldung_kind": "60a", "valid_from": "2019-01-01", "valid_until": None}],
        "stays_abroad": [],
        "qualifications": [GERMAN_VOCATIONAL],
        "employment": [{"kind": "employed", "starts_on": "2025-08-01", "hours_per_week": 39, "social_insurance": True,
                        "qualified": True}],
        "livelihood": [{"period_from": "2019-06-01", "secured": "fully", "by_employment": True, "benefits": "none"}],
        "housing": {"adequate": True},
        "language_certificates": [{"level": "B1", "scope": "complete", "issued_on": "2019-03-01"}],
        "removal_obstruction": {"false_statements_or_deception": False, "non_cooperation": False},
        "extremism_indications": [], "convictions": [], "expulsion_interests": [],
        "identity": {"status": "clarified", "clarified_on": "2019-05-01"},
        "passports": [{"kind": "national", "valid_until": "2030-01-01"}],
        "judgements": [],
    }
    doc.update(copy.deepcopy(over))
    return doc


def degree_holder(job_from: str, as_of: str = AS_OF, **over: Any) -> dict:
    """Nr. 1 b: a recognised foreign degree and qualified employment since ``job_from``."""
    job = [{"kind": "employed", "starts_on": job_from, "hours_per_week": 39, "social_insurance": True,
            "qualified": True}]
    return situation(as_of=as_of, qualifications=[FOREIGN_DEGREE], employment=job, **over)


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2020-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}"[-64:], "kind": kind, "subject": subject, "value": value, "recorded_on": on}


def fine(rates: int, foreigner_only: bool) -> dict:
    return {"decided_on": "2022-01-01", "intentional": True, "daily_rates": rates,
            "immigration_only_offence": foreigner_only}


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


def option(a: dict, cond: str, opt: str) -> str:
    node = next(c for c in a["conditions"] if c["id"] == cond)
    return next(o["result"] for o in node["alternatives"] if o["id"] == opt)


def test_base_case_is_eligible():
    """§ 19d Abs. 1 Nr. 1 a – 7: a qualified vocational training completed in Germany."""
    a = run(situation())
    assert a["outcome"] == "eligible" and a["legal_nature"] == "soll"
    assert option(a, "qualifikation", "nr1a_abschluss_inland") == "met"


# --- (1) boundaries ------------------------------------------------------------------------------------------------

def test_two_years_adequate_employment_day_before_and_day_of():
    """§ 19d Abs. 1 Nr. 1 b: a recognised foreign degree and two years of uninterrupted adequate employment."""
    before = run(degree_holder("2024-11-23", as_of="2026-11-22"))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    on = run(degree_holder("2024-11-23"))
    assert on["outcome"] == "eligible"
    assert option(on, "qualifikation", "nr1b_hochschulabschluss_ausland") == "met"


def test_three_years_qualified_employment_day_before_and_day_of():
    """§ 19d Abs. 1 Nr. 1 c: three years of uninterrupted qualified employment (no qualification needed)."""
    job = [{"kind": "employed", "starts_on": "2023-11-23", "hours_per_week": 39, "social_insurance": True,
            "qualified": True}]
    lu = [{"period_from": "2023-11-23", "secured": "fully", "benefits": "none"}]
    before = run(situation(as_of="2026-11-22", qualifications=[], employment=job, livelihood=lu))
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    assert run(situation(qualifications=[], employment=job, livelihood=lu))["outcome"] == "eligible"


@pytest.mark.parametrize(("since", "outcome"), [("2025-11-23", "eligible"), ("2025-11-24", "eligible_later")])
def test_no_public_funds_in_the_year_before_application(since, outcome):
    """§ 19d Abs. 1 Nr. 1 c: not dependent on public funds within the last year before the application."""
    job = [{"kind": "employed", "starts_on": "2022-01-01", "hours_per_week": 39, "social_insurance": True,
            "qualified": True}]
    lu = [{"period_from": "2022-01-01", "period_until": "2025-11-22", "secured": "partly", "benefits": "sgb2"},
          {"period_from": since, "secured": "fully", "benefits": "none"}]
    a = run(situation(qualifications=[], employment=job, livelihood=lu))
    assert a["outcome"] == outcome


@pytest.mark.parametrize(("fines", "outcome"), [
    ([fine(50, False)], "eligible"),
    ([fine(51, False)], "not_eligible"),
    ([fine(30, False), fine(20, False)], "eligible"),
    ([fine(30, False), fine(21, False)], "not_eligible"),
    ([fine(90, True)], "eligible"),
    ([fine(91, True)], "not_eligible"),
    ([fine(40, False), fine(40, True)], "not_eligible"),
])
def test_fines_50_and_90_daily_rates(fines, outcome):
    """§ 19d Abs. 1 Nr. 7: fines of up to 50 daily rates in total, or up to 90 for offences only foreigners can
    commit, are in principle disregarded (cautious reading: the limits are not added up)."""
    assert run(situation(convictions=fines))["outcome"] == outcome


@pytest.mark.parametrize(("cert", "outcome"), [
    ({"level": "A2", "scope": "complete"}, "not_eligible"),
    ({"level": "B1", "scope": "oral"}, "not_eligible"),
    ({"level": "B1", "scope": "complete"}, "eligible"),
])
def test_german_b1(cert, outcome):
    """§ 19d Abs. 1 Nr. 3, § 2 Abs. 11: sufficient German = B1."""
    assert run(situation(language_certificates=[{**cert, "issued_on": "2024-01-01"}]))["outcome"] == outcome


# --- (2) scenarios from the statute text -----------------------------------------------------------------------------

def test_scenario_not_tolerated():
    """§ 19d Abs. 1: only for a tolerated person („einem geduldeten Ausländer“)."""
    residence = [{"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25_5", "valid_from": "2019-01-01"}]
    a = run(situation(residence=residence))
    assert a["outcome"] == "not_eligible" and result(a, "zugang") == "not_met"


def test_scenario_no_qualification():
    """§ 19d Abs. 1 Nr. 1: without a qualification or qualified employment nothing applies."""
    job = [{"kind": "employed", "starts_on": "2020-01-01", "hours_per_week": 39, "social_insurance": True,
            "qualified": False}]
    a = run(situation(qualifications=[], employment=job))
    assert a["outcome"] == "not_eligible" and result(a, "qualifikation") == "not_met"


def test_scenario_deception_excludes_abs1():
    """§ 19d Abs. 1 Nr. 4: intentional deception of the immigration authority excludes."""
    doc = situation(removal_obstruction={"false_statements_or_deception": True, "non_cooperation": False})
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "keine_taeuschung") == "not_met"


def test_scenario_obstruction_excludes_abs1():
    """§ 19d Abs. 1 Nr. 5: intentionally delaying or obstructing removal measures excludes."""
    doc = situation(removal_obstruction={"false_statements_or_deception": False, "non_cooperation": True})
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_abs1a_after_ausbildungsduldung():
    """§ 19d Abs. 1a: after a training under a § 60c Duldung only Abs. 1 Nr. 2, 3, 6, 7 are required – Nr. 4 and 5
    do not apply, and the permit „ist zu erteilen“ (no atypical-case judgement)."""
    residence = [
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2019-01-01", "valid_until": "2022-07-31"},
        {"status": "duldung", "duldung_kind": "60c", "valid_from": "2022-08-01", "valid_until": None},
    ]
    obstruction = {"false_statements_or_deception": True, "non_cooperation": True}
    atypical = [judgement("atypical_case", "aufenthg_19d")]
    a = run(situation(residence=residence, removal_obstruction=obstruction, judgements=atypical))
    assert a["outcome"] == "eligible"
    assert option(a, "qualifikation", "abs1a_ausbildungsduldung") == "met"
    assert result(a, "keine_taeuschung") == "not_applicable"
    assert result(a, "kein_atypischer_fall") == "not_applicable"


def test_scenario_abs1a_still_needs_b1():
    """§ 19d Abs. 1a with Abs. 1 Nr. 3: sufficient German is required on this route too."""
    residence = [{"status": "duldung", "duldung_kind": "60c", "valid_from": "2022-08-01", "valid_until": None}]
    certs = [{"level": "A2", "scope": "complete", "issued_on": "2024-01-01"}]
    assert run(situation(residence=residence, language_certificates=certs))["outcome"] == "not_eligible"


def test_scenario_housing_unknown():
    """§ 19d Abs. 1 Nr. 2: adequate housing – unknown facts give an undetermined result, never a guess."""
    a = run(situation(housing={"adequate": None}))
    assert a["outcome"] == "undetermined" and result(a, "wohnraum") == "unknown"


def test_scenario_extremism_excludes():
    """§ 19d Abs. 1 Nr. 6: links to extremist or terrorist organisations exclude."""
    doc = situation(extremism_indications=[{"noted_on": "2024-01-01", "confirmed": True}])
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_atypical_case():
    """§ 19d Abs. 1 („soll“): a recorded atypical case stops the regular grant."""
    assert run(situation(judgements=[judgement("atypical_case", "aufenthg_19d")]))["outcome"] == "not_eligible"


def test_scenario_housing_costs_only_judged():
    """§ 19d Abs. 1 Nr. 1 c: benefits only for housing and heating are harmless – recorded by the case worker."""
    job = [{"kind": "employed", "starts_on": "2022-01-01", "hours_per_week": 39, "social_insurance": True,
            "qualified": True}]
    lu = [{"period_from": "2022-01-01", "secured": "fully", "benefits": "sgb2"}]
    assert run(situation(qualifications=[], employment=job, livelihood=lu))["outcome"] == "not_eligible"
    ok = run(situation(qualifications=[], employment=job, livelihood=lu,
                       judgements=[judgement("other", "aufenthg_19d.nr1c_oeffentliche_mittel")]))
    assert ok["outcome"] == "eligible"


def test_scenario_passport_missing_as_a_rule():
    """§ 5 Abs. 1 Nr. 4 (general requirement, „in der Regel“): a recorded exception replaces the failure."""
    assert run(situation(passports=[]))["outcome"] == "not_eligible"
    doc = situation(passports=[], judgements=[judgement("regel_exception", "aufenthg_19d.pass")])
    assert run(doc)["outcome"] == "eligible"


# --- (3) versions ------------------------------------------------------------------------------------------------------

def test_version_not_in_force_before_1_3_2020():
    """§ 19d in force from 01.03.2020 (FEG 2019)."""
    doc = degree_holder("2017-01-01")
    assert run({**doc, "as_of": "2020-02-29"})["outcome"] == "not_in_force"
    assert run({**doc, "as_of": "2020-03-01"})["outcome"] == "undetermined"  # kann: discretion to be recorded


def test_version_kann_until_29_02_2024_soll_from_1_3_2024():
    """§ 19d Abs. 1: „kann“ until 29.02.2024 (discretion recorded by the case worker), „soll“ from 01.03.2024."""
    doc = situation(qualifications=[{**GERMAN_VOCATIONAL, "obtained_on": "2023-07-01"}])
    before = run({**doc, "as_of": "2024-02-29"})
    assert before["outcome"] == "undetermined" and result(before, "ermessen") == "judgement"
    assert result(before, "kein_atypischer_fall") == "not_applicable"
    granted = run({**doc, "as_of": "2024-02-29", "judgements": [judgement("other", "aufenthg_19d.ermessen")]})
    assert granted["outcome"] == "eligible"
    on = run({**doc, "as_of": "2024-03-01"})
    assert on["outcome"] == "eligible" and result(on, "ermessen") == "not_applicable"
    assert on["law_version"] == {"valid_from": "2024-03-01", "valid_until": None}


@pytest.mark.parametrize(("as_of", "nature"), [("2024-02-29", "kann"), ("2024-03-01", "soll")])
def test_legal_nature_follows_the_version_in_force(as_of, nature):
    """§ 19d Abs. 1 was a "kann" provision until 29.02.2024 and is a "soll" provision since 01.03.2024."""
    a = assess_record(normalise(degree_holder("2020-01-01", as_of=as_of)), [P])["pathways"][0]
    assert a["legal_nature"] == nature
