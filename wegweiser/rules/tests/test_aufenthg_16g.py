"""§ 16g AufenthG – Aufenthaltserlaubnis zur Berufsausbildung (pathway ``aufenthg_16g``): thresholds, scenarios,
versions. Abs. 1–3 share their wording with § 60c, so the builders of ``test_aufenthg_60c`` are reused; every
assessment runs at both speeds and they must agree on outcome and earliest date.
"""

from __future__ import annotations

import pytest

from wegweiser.rules.pathways import PATHWAYS

from .test_aufenthg_60c import (
    AS_OF,
    conviction,
    duldung_since,
    gap_kind,
    judgement,
    result,
    situation,
    training,
)
from .test_aufenthg_60c import run as run_any

P = PATHWAYS["aufenthg_16g"]


def run(doc: dict) -> dict:
    return run_any(doc, P)


def test_base_situation_is_eligible():
    """§ 16g Abs. 1 S. 1 Nr. 2 („ist … zu erteilen“) with livelihood and passport (§ 5 Abs. 1 Nr. 1, 4)."""
    a = run(situation())
    assert a["outcome"] == "eligible" and a["legal_nature"] == "anspruch"


# --- (1) boundaries -----------------------------------------------------------------------------------------------

def test_prior_duldung_three_months_day_before_and_day_of():
    """§ 16g Abs. 2 Nr. 2: three months of Duldung when applying."""
    doc = situation(residence=duldung_since("2026-08-23"))
    before = run({**doc, "as_of": "2026-11-22"})
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    assert run(doc)["outcome"] == "eligible"


@pytest.mark.parametrize(("clarified", "outcome"), [("2022-07-10", "eligible"), ("2022-07-11", "not_eligible")])
def test_identity_six_months_after_entry(clarified, outcome):
    """§ 16g Abs. 2 Nr. 3 c: entry 10.01.2022 – identity by 10.07.2022."""
    assert run(situation(identity={"status": "clarified", "clarified_on": clarified}))["outcome"] == outcome


@pytest.mark.parametrize(("entry", "cond", "kind"), [("2016-12-31", "identitaet", "achievement"),
                                                     ("2017-01-01", "identitaet_frist", "exclusion")])
def test_identity_entry_cutoff_2016(entry, cond, kind):
    """§ 16g Abs. 2 Nr. 3 a/b: entry by 31.12.2016 – identity by the application; later – 30.06.2020 at the latest."""
    a = run(situation(entries=[{"date": entry}], identity={"status": "not_clarified"}))
    assert a["outcome"] == "not_eligible" and gap_kind(a, cond) == kind


@pytest.mark.parametrize(("entry", "outcome"), [("2019-12-31", "not_eligible"), ("2020-01-01", "eligible")])
def test_identity_entry_cutoff_2019(entry, outcome):
    """§ 16g Abs. 2 Nr. 3 b/c: identity clarified on 01.07.2020 is late for entry 31.12.2019, in time for 01.01.2020."""
    doc = situation(entries=[{"date": entry}], identity={"status": "clarified", "clarified_on": "2020-07-01"})
    assert run(doc)["outcome"] == outcome


@pytest.mark.parametrize(("rates", "foreigner_only", "outcome"), [
    (50, False, "eligible"), (51, False, "not_eligible"), (90, True, "eligible"), (91, True, "not_eligible"),
])
def test_fines_50_and_90_daily_rates(rates, foreigner_only, outcome):
    """§ 16g Abs. 2 Nr. 4 with § 19d Abs. 1 Nr. 7: the 50/90 daily-rate limits."""
    assert run(situation(convictions=[conviction(rates, foreigner_only=foreigner_only)]))["outcome"] == outcome


@pytest.mark.parametrize(("start", "outcome", "earliest"), [
    ("2027-05-23", "eligible", "2026-11-23"), ("2027-05-24", "eligible_later", "2026-11-24"),
])
def test_grant_six_months_before_start(start, outcome, earliest):
    """§ 16g Abs. 3 S. 2: in the case of Nr. 2 granted at the earliest six months before the start."""
    a = run(situation(vocational_training=training(start)))
    assert a["outcome"] == outcome and a["earliest_date"] == earliest


@pytest.mark.parametrize(("applied", "outcome"), [("2026-10-22", "not_eligible"), ("2026-10-23", "eligible")])
def test_application_seven_months_before_start(applied, outcome):
    """§ 16g Abs. 3 S. 1: application at the earliest seven months before the start."""
    assert run(situation(vocational_training=training("2027-05-23"), application_date=applied))["outcome"] == outcome


@pytest.mark.parametrize(("until", "outcome"), [("2026-11-22", "not_eligible"), ("2026-11-23", "eligible")])
def test_passport_valid_on_the_day(until, outcome):
    """§ 5 Abs. 1 Nr. 4 AufenthG: the passport must be valid on the day of the decision."""
    assert run(situation(passports=[{"kind": "national", "valid_until": until}]))["outcome"] == outcome


# --- (2) scenarios ---------------------------------------------------------------------------------------------------

