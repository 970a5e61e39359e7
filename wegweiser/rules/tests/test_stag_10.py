"""§ 10 StAG (pathway ``stag_10``): thresholds, scenarios from the statute text, versions.

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

P = PATHWAYS["stag_10"]
AS_OF = "2026-11-23"


def situation(as_of: str = AS_OF, since: str = "2021-11-23", basis: str = "aufenthg_25b", **over: Any) -> dict:
    """A § 25b holder (a qualifying purpose under Nr. 2) who meets every other condition of § 10 Abs. 1."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "1990-05-05"},
        "residence": [{"status": "aufenthaltserlaubnis", "legal_basis": basis, "valid_from": since,
                       "valid_until": None}],
        "stays_abroad": [], "entries": [],
        "identity": {"status": "clarified"},
        "fdgo_declared_on": "2010-01-01", "historical_responsibility_declared_on": "2010-01-01",
        "extremism_indications": [],
        "livelihood": [{"period_from": "2010-01-01", "secured": "fully", "benefits": "none"}],
        "employment": [], "household": {"has_spouse": False, "children": []},
        "convictions": [],
        "language_certificates": [{"level": "B1", "scope": "complete", "issued_on": "2010-03-01"}],
        "civic_tests": [{"kind": "einbuergerungstest", "passed": True, "taken_on": "2010-03-01"}],
        "integration_course": {"status": "not_obliged"},
        "health_exemptions": [],
        "judgements": [],
    }
    doc.update(copy.deepcopy(over))
    return doc


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2010-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}", "kind": kind, "subject": subject, "value": value, "recorded_on": on}


RENOUNCES = judgement("other", "stag_10.aufgabe_staatsangehoerigkeit")
#: Once six years are reached the old law asks about special integration (§ 10 Abs. 3 S. 2 a. F.).
NO_SPECIAL = judgement("other", "stag_10.besondere_integration", "negative")


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
    for c in a["conditions"]:
        if c["id"] == cond:
            return c["result"]
        for o in c.get("alternatives", []):
            if o["id"] == cond:
                return o["result"]
    raise KeyError(cond)


# --- (1) boundaries ----------------------------------------------------------------------------------------------

def test_five_years_day_before_and_day_of():
    """§ 10 Abs. 1 S. 1 (since 27.06.2024): five years of lawful habitual residence."""
    assert run(situation(since="2021-11-23"))["outcome"] == "eligible"
    later = run(situation(since="2021-11-24"))
    assert later["outcome"] == "eligible_later" and later["earliest_date"] == "2026-11-24"


def test_eight_years_before_reform():
    """§ 10 Abs. 1 S. 1 a. F. (until 26.06.2024): eight years."""
    j = [RENOUNCES, NO_SPECIAL]
    assert run(situation(as_of="2024-01-10", since="2016-01-10", judgements=j))["outcome"] == "eligible"
    later = run(situation(as_of="2024-01-10", since="2016-01-11", judgements=j))
    assert later["outcome"] == "eligible_later" and later["earliest_date"] == "2024-01-11"


def test_seven_years_with_integration_course():
    """§ 10 Abs. 3 S. 1 a. F.: seven years with a completed integration course."""
    j, course = [RENOUNCES, NO_SPECIAL], {"status": "completed"}
    assert run(situation(as_of="2024-01-10", since="2017-01-10", integration_course=course,
                         judgements=j))["outcome"] == "eligible"
    later = run(situation(as_of="2024-01-10", since="2017-01-11", integration_course=course, judgements=j))
    assert later["outcome"] == "eligible_later" and later["earliest_date"] == "2024-01-11"
    # without the course the eight years count
    assert run(situation(as_of="2024-01-10", since="2017-01-10", judgements=j))["earliest_date"] == "2025-01-10"


