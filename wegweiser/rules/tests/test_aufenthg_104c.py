"""§ 104c AufenthG a. F. – Chancen-Aufenthaltsrecht (pathway ``aufenthg_104c``): thresholds, scenarios, versions.

Every assessment runs at both speeds (scalar ``assess_record`` and vectorised ``evaluate_frame``) and the two must
agree on outcome and earliest date. ``situation`` builds a geduldete person who meets § 104c Abs. 1 on 01.06.2025.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathway import Pathway
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import evaluate_frame, frame_from_records

P = PATHWAYS["aufenthg_104c"]
AS_OF = "2025-06-01"


def situation(as_of: str = AS_OF, first: str = "2016-03-01", **over: Any) -> dict:
    """Aufenthaltsgestattung from ``first`` until 28.02.2018, Duldung since 01.03.2018; declaration of commitment
    to the free democratic basic order made, no convictions."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1990-04-04"},
        "residence": [
            {"status": "aufenthaltsgestattung", "valid_from": first, "valid_until": "2018-02-28"},
            {"status": "duldung", "duldung_kind": "60a", "valid_from": "2018-03-01", "valid_until": None},
        ],
        "stays_abroad": [],
        "fdgo_declared_on": "2025-01-10",
        "extremism_indications": [], "convictions": [], "expulsion_interests": [],
        "removal_obstruction": {"false_statements_or_deception": False, "non_cooperation": False, "repeated": False},
        "judgements": [],
    }
    doc.update(copy.deepcopy(over))
    return doc


def conviction(rates: int | None = None, months: int | None = None, foreigner_only: bool = False,
               juvenile: bool = False) -> dict:
    return {"decided_on": "2021-05-01", "intentional": True, "daily_rates": rates, "prison_months": months,
            "suspended": True if months else None, "juvenile_law": juvenile,
            "immigration_only_offence": foreigner_only}


def judgement(kind: str, subject: str, value: str = "positive") -> dict:
    return {"id": f"{kind}-{subject}-{value}", "kind": kind, "subject": subject, "value": value,
            "recorded_on": "2025-05-01"}


def run(doc: dict, pathway: Pathway = P) -> dict:
    """Scalar assessment, checked against the vectorised one (outcome and earliest date)."""
    rec = normalise(doc)
    scalar = assess_record(rec, [pathway])["pathways"][0]
    wide = evaluate_frame(frame_from_records([rec]), rec["as_of"], [pathway])
    earliest = wide.get_column(f"{pathway.id}.earliest_date")[0]
    assert wide.get_column(f"{pathway.id}.outcome")[0] == scalar["outcome"]
    assert (earliest.isoformat() if earliest else None) == scalar["earliest_date"]
    return scalar


def result(a: dict, cond: str) -> str:
    return next(c["result"] for c in a["conditions"] if c["id"] == cond)


def gap_kind(a: dict, cond: str) -> str | None:
    return next((g["kind"] for g in a["missing"] if g["condition"] == cond), None)


def test_base_situation_is_eligible():
    a = run(situation())
    assert a["outcome"] == "eligible" and a["legal_nature"] == "soll"


# --- (1) boundaries -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "outcome"), [("2017-10-31", "eligible"), ("2017-11-01", "not_eligible")])
def test_five_years_on_31_10_2022(first, outcome):
    """§ 104c Abs. 1 S. 1: on 31.10.2022 five years uninterrupted – the stay must have begun by 31.10.2017."""
    a = run(situation(first=first))
    assert a["outcome"] == outcome
    if outcome == "not_eligible":
        assert gap_kind(a, "stichtag") == "exclusion"


@pytest.mark.parametrize(("left", "outcome"), [("2022-10-31", "not_eligible"), ("2022-11-01", "eligible")])
def test_five_years_measured_on_the_reference_day(left, outcome):
    """§ 104c Abs. 1 S. 1: the stay must go on on 31.10.2022 itself – abroad that day breaks it; a stay abroad
    from the day after does not matter."""
    a = run(situation(stays_abroad=[{"left_on": left, "returned_on": "2022-11-20"}]))
    assert a["outcome"] == outcome


