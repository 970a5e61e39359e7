"""§ 25 Abs. 5 AufenthG – departure impossible (pathway ``aufenthg_25_5``): thresholds, scenarios, versions.

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

P = PATHWAYS["aufenthg_25_5"]
AS_OF = "2026-11-23"


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2020-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}"[-64:], "kind": kind, "subject": subject, "value": value, "recorded_on": on}


IMPOSSIBLE = judgement("other", "aufenthg_25_5.ausreise_unmoeglich")


def situation(as_of: str = AS_OF, duldung_from: str = "2020-01-01", extra: tuple = (), **over: Any) -> dict:
    """A tolerated person whose departure is judged impossible, with all general requirements met on ``as_of``."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1985-05-05"},
        "residence": [{"status": "duldung", "duldung_kind": "60a", "valid_from": duldung_from, "valid_until": None}],
        "stays_abroad": [],
        "removal_obstruction": {"false_statements_or_deception": False, "non_cooperation": False},
        "livelihood": [{"period_from": "2004-01-01", "secured": "fully", "benefits": "none"}],
        "identity": {"status": "clarified"},
        "passports": [{"kind": "national", "valid_until": "2030-01-01"}],
        "convictions": [], "expulsion_interests": [],
        "judgements": [IMPOSSIBLE, *extra],
    }
    doc.update(copy.deepcopy(over))
    return doc


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


def option(a: dict, opt: str) -> str:
    node = next(c for c in a["conditions"] if c["id"] == "rechtsfolge")
    return next(o["result"] for o in node["alternatives"] if o["id"] == opt)


def test_base_case_is_eligible():
    """§ 25 Abs. 5 S. 1, 2: departure impossible, removal suspended for more than 18 months, no fault."""
    a = run(situation())
    assert a["outcome"] == "eligible" and a["legal_nature"] == "kann"
    assert option(a, "abschiebung_18_monate_ausgesetzt") == "met"


# --- (1) boundaries ------------------------------------------------------------------------------------------------

def test_eighteen_months_day_before_and_day_of():
    """§ 25 Abs. 5 S. 2: „soll“ once removal has been suspended for 18 months (§ 188 Abs. 2 BGB)."""
    on = run(situation(duldung_from="2025-05-23"))
    assert on["outcome"] == "eligible" and option(on, "abschiebung_18_monate_ausgesetzt") == "met"
    before = run(situation(as_of="2026-11-22", duldung_from="2025-05-23"))
    # before 18 months only discretion (S. 1) remains – for the case worker to record
    assert before["outcome"] == "undetermined" and result(before, "rechtsfolge") == "judgement"


def test_before_eighteen_months_discretion_declined_gives_the_date():
    """§ 25 Abs. 5 S. 1, 2: discretion declined – the regular grant applies from the day 18 months are reached."""
    declined = judgement("other", "aufenthg_25_5.ermessen", "negative")
    a = run(situation(as_of="2026-11-22", duldung_from="2025-05-23", extra=(declined,)))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2026-11-23"


def test_before_eighteen_months_discretion_exercised():
    """§ 25 Abs. 5 S. 1: „kann“ – a recorded discretionary decision in the person's favour suffices."""
    granted = judgement("other", "aufenthg_25_5.ermessen")
    a = run(situation(as_of="2026-11-22", duldung_from="2025-05-23", extra=(granted,)))
    assert a["outcome"] == "eligible" and option(a, "ermessen") == "met"


@pytest.mark.parametrize(("returned", "outcome"), [("2026-04-01", "undetermined"), ("2026-04-02", "eligible_later")])
def test_interruption_of_duldung_up_to_three_months_asks_for_judgement(returned, outcome):
    """§ 25 Abs. 5 S. 2 („seit 18 Monaten“): a stay abroad interrupts; only an interruption of up to three months
    can be bridged, and only on the case worker's judgement (not recorded here: asked for)."""
    declined = judgement("other", "aufenthg_25_5.ermessen", "negative")
    a = run(situation(duldung_from="2024-01-01", extra=(declined,),
                      stays_abroad=[{"left_on": "2026-01-01", "returned_on": returned}]))
    assert a["outcome"] == outcome
    if outcome == "undetermined":
        assert option(a, "abschiebung_18_monate_ausgesetzt") == "judgement"
    else:
        assert a["earliest_date"] == "2027-10-02"


def test_harmless_interruption_up_to_three_months():
    """§ 25 Abs. 5 S. 2 with the harmless-interruption judgement: up to three months bridged, longer not."""
    bridge = judgement("harmless_interruption", "aufenthg_25_5.abschiebung_18_monate_ausgesetzt")
    declined = judgement("other", "aufenthg_25_5.ermessen", "negative")
    ok = run(situation(duldung_from="2024-01-01", extra=(bridge, declined),
                       stays_abroad=[{"left_on": "2026-01-01", "returned_on": "2026-04-01"}]))
    assert ok["outcome"] == "eligible"
    too_long = run(situation(duldung_from="2024-01-01", extra=(bridge, declined),
                             stays_abroad=[{"left_on": "2026-01-01", "returned_on": "2026-04-02"}]))
    assert too_long["outcome"] == "eligible_later" and too_long["earliest_date"] == "2027-10-02"


# --- (2) scenarios from the statute text -----------------------------------------------------------------------------