def test_six_years_special_integration_only_on_judgement():
    """§ 10 Abs. 3 S. 2 a. F.: „kann … auf bis zu sechs Jahre verkürzt werden“ – a judgement, never assumed."""
    special = judgement("other", "stag_10.besondere_integration")
    a = run(situation(as_of="2024-01-10", since="2018-01-10", judgements=[RENOUNCES]))
    assert a["outcome"] == "undetermined" and result(a, "besondere_integration") == "judgement"
    b = run(situation(as_of="2024-01-10", since="2018-01-10", judgements=[RENOUNCES, special]))
    assert b["outcome"] == "eligible"
    c = run(situation(as_of="2024-01-10", since="2018-01-11", judgements=[RENOUNCES, special]))
    assert c["outcome"] == "eligible_later" and c["earliest_date"] == "2024-01-11"
    # before six years nothing is asked: the regular period decides
    d = run(situation(as_of="2024-01-10", since="2018-01-11", judgements=[RENOUNCES]))
    assert d["outcome"] == "eligible_later" and d["earliest_date"] == "2026-01-11"


def test_three_years_turbo():
    """§ 10 Abs. 3 i. d. F. 27.06.2024 – 29.10.2025: three years with special integration, § 8 Abs. 1 Nr. 4, C1."""
    c1 = [{"level": "C1", "scope": "complete", "issued_on": "2024-01-01"}]
    j = [judgement("other", "stag_10.turbo_drei_jahre")]
    assert run(situation(as_of="2025-03-01", since="2022-03-01", language_certificates=c1,
                         judgements=j))["outcome"] == "eligible"
    later = run(situation(as_of="2025-03-01", since="2022-03-02", language_certificates=c1, judgements=j))
    assert later["outcome"] == "eligible_later" and later["earliest_date"] == "2025-03-02"
    b1_only = run(situation(as_of="2025-03-01", since="2022-03-01", judgements=j))
    assert b1_only["earliest_date"] == "2027-03-01"


@pytest.mark.parametrize(("rates", "outcome"), [(90, "eligible"), (91, "not_eligible")])
def test_fines_up_to_90_daily_rates(rates, outcome):
    """§ 12a Abs. 1 S. 1 Nr. 2: fines up to 90 daily rates are disregarded."""
    conv = [{"decided_on": "2023-01-01", "daily_rates": rates}]
    assert run(situation(convictions=conv))["outcome"] == outcome


def test_fines_are_added_up():
    """§ 12a Abs. 1 S. 3: several fines are added up (50 + 41 > 90)."""
    conv = [{"decided_on": "2022-01-01", "daily_rates": 50}, {"decided_on": "2023-01-01", "daily_rates": 40}]
    assert run(situation(convictions=conv))["outcome"] == "eligible"
    conv[1]["daily_rates"] = 41
    assert run(situation(convictions=conv))["outcome"] == "not_eligible"


@pytest.mark.parametrize(("months", "outcome"), [(3, "undetermined"), (4, "not_eligible")])
def test_suspended_sentence_up_to_three_months(months, outcome):
    """§ 12a Abs. 1 S. 1 Nr. 3: suspended prison up to three months – only once remitted (a judgement)."""
    conv = [{"decided_on": "2023-01-01", "prison_months": months, "suspended": True, "juvenile_law": False}]
    a = run(situation(convictions=conv))
    assert a["outcome"] == outcome
    if months == 3:
        conv_ok = run(situation(convictions=conv, judgements=[judgement("other", "stag_10.straffreiheit")]))
        assert conv_ok["outcome"] == "eligible"


@pytest.mark.parametrize(("rates", "outcome"), [(60, "undetermined"), (61, "not_eligible")])
def test_fine_and_suspended_sentence_combined(rates, outcome):
    """§ 12a Abs. 1 S. 3: one daily rate = one day of prison – one month plus 60 rates is the limit."""
    conv = [{"decided_on": "2022-01-01", "prison_months": 1, "suspended": True, "juvenile_law": False},
            {"decided_on": "2023-01-01", "daily_rates": rates}]
    assert run(situation(convictions=conv))["outcome"] == outcome