@pytest.mark.parametrize(("gap_end", "outcome"), [("2019-03-31", "undetermined"), ("2019-04-01", "not_eligible")])
def test_interruption_of_three_months(gap_end, outcome):
    """§ 104c Abs. 1 S. 1 („ununterbrochen“): an interruption of at most three months may be judged harmless."""
    residence = [
        {"status": "aufenthaltsgestattung", "valid_from": "2016-03-01", "valid_until": "2018-12-31"},
        {"status": "duldung", "duldung_kind": "60a",
         "valid_from": date.fromordinal(date.fromisoformat(gap_end).toordinal() + 1).isoformat(), "valid_until": None},
    ]
    a = run(situation(residence=residence))
    assert a["outcome"] == outcome
    if outcome == "undetermined":
        assert gap_kind(a, "stichtag") == "judgement"
        ok = judgement("harmless_interruption", "aufenthg_104c.stichtag")
        assert run(situation(residence=residence, judgements=[ok]))["outcome"] == "eligible"
        neg = judgement("harmless_interruption", "aufenthg_104c.stichtag", "negative")
        assert run(situation(residence=residence, judgements=[neg]))["outcome"] == "not_eligible"


@pytest.mark.parametrize(("rates", "foreigner_only", "outcome"), [
    (50, False, "eligible"), (51, False, "not_eligible"), (90, True, "eligible"), (91, True, "not_eligible"),
])
def test_fines_50_and_90_daily_rates(rates, foreigner_only, outcome):
    """§ 104c Abs. 1 S. 1 Nr. 2: fines up to 50 (foreigner-only offences: 90) daily rates are disregarded."""
    a = run(situation(convictions=[conviction(rates, foreigner_only=foreigner_only)]))
    assert a["outcome"] == outcome


@pytest.mark.parametrize(("day", "outcome"), [
    ("2022-12-30", "not_in_force"), ("2022-12-31", "eligible"), ("2025-12-30", "eligible"),
    ("2025-12-31", "not_in_force"),
])
def test_grant_period(day, outcome):
    """§ 104c a. F. applies from 31.12.2022; applications until 30.12.2025 (replaced on 31.12.2025)."""
    a = run(situation(as_of=day, fdgo_declared_on="2022-12-01"))
    assert a["outcome"] == outcome


# --- (2) scenarios from the statute --------------------------------------------------------------------------------

def test_scenario_60b_periods_count():
    """§ 104c Abs. 1 S. 3: periods of a Duldung for persons with unclear identity (§ 60b) count."""
    residence = [
        {"status": "duldung", "duldung_kind": "60b", "valid_from": "2017-01-01", "valid_until": "2021-12-31"},
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2022-01-01", "valid_until": None},
    ]
    a = run(situation(residence=residence))
    assert a["outcome"] == "eligible"
    # the same history does not give the twelve months of Duldung § 25a needs without a § 104c permit
    assert result(a, "stichtag") == "met"


def test_scenario_juvenile_law_without_youth_sentence():
    """§ 104c Abs. 1 S. 1 Nr. 2: juvenile-law convictions that are no youth sentence are disregarded; a youth
    sentence counts."""
    measure = run(situation(convictions=[conviction(juvenile=True)]))
    assert result(measure, "straftaten") == "met"
    # § 5 Abs. 1 Nr. 2 (shared helper) cannot tell whether a measure without sentence founds an expulsion interest
    assert result(measure, "ausweisungsinteresse") == "unknown"
    a = run(situation(convictions=[conviction(months=6, juvenile=True)]))
    assert a["outcome"] == "not_eligible" and result(a, "straftaten") == "not_met"


def test_scenario_suspended_prison_sentence():
    """§ 104c Abs. 1 S. 1 Nr. 2: any prison sentence, even suspended, is beyond the fines that are disregarded."""
    a = run(situation(convictions=[conviction(months=3)]))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "straftaten") == "exclusion"


def test_scenario_negligent_offence_ignored():
    """§ 104c Abs. 1 S. 1 Nr. 2 („vorsätzliche Straftat“): a negligent offence does not count."""
    conv = {**conviction(120), "intentional": False}
    assert run(situation(convictions=[conv]))["outcome"] == "eligible"


def test_scenario_not_tolerated_today():
    """§ 104c Abs. 1 S. 1 („einem geduldeten Ausländer“): a person with a residence permit cannot use it."""
    residence = [
        {"status": "aufenthaltsgestattung", "valid_from": "2016-03-01", "valid_until": "2018-02-28"},
        {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25_3", "valid_from": "2018-03-01",
         "valid_until": None},
    ]
    a = run(situation(residence=residence))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "geduldet") == "exclusion"