def test_scenario_livelihood_missing_but_60c_open():
    """§ 5 Abs. 1 Nr. 1: without secured livelihood no § 16g permit – the Ausbildungsduldung (§ 60c) stays open."""
    doc = situation(livelihood=[{"period_from": "2026-08-01", "secured": "partly", "benefits": "asylblg"}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and gap_kind(a, "lebensunterhalt") == "achievement"
    assert run_any(doc)["outcome"] == "eligible"  # § 60c


def test_scenario_training_support_sgb3():
    """§ 16g Abs. 10 S. 3: receiving SGB III training support, public benefits do not bar the permit."""
    doc = situation(livelihood=[{"period_from": "2026-08-01", "secured": "partly", "benefits": "bafoeg_bab"}])
    assert run(doc)["outcome"] == "eligible"


def test_scenario_no_passport_and_exception():
    """§ 5 Abs. 1 Nr. 4 with § 16g Abs. 10 S. 5: no passport – only a recorded exception waives it."""
    doc = situation(passports=[])
    assert run(doc)["outcome"] == "not_eligible"
    waived = judgement("regel_exception", "aufenthg_16g.pass")
    assert run({**doc, "judgements": [waived]})["outcome"] == "eligible"


def test_scenario_identity_not_required_beyond_abs2():
    """§ 16g Abs. 10 S. 2: § 5 Abs. 1 Nr. 1a does not apply – entry by 2016 and identity clarified only now."""
    doc = situation(entries=[{"date": "2015-09-01"}], identity={"status": "clarified", "clarified_on": "2026-11-01"})
    assert run(doc)["outcome"] == "eligible"


def test_scenario_asylum_seeker_route():
    """§ 16g Abs. 1 S. 1 Nr. 1: training begun during the asylum procedure, continued after rejection."""
    doc = situation(
        residence=[{"status": "aufenthaltsgestattung", "valid_from": "2022-01-10", "valid_until": "2026-11-10"},
                   {"status": "duldung", "duldung_kind": "60a", "valid_from": "2026-11-11", "valid_until": None}],
    )
    a = run(doc)
    assert a["outcome"] == "eligible" and result(a, "vorduldung") == "not_applicable"


def test_scenario_expulsion_interest():
    """§ 5 Abs. 1 Nr. 2: a prison sentence of a year founds an interest in expulsion (and fails Abs. 2 Nr. 4)."""
    a = run(situation(convictions=[conviction(months=12)]))
    assert a["outcome"] == "not_eligible"
    assert result(a, "ausweisungsinteresse") == "not_met" and result(a, "straftaten") == "not_met"


def test_scenario_safe_country_and_imminent_removal():
    """§ 16g Abs. 2 Nr. 1 (§ 60a Abs. 6 Nr. 3) and Nr. 5 a (medical examination of fitness to travel)."""
    banned = situation(employment_ban={"entered_for_benefits": False, "safe_country_asylum_rejected": True})
    assert run(banned)["outcome"] == "not_eligible"
    exam = situation(removal_measures=[{"kind": "medical_examination", "initiated_on": "2026-10-01"}])
    assert gap_kind(run(exam), "keine_abschiebungsmassnahmen") == "exclusion"
    done = situation(removal_measures=[{"kind": "medical_examination", "initiated_on": "2026-10-01",
                                        "ended_on": "2026-10-20"}])
    assert run(done)["outcome"] == "eligible"


def test_scenario_missing_facts_undetermined():
    """§ 16g Abs. 2 Nr. 3: an unknown date of entry leaves the identity deadline open."""
    a = run(situation(entries=None))
    assert a["outcome"] == "undetermined" and gap_kind(a, "identitaet") == "evidence"


# --- (3) versions ----------------------------------------------------------------------------------------------------

def test_version_in_force_from_01_03_2024():
    """§ 16g in force since 01.03.2024 (FEG 2.0); before: not_in_force (while § 60c applies)."""
    doc = situation(vocational_training=training("2024-08-01"), livelihood=[
        {"period_from": "2024-01-01", "secured": "fully", "benefits": "none"}])
    before = run({**doc, "as_of": "2024-02-29"})
    assert before["outcome"] == "not_in_force" and run_any({**doc, "as_of": "2024-02-29"})["outcome"] == "eligible"
    on = run({**doc, "as_of": "2024-03-01"})
    assert on["outcome"] == "eligible" and on["law_version"]["valid_from"] == "2024-03-01"


@pytest.mark.parametrize(("kind", "before", "after"), [
    ("dublin_procedure", "not_eligible", "eligible"), ("ammr_procedure", "eligible", "not_eligible"),
])
def test_version_responsibility_procedure_2026(kind, before, after):
    """§ 16g Abs. 2 Nr. 5 e: Art. 20 VO 604/2013 until 11.06.2026, Art. 38 VO (EU) 2024/1351 from 12.06.2026."""
    measures = [{"kind": kind, "initiated_on": "2026-05-01"}]
    money = [{"period_from": "2026-01-01", "secured": "fully", "benefits": "none"}]
    assert run(situation(as_of="2026-06-11", removal_measures=measures, livelihood=money))["outcome"] == before
    assert run(situation(as_of="2026-06-12", removal_measures=measures, livelihood=money))["outcome"] == after


def test_version_no_change_on_01_07_2027():
    """law.md schedules changes for 01.07.2027 only in §§ 25a, 25b: § 16g reads the same on both days."""
    doc = situation(vocational_training=training("2027-08-01"),
                    livelihood=[{"period_from": "2026-08-01", "secured": "fully", "benefits": "none"}])
    a, b = run({**doc, "as_of": "2027-06-30"}), run({**doc, "as_of": "2027-07-01"})
    assert a["outcome"] == b["outcome"] == "eligible"
    assert a["law_version"] == b["law_version"] and a["law_version"]["valid_until"] is None


def test_as_of_constant_matches_builder():
    assert situation()["as_of"] == AS_OF