def test_scenario_departure_not_judged():
    """§ 25 Abs. 5 S. 1: whether departure is impossible is for the case worker; without a judgement: undetermined."""
    a = run(situation(judgements=[]))
    assert a["outcome"] == "undetermined" and result(a, "ausreise_unmoeglich") == "judgement"


def test_scenario_departure_possible():
    """§ 25 Abs. 5 S. 1: departure judged possible (or the obstacle ending soon) – no permit."""
    a = run(situation(judgements=[judgement("other", "aufenthg_25_5.ausreise_unmoeglich", "negative")]))
    assert a["outcome"] == "not_eligible"


@pytest.mark.parametrize("fault", ["false_statements_or_deception", "non_cooperation"])
def test_scenario_fault_examples_exclude(fault):
    """§ 25 Abs. 5 S. 3, 4: false statements, deception or not meeting reasonable demands bar the permit."""
    obstruction = {"false_statements_or_deception": False, "non_cooperation": False, fault: True}
    a = run(situation(removal_obstruction=obstruction))
    assert a["outcome"] == "not_eligible" and result(a, "unverschuldet") == "not_met"
    assert any(g["condition"] == "unverschuldet" and g["kind"] == "exclusion" for g in a["missing"])


def test_scenario_current_60b_duldung_is_fault():
    """§ 25 Abs. 5 S. 4 with § 60b Abs. 1: a Duldung for persons with unclear identity rests on own fault."""
    residence = [{"status": "duldung", "duldung_kind": "60b", "valid_from": "2020-01-01", "valid_until": None}]
    assert run(situation(residence=residence))["outcome"] == "not_eligible"


def test_scenario_other_fault_by_judgement():
    """§ 25 Abs. 5 S. 3 („insbesondere“ in S. 4): other fault only on the case worker's recorded judgement."""
    fault = judgement("other", "aufenthg_25_5.unverschuldet", "negative")
    assert run(situation(extra=(fault,)))["outcome"] == "not_eligible"


def test_scenario_fault_unknown():
    """§ 25 Abs. 5 S. 3: without facts on fault the result stays open."""
    a = run(situation(removal_obstruction={"false_statements_or_deception": None, "non_cooperation": False}))
    assert a["outcome"] == "undetermined" and result(a, "unverschuldet") == "unknown"


def test_scenario_past_60b_periods_do_not_count():
    """§ 25 Abs. 5 S. 2 with § 60b Abs. 5 S. 1: § 60b periods do not count towards the 18 months."""
    residence = [
        {"status": "duldung", "duldung_kind": "60b", "valid_from": "2020-01-01", "valid_until": "2025-12-01"},
        {"status": "duldung", "duldung_kind": "60a", "valid_from": "2025-12-02", "valid_until": None},
    ]
    declined = judgement("other", "aufenthg_25_5.ermessen", "negative")
    a = run(situation(residence=residence, extra=(declined,)))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2027-06-02"


def test_scenario_holder_of_residence_permit():
    """§ 25 Abs. 5 S. 1: only for a person enforceably obliged to leave."""
    residence = [{"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25b", "valid_from": "2020-01-01"}]
    a = run(situation(residence=residence))
    assert a["outcome"] == "not_eligible" and result(a, "vollziehbar_ausreisepflichtig") == "not_met"


def test_scenario_without_status_needs_judgement():
    """§ 25 Abs. 5 S. 1: without Duldung or residence right, enforceability is for the case worker to record."""
    residence = [{"status": "none", "valid_from": "2020-01-01"}]
    granted = judgement("other", "aufenthg_25_5.ermessen")
    a = run(situation(residence=residence, extra=(granted,)))
    assert a["outcome"] == "undetermined" and result(a, "vollziehbar_ausreisepflichtig") == "judgement"
    enforceable = judgement("other", "aufenthg_25_5.vollziehbar_ausreisepflichtig")
    assert run(situation(residence=residence, extra=(granted, enforceable)))["outcome"] == "eligible"


def test_scenario_atypical_case_leaves_discretion():
    """§ 25 Abs. 5 S. 2 („soll“): in an atypical case the regular grant falls away and S. 1 discretion remains."""
    atypical = judgement("atypical_case", "aufenthg_25_5")
    a = run(situation(extra=(atypical,)))
    assert a["outcome"] == "undetermined" and option(a, "abschiebung_18_monate_ausgesetzt") == "not_met"
    declined = judgement("other", "aufenthg_25_5.ermessen", "negative")
    assert run(situation(extra=(atypical, declined)))["outcome"] == "not_eligible"


def test_scenario_general_requirements_waivable():
    """§ 5 Abs. 1 Nr. 4 with § 5 Abs. 3 S. 2: no passport – waiver at discretion, only on a recorded decision."""
    assert run(situation(passports=[]))["outcome"] == "not_eligible"
    waiver = judgement("regel_exception", "aufenthg_25_5.pass")
    assert run(situation(passports=[], extra=(waiver,)))["outcome"] == "eligible"


# --- (3) versions ------------------------------------------------------------------------------------------------------

def test_version_encoded_from_2005():
    """§ 25 Abs. 5 AufenthG (in force with the AufenthG from 01.01.2005 [R]); unchanged 04/2021 – 08/2026."""
    doc = situation(duldung_from="2003-01-01")
    assert run({**doc, "as_of": "2004-12-31"})["outcome"] == "not_in_force"
    a = run({**doc, "as_of": "2005-01-01"})
    assert a["outcome"] == "eligible"
    assert a["law_version"] == {"valid_from": "2005-01-01", "valid_until": None}
    assert a["review"] is True