def test_unsuspended_prison_and_juvenile_measures():
    """§ 10 Abs. 1 S. 1 Nr. 5: prison not suspended bars; § 12a Abs. 1 S. 1 Nr. 1: JGG measures do not."""
    prison = [{"decided_on": "2023-01-01", "prison_months": 1, "suspended": False, "juvenile_law": False}]
    assert run(situation(convictions=prison))["outcome"] == "not_eligible"
    jgg = [{"decided_on": "2008-01-01", "juvenile_law": True}]
    assert run(situation(convictions=jgg))["outcome"] == "eligible"
    erased = [{**prison[0], "erased_on": "2026-01-01"}]
    assert run(situation(convictions=erased))["outcome"] == "eligible"


@pytest.mark.parametrize(("start", "outcome"), [("2025-03-23", "eligible"), ("2025-03-24", "eligible_later")])
def test_full_time_twenty_months(start, outcome):
    """§ 10 Abs. 1 S. 1 Nr. 3 Buchst. b: full-time work (20 of the last 24 months) excuses SGB II benefits."""
    doc = situation(livelihood=[{"period_from": "2024-01-01", "secured": "partly", "benefits": "sgb2"}],
                    employment=[{"kind": "employed", "starts_on": start, "full_time": True, "hours_per_week": 40}])
    a = run(doc)
    assert a["outcome"] == outcome
    if outcome == "eligible_later":
        assert a["earliest_date"] == "2026-11-24"


@pytest.mark.parametrize(("returned", "outcome"), [("2024-07-10", "eligible"), ("2024-07-11", "undetermined")])
def test_stays_abroad_up_to_six_months(returned, outcome):
    """§ 12b Abs. 1 S. 1: stays abroad up to six months do not interrupt habitual residence."""
    a = run(situation(stays_abroad=[{"left_on": "2024-01-10", "returned_on": returned}]))
    assert a["outcome"] == outcome


def test_long_stay_abroad_judged():
    """§ 12b Abs. 1 S. 2: a longer stay needs the authority's view – positive runs on, negative from return."""
    abroad = [{"left_on": "2023-01-10", "returned_on": "2023-09-01"}]
    pos = run(situation(stays_abroad=abroad, judgements=[judgement("harmless_interruption",
                                                                   "stag_10.auslandsaufenthalt")]))
    assert pos["outcome"] == "eligible"
    neg = run(situation(stays_abroad=abroad, judgements=[judgement("harmless_interruption",
                                                                   "stag_10.auslandsaufenthalt", "negative")]))
    assert neg["outcome"] == "eligible_later" and neg["earliest_date"] == "2028-09-01"


@pytest.mark.parametrize(("birth", "outcome"), [("2010-11-24", "undetermined"), ("2010-11-23", "not_eligible")])
def test_child_below_16_age_appropriate_german(birth, outcome):
    """§ 10 Abs. 4 S. 2: below 16 age-appropriate language development suffices (a judgement)."""
    a = run(situation(person={"birth_date": birth}, language_certificates=[]))
    assert a["outcome"] == outcome


# --- (2) scenarios from the statute text -------------------------------------------------------------------------

def test_scenario_25_5_holder_excluded():
    """§ 10 Abs. 1 S. 1 Nr. 2: a § 25 Abs. 5 permit does not qualify."""
    a = run(situation(basis="aufenthg_25_5", since="2015-01-01"))
    assert a["outcome"] == "not_eligible" and result(a, "aufenthaltstitel") == "not_met"


def test_scenario_settlement_permit_qualifies():
    """§ 10 Abs. 1 S. 1 Nr. 2: an unbefristetes Aufenthaltsrecht qualifies."""
    residence = [{"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25b", "valid_from": "2019-01-01",
                  "valid_until": "2023-12-31"},
                 {"status": "niederlassungserlaubnis", "legal_basis": "aufenthg_26_4", "valid_from": "2024-01-01",
                  "valid_until": None}]
    assert run(situation(residence=residence))["outcome"] == "eligible"