def test_scenario_interruption_after_reference_day():
    """§ 104c Abs. 1 S. 1: only the five years up to 31.10.2022 count – a later gap does not matter."""
    residence = [
        {"status": "aufenthaltsgestattung", "valid_from": "2016-03-01", "valid_until": "2023-03-31"},
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2023-09-01", "valid_until": None},
    ]
    assert run(situation(residence=residence))["outcome"] == "eligible"


def test_scenario_repeated_deception():
    """§ 104c Abs. 1 S. 2: repeated deception that prevents removal – refusal as a rule („soll versagt werden“);
    a single deception is not enough; an atypical case can be recorded."""
    repeated = {"false_statements_or_deception": True, "non_cooperation": False, "repeated": True}
    a = run(situation(removal_obstruction=repeated))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "versagung_taeuschung") == "exclusion"
    once = {"false_statements_or_deception": True, "non_cooperation": False, "repeated": False}
    assert run(situation(removal_obstruction=once))["outcome"] == "eligible"
    exc = judgement("regel_exception", "aufenthg_104c.versagung_taeuschung")
    assert run(situation(removal_obstruction=repeated, judgements=[exc]))["outcome"] == "eligible"


def test_scenario_no_declaration_yet():
    """§ 104c Abs. 1 S. 1 Nr. 1: the commitment to the free democratic basic order can still be declared."""
    a = run(situation(fdgo_declared_on=None))
    assert a["outcome"] == "undetermined" and gap_kind(a, "fdgo") == "evidence"
    b = run(situation(fdgo_declared_on="2025-06-02"))
    assert b["outcome"] == "not_eligible" and gap_kind(b, "fdgo") == "achievement"


def test_scenario_identity_and_passport_not_required():
    """§ 104c Abs. 1 S. 1: granted notwithstanding § 5 Abs. 1 Nr. 1a and 4 – no identity or passport facts needed."""
    a = run(situation())
    assert {c["id"] for c in a["conditions"]}.isdisjoint({"identitaet", "pass", "lebensunterhalt"})
    assert a["outcome"] == "eligible"


def test_scenario_atypical_case():
    """§ 104c Abs. 1 S. 1 („soll“): a recorded atypical case removes the regular entitlement."""
    a = run(situation(judgements=[judgement("atypical_case", "aufenthg_104c")]))
    assert a["outcome"] == "not_eligible" and result(a, "kein_atypischer_fall") == "not_met"


def test_scenario_residence_unknown():
    """The engine does not guess: without the residence history the five years stay open."""
    a = run(situation(residence=None))
    assert a["outcome"] == "undetermined" and gap_kind(a, "stichtag") == "evidence"


# --- (3) versions and the transition --------------------------------------------------------------------------------

def test_version_law_period():
    """§ 104c a. F. version: 31.12.2022 – 30.12.2025 (grant rule)."""
    a = run(situation(as_of="2024-01-01"))
    assert a["law_version"]["valid_from"] == "2022-12-31" and a["law_version"]["valid_until"] == "2025-12-30"


def test_transition_holder_checked_under_25b():
    """§ 104c n. F. (from 31.12.2025) with § 25b Abs. 1 S. 1: a § 104c holder is no longer assessed under § 104c,
    but the § 25b gateway accepts the permit until 30.06.2027."""
    residence = [
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2016-03-01", "valid_until": "2025-06-30"},
        {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_104c", "valid_from": "2025-07-01",
         "valid_until": "2026-12-31"},
    ]
    doc = situation(as_of="2026-02-01", residence=residence)
    assert run(doc)["outcome"] == "not_in_force"
    b = run(doc, PATHWAYS["aufenthg_25b"])
    assert next(c["result"] for c in b["conditions"] if c["id"] == "zugang") == "met"


def test_all_scenarios_vectorised_together():
    """The fixed-day stretch (31.10.2022) gives the same answers for a frame of many persons as one by one."""
    docs = [situation(), situation(first="2017-11-01"), situation(residence=None),
            situation(stays_abroad=[{"left_on": "2022-10-31", "returned_on": "2022-11-20"}]),
            situation(convictions=[conviction(51)]),
            situation(residence=[{"status": "duldung", "duldung_kind": "60b", "valid_from": "2017-01-01",
                                  "valid_until": None}])]
    recs = [normalise(d) for d in docs]
    wide = evaluate_frame(frame_from_records(recs), date(2025, 6, 1), [P])
    outcomes = list(wide.get_column(f"{P.id}.outcome"))
    assert outcomes == [assess_record(r, [P])["pathways"][0]["outcome"] for r in recs]
    assert outcomes == ["eligible", "not_eligible", "undetermined", "not_eligible", "not_eligible", "eligible"]