def test_scenario_duldung_years_do_not_count():
    """„rechtmäßig“: years under a Duldung before the § 25b permit are not lawful residence."""
    residence = [{"status": "duldung", "duldung_kind": "60a", "valid_from": "2012-01-01", "valid_until": "2024-02-29"},
                 {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25b", "valid_from": "2024-03-01",
                  "valid_until": None}]
    a = run(situation(residence=residence))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2029-03-01"


def test_scenario_asylum_procedure_counts_after_recognition():
    """§ 55 Abs. 3 AsylG: the asylum procedure counts once protection is granted."""
    residence = [{"status": "aufenthaltsgestattung", "valid_from": "2021-11-23", "valid_until": "2022-12-31"},
                 {"status": "aufenthaltserlaubnis", "legal_basis": "aufenthg_25_2", "valid_from": "2023-01-01",
                  "valid_until": None}]
    assert run(situation(residence=residence))["outcome"] == "eligible"
    residence[1]["legal_basis"] = "aufenthg_25b"
    assert run(situation(residence=residence))["earliest_date"] == "2028-01-01"


def test_scenario_sgb2_without_exception():
    """§ 10 Abs. 1 S. 1 Nr. 3: receiving Bürgergeld without an exception bars the entitlement."""
    doc = situation(livelihood=[{"period_from": "2024-01-01", "secured": "partly", "benefits": "sgb2"}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "lebensunterhalt") == "not_met"


def test_scenario_housing_benefit_harmless():
    """§ 10 Abs. 1 S. 1 Nr. 3 names SGB II and XII only: housing benefit does not bar."""
    doc = situation(livelihood=[{"period_from": "2024-01-01", "secured": "partly", "benefits": "housing_child"}])
    assert run(doc)["outcome"] == "eligible"


def test_scenario_spouse_full_time_with_child():
    """§ 10 Abs. 1 S. 1 Nr. 3 Buchst. c: living with a full-time working spouse and a minor child."""
    household = {"has_spouse": True, "children": [{"birth_date": "2018-01-01", "unmarried": True,
                                                   "lives_together": True}],
                 "spouse": {"lives_together": True, "employment": [
                     {"kind": "employed", "starts_on": "2023-01-01", "full_time": True}]}}
    doc = situation(livelihood=[{"period_from": "2024-01-01", "secured": "partly", "benefits": "sgb2"}],
                    household=household)
    assert run(doc)["outcome"] == "eligible"


def test_scenario_guest_worker_asks_for_judgement():
    """§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a: entry as a contract worker by 13.06.1990 – the authority judges."""
    doc = situation(livelihood=[{"period_from": "2024-01-01", "secured": "not", "benefits": "sgb12"}],
                    entries=[{"date": "1988-05-01", "first_entry": True}])
    assert run(doc)["outcome"] == "undetermined"
    doc["judgements"] = [judgement("other", "stag_10.anwerbeabkommen")]
    assert run(doc)["outcome"] == "eligible"


def test_scenario_identity_not_clarified():
    """§ 10 Abs. 1 S. 1: identity and nationality must be clarified."""
    a = run(situation(identity={"status": "in_progress"}))
    assert a["outcome"] == "not_eligible" and result(a, "identitaet") == "not_met"


def test_scenario_age_waives_language_and_test():
    """§ 10 Abs. 6: illness, disability or age waive Nr. 6 and 7."""
    doc = situation(language_certificates=[], civic_tests=[], health_exemptions=[{"scope": "all", "ground": "age"}])
    assert run(doc)["outcome"] == "eligible"


def test_scenario_lid_test_only_as_judgement():
    """§ 10 Abs. 5: „in der Regel“ the naturalisation test; other proof (LiD test) is for the authority."""
    doc = situation(civic_tests=[{"kind": "lid", "passed": True, "taken_on": "2015-01-01"}])
    a = run(doc)
    assert a["outcome"] == "undetermined" and result(a, "einbuergerungstest") == "judgement"


def test_scenario_commitment_missing():
    """§ 10 Abs. 1 S. 1 Nr. 1: without the declaration no entitlement."""
    doc = situation()
    doc["fdgo_declared_on"] = None
    assert run(doc)["outcome"] == "undetermined"
    doc["extremism_indications"] = [{"noted_on": "2025-01-01", "confirmed": True}]
    doc["fdgo_declared_on"] = "2020-01-01"
    assert run(doc)["outcome"] == "not_eligible"


# --- (3) versions at every change date ----------------------------------------------------------------------------

def _around(day: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    return date.fromordinal(d.toordinal() - 1).isoformat(), day


def test_version_27_06_2024_five_instead_of_eight_years():
    """StARModG from 27.06.2024: 5 years instead of 8; no renunciation; Nr. 1a; Nr. 2 list without § 23 Abs. 1."""
    before, on = _around("2024-06-27")
    a = run(situation(as_of=before, since="2019-01-01"))
    assert a["outcome"] == "undetermined"  # renunciation (Nr. 4 a. F.) is for the authority
    assert result(a, "regelfrist") == "not_met"
    b = run(situation(as_of=on, since="2019-01-01"))
    assert b["outcome"] == "eligible"
    assert all(c["id"] != "aufgabe_staatsangehoerigkeit" for c in b["conditions"])
    assert any(c["id"] == "bekenntnis_verantwortung" for c in b["conditions"])
    # § 23 Abs. 1 permits qualify from 27.06.2024 on
    doc = {"basis": "aufenthg_23_1", "since": "2010-01-01", "judgements": [RENOUNCES]}
    assert run(situation(as_of=before, **doc))["outcome"] == "not_eligible"
    assert run(situation(as_of=on, **doc))["outcome"] == "eligible"


def test_version_27_06_2024_livelihood_exceptions():
    """Until 26.06.2024 „nicht zu vertreten“ (judgement); from 27.06.2024 letters a–c only."""
    before, on = _around("2024-06-27")
    sgb = [{"period_from": "2020-01-01", "secured": "partly", "benefits": "sgb2"}]
    a = run(situation(as_of=before, since="2010-01-01", livelihood=sgb, judgements=[RENOUNCES]))
    assert a["outcome"] == "undetermined" and result(a, "nicht_zu_vertreten") == "judgement"
    assert run(situation(as_of=on, since="2010-01-01", livelihood=sgb))["outcome"] == "not_eligible"


def test_version_30_10_2025_turbo_gone():
    """§ 10 Abs. 3 „(weggefallen)“ from 30.10.2025: the three-year track ends."""
    before, on = _around("2025-10-30")
    c1 = [{"level": "C1", "scope": "complete", "issued_on": "2024-01-01"}]
    j = [judgement("other", "stag_10.turbo_drei_jahre")]
    a = run(situation(as_of=before, since="2022-01-01", language_certificates=c1, judgements=j))
    assert a["outcome"] == "eligible"
    b = run(situation(as_of=on, since="2022-01-01", language_certificates=c1, judgements=j))
    assert b["outcome"] == "eligible_later" and b["earliest_date"] == "2027-01-01"


@pytest.mark.parametrize("day", ["2025-12-31", "2026-06-12", "2027-07-01"])
def test_no_change_on_other_dates(day):
    """law.md § 13 lists no § 10 StAG change on these dates (incl. 01.07.2027): same answers either side."""
    for as_of in _around(day):
        assert run(situation(as_of=as_of, since="2015-01-01"))["outcome"] == "eligible"
    y = int(day[:4]) - 5
    later = [run(situation(as_of=x, since=f"{y}{day[4:]}"))["outcome"] for x in _around(day)]
    assert later == ["eligible_later", "eligible"]
