"""§ 60c AufenthG – Ausbildungsduldung (pathway ``aufenthg_60c``): thresholds, scenarios, versions.

Every assessment runs at both speeds (scalar ``assess_record`` and vectorised ``evaluate_frame``) and the two
must agree on outcome and earliest date. ``situation`` builds a person who meets every condition; tests change
only what they are about. ``test_aufenthg_16g`` reuses these builders (same wording in § 16g Abs. 1–3).
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

P = PATHWAYS["aufenthg_60c"]
AS_OF = "2026-11-23"


def situation(as_of: str = AS_OF, **over: Any) -> dict:
    """A geduldeter person (Nr. 2 route) with a registered qualified training who meets § 60c on ``as_of``.

    Entered 10.01.2022 (identity deadline of Abs. 2 Nr. 3 c: 10.07.2022), identity clarified 01.05.2022,
    asylum procedure until 30.06.2023, Duldung since 01.07.2023, training from 01.08.2026 to 31.07.2029."""
    doc: dict[str, Any] = {
        "format": "situation/1", "as_of": as_of, "person": {"birth_date": "2000-01-01"},
        "residence": [
            {"status": "aufenthaltsgestattung", "valid_from": "2022-01-10", "valid_until": "2023-06-30"},
            {"status": "duldung", "duldung_kind": "60a", "valid_from": "2023-07-01", "valid_until": None},
        ],
        "entries": [{"date": "2022-01-10", "first_entry": True}],
        "stays_abroad": [],
        "identity": {"status": "clarified", "clarified_on": "2022-05-01"},
        "identity_steps": [],
        "vocational_training": [{"kind": "qualified", "starts_on": "2026-08-01", "ends_on": "2029-07-31",
                                 "registered": True}],
        "employment_ban": {"entered_for_benefits": False, "safe_country_asylum_rejected": False},
        "removal_obstruction": {"false_statements_or_deception": False, "non_cooperation": False, "repeated": False},
        "extremism_indications": [], "convictions": [], "expulsion_order": False, "removal_measures": [],
        "expulsion_interests": [], "judgements": [],
        # for § 16g (general requirements of § 5 Abs. 1); § 60c ignores them
        "livelihood": [{"period_from": "2026-08-01", "secured": "fully", "benefits": "none"}],
        "passports": [{"kind": "national", "valid_until": "2031-01-01"}],
    }
    doc.update(copy.deepcopy(over))
    return doc


def duldung_since(day: str) -> list[dict]:
    """No status before ``day``, a Duldung from ``day`` (so the Nr. 2 route applies)."""
    before = date.fromordinal(date.fromisoformat(day).toordinal() - 1).isoformat()
    return [{"status": "none", "valid_from": "2022-01-10", "valid_until": before},
            {"status": "duldung", "duldung_kind": "60a", "valid_from": day, "valid_until": None}]


def training(start: str = "2026-08-01", **over: Any) -> list[dict]:
    item = {"kind": "qualified", "starts_on": start, "ends_on": "2029-07-31", "registered": True}
    item.update(over)
    return [item]


def conviction(rates: int | None = None, months: int | None = None, foreigner_only: bool = False,
               juvenile: bool = False, on: str = "2024-05-01") -> dict:
    return {"decided_on": on, "intentional": True, "daily_rates": rates, "prison_months": months,
            "suspended": True if months else None, "juvenile_law": juvenile,
            "immigration_only_offence": foreigner_only}


def judgement(kind: str, subject: str, value: str = "positive", on: str = "2026-01-01") -> dict:
    return {"id": f"{kind}-{subject}-{value}", "kind": kind, "subject": subject, "value": value, "recorded_on": on}


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
    for c in a["conditions"]:
        if c["id"] == cond:
            return c["result"]
        for o in c.get("alternatives", []):
            if o["id"] == cond:
                return o["result"]
    raise KeyError(cond)


def gap_kind(a: dict, cond: str) -> str | None:
    return next((g["kind"] for g in a["missing"] if g["condition"] == cond), None)


def test_base_situation_is_eligible():
    """The builder's person meets § 60c Abs. 1 S. 1 Nr. 2 and no exclusion of Abs. 2 applies."""
    a = run(situation())
    assert a["outcome"] == "eligible" and a["earliest_date"] == AS_OF
    assert a["legal_nature"] == "anspruch"


# --- (1) boundaries -----------------------------------------------------------------------------------------------

def test_prior_duldung_three_months_day_before_and_day_of():
    """§ 60c Abs. 2 Nr. 2: three months of Duldung when applying (application assumed on the assessment date)."""
    doc = situation(residence=duldung_since("2026-08-23"))
    before = run({**doc, "as_of": "2026-11-22"})
    assert before["outcome"] == "eligible_later" and before["earliest_date"] == "2026-11-23"
    assert result(before, "vorduldung") == "not_met"
    on = run(doc)
    assert on["outcome"] == "eligible" and result(on, "vorduldung") == "met"


@pytest.mark.parametrize(("applied", "outcome"), [("2026-11-22", "not_eligible"), ("2026-11-23", "eligible")])
def test_prior_duldung_counted_to_recorded_application(applied, outcome):
    """§ 60c Abs. 2 Nr. 2 („bei Antragstellung“): with a recorded application the three months end on it."""
    a = run(situation(as_of="2026-12-15", residence=duldung_since("2026-08-23"), application_date=applied))
    assert a["outcome"] == outcome


def test_prior_duldung_60b_does_not_count():
    """§ 60c Abs. 2 Nr. 2 with § 60b Abs. 5 S. 1: § 60b periods are no Vorduldungszeiten."""
    residence = duldung_since("2026-05-01")
    residence[1]["valid_until"] = "2026-10-31"
    residence[1]["duldung_kind"] = "60b"
    residence.append({"status": "duldung", "duldung_kind": "60a", "valid_from": "2026-11-01", "valid_until": None})
    a = run(situation(residence=residence))
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2027-02-01"


@pytest.mark.parametrize(("clarified", "outcome"), [("2022-07-10", "eligible"), ("2022-07-11", "not_eligible")])
def test_identity_six_months_after_entry(clarified, outcome):
    """§ 60c Abs. 2 Nr. 3 c: entry 10.01.2022 – identity must be clarified by 10.07.2022."""
    a = run(situation(identity={"status": "clarified", "clarified_on": clarified}))
    assert a["outcome"] == outcome
    if outcome == "not_eligible":
        assert gap_kind(a, "identitaet_frist") == "exclusion"


@pytest.mark.parametrize(("clarified", "outcome"), [("2021-02-28", "eligible"), ("2021-03-01", "not_eligible")])
def test_identity_six_months_after_entry_month_end(clarified, outcome):
    """§ 60c Abs. 2 Nr. 3 c with § 188 Abs. 3 BGB: entry 31.08.2020 – the six months end on 28.02.2021."""
    doc = situation(entries=[{"date": "2020-08-31"}], identity={"status": "clarified", "clarified_on": clarified})
    assert run(doc)["outcome"] == outcome


@pytest.mark.parametrize(("entry", "kind"), [("2016-12-31", "achievement"), ("2017-01-01", "exclusion")])
def test_identity_entry_cutoff_2016(entry, kind):
    """§ 60c Abs. 2 Nr. 3 a/b: entry until 31.12.2016 – identity by the application (still possible); entry from
    01.01.2017 – at the latest 30.06.2020 (passed: exclusion)."""
    a = run(situation(entries=[{"date": entry}], identity={"status": "not_clarified"}))
    assert a["outcome"] == "not_eligible"
    cond = "identitaet" if kind == "achievement" else "identitaet_frist"
    assert gap_kind(a, cond) == kind


@pytest.mark.parametrize(("clarified", "outcome"), [("2020-06-30", "eligible"), ("2020-07-01", "not_eligible")])
def test_identity_deadline_30_06_2020(clarified, outcome):
    """§ 60c Abs. 2 Nr. 3 b: entry 01.01.2017 – 31.12.2019, identity by 30.06.2020 at the latest."""
    doc = situation(entries=[{"date": "2017-01-01"}], identity={"status": "clarified", "clarified_on": clarified})
    assert run(doc)["outcome"] == outcome


@pytest.mark.parametrize(("entry", "outcome"), [("2019-12-31", "not_eligible"), ("2020-01-01", "eligible")])
def test_identity_entry_cutoff_2019(entry, outcome):
    """§ 60c Abs. 2 Nr. 3 b/c: clarified 01.07.2020 is late after entry on 31.12.2019 (deadline 30.06.2020) but in
    time after entry on 01.01.2020 (six months: 01.07.2020)."""
    doc = situation(entries=[{"date": entry}], identity={"status": "clarified", "clarified_on": "2020-07-01"})
    assert run(doc)["outcome"] == outcome


@pytest.mark.parametrize(("rates", "foreigner_only", "outcome"), [
    (50, False, "eligible"), (51, False, "not_eligible"), (90, True, "eligible"), (91, True, "not_eligible"),
])
def test_fines_50_and_90_daily_rates(rates, foreigner_only, outcome):
    """§ 60c Abs. 2 Nr. 4 with § 19d Abs. 1 Nr. 7: fines up to 50 (foreigner-only offences: 90) daily rates are
    disregarded."""
    a = run(situation(convictions=[conviction(rates, foreigner_only=foreigner_only)]))
    assert a["outcome"] == outcome


def test_fines_limits_not_added_up():
    """§ 19d Abs. 1 Nr. 7 (cautious reading): 40 general + 40 foreigner-only daily rates exceed the 50 limit."""
    a = run(situation(convictions=[conviction(40), conviction(40, foreigner_only=True)]))
    assert a["outcome"] == "not_eligible" and result(a, "straftaten") == "not_met"


@pytest.mark.parametrize(("start", "outcome", "earliest"), [
    ("2027-05-23", "eligible", "2026-11-23"), ("2027-05-24", "eligible_later", "2026-11-24"),
])
def test_grant_six_months_before_start(start, outcome, earliest):
    """§ 60c Abs. 3 S. 2: in the case of Nr. 2 granted at the earliest six months before the training starts."""
    a = run(situation(vocational_training=training(start)))
    assert a["outcome"] == outcome and a["earliest_date"] == earliest


@pytest.mark.parametrize(("applied", "outcome"), [("2026-10-22", "not_eligible"), ("2026-10-23", "eligible")])
def test_application_seven_months_before_start(applied, outcome):
    """§ 60c Abs. 3 S. 1: the application can be made at the earliest seven months before the start."""
    a = run(situation(vocational_training=training("2027-05-23"), application_date=applied))
    assert a["outcome"] == outcome


@pytest.mark.parametrize(("initiated", "outcome"), [("2026-11-23", "not_eligible"), ("2026-11-24", "eligible")])
def test_removal_measures_at_application(initiated, outcome):
    """§ 60c Abs. 2 Nr. 5 c: a transport booking initiated by the application excludes the grant (Nr. 2)."""
    doc = situation(as_of="2026-11-25", application_date="2026-11-23",
                    removal_measures=[{"kind": "transport_booking", "initiated_on": initiated}])
    assert run(doc)["outcome"] == outcome


# --- (2) scenarios from the statute --------------------------------------------------------------------------------

def test_scenario_asylum_seeker_continues_training_after_rejection():
    """§ 60c Abs. 1 S. 1 Nr. 1: training begun during the asylum procedure, application rejected, Duldung for
    one month – the three months of Abs. 2 Nr. 2 and the removal measures of Nr. 5 do not apply."""
    doc = situation(
        residence=[{"status": "aufenthaltsgestattung", "valid_from": "2022-01-10", "valid_until": "2026-10-22"},
                   {"status": "duldung", "duldung_kind": "60a", "valid_from": "2026-10-23", "valid_until": None}],
        removal_measures=[{"kind": "medical_examination", "initiated_on": "2026-11-01"}],
    )
    a = run(doc)
    assert a["outcome"] == "eligible"
    assert result(a, "asylbewerber") == "met"
    assert result(a, "vorduldung") == "not_applicable"
    assert result(a, "keine_abschiebungsmassnahmen") == "not_applicable"


def test_scenario_asylum_procedure_still_running():
    """§ 60c Abs. 1 S. 1 Nr. 1 („nach Ablehnung des Asylantrags“): while the procedure runs there is no Duldung."""
    doc = situation(residence=[{"status": "aufenthaltsgestattung", "valid_from": "2022-01-10", "valid_until": None}])
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "zugang") == "not_met"


@pytest.mark.parametrize(("shortage", "outcome"), [(True, "eligible"), (False, "not_eligible"),
                                                   (None, "undetermined")])
def test_scenario_helper_training(shortage, outcome):
    """§ 60c Abs. 1 S. 1 Nr. 1 b: an assistant/helper training counts only if it leads on to a shortage occupation
    with a promised training place."""
    a = run(situation(vocational_training=training(kind="assistant", shortage_connection=shortage)))
    assert a["outcome"] == outcome


def test_scenario_training_broken_off():
    """§ 60c Abs. 1 and Abs. 4: a training that was broken off no longer supports the Duldung."""
    a = run(situation(vocational_training=training("2025-08-01", terminated_on="2026-03-31")))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "berufsausbildung") == "achievement"


def test_scenario_contract_not_registered():
    """§ 60c Abs. 3 S. 3: the registration of the training contract must at least have been applied for."""
    a = run(situation(vocational_training=training(registered=False)))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "eintragung") == "achievement"


def test_scenario_safe_country_of_origin():
    """§ 60c Abs. 2 Nr. 1 with § 60a Abs. 6 S. 1 Nr. 3: rejected asylum seeker from a safe country of origin."""
    doc = situation(employment_ban={"entered_for_benefits": False, "safe_country_asylum_rejected": True})
    a = run(doc)
    assert a["outcome"] == "not_eligible" and gap_kind(a, "beschaeftigungsverbot") == "exclusion"


def test_scenario_employment_ban_facts_missing():
    """§ 60c Abs. 2 Nr. 1: without the facts on § 60a Abs. 6 the engine does not guess."""
    a = run(situation(employment_ban={}))
    assert a["outcome"] == "undetermined" and gap_kind(a, "beschaeftigungsverbot") == "evidence"


def test_scenario_deception_prevents_removal():
    """§ 60c Abs. 2 Nr. 1 with § 60a Abs. 6 S. 1 Nr. 2, S. 2: own deception about identity."""
    doc = situation(removal_obstruction={"false_statements_or_deception": True, "non_cooperation": False})
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "selbst_zu_vertreten") == "not_met"


def test_scenario_expulsion_order_and_extremism():
    """§ 60c Abs. 2 Nr. 4: an expulsion order, or links to extremist organisations (§ 19d Abs. 1 Nr. 6)."""
    assert run(situation(expulsion_order=True))["outcome"] == "not_eligible"
    a = run(situation(extremism_indications=[{"noted_on": "2025-01-01", "confirmed": True}]))
    assert a["outcome"] == "not_eligible" and gap_kind(a, "extremismus") == "exclusion"


def test_scenario_identity_late_but_steps_taken():
    """§ 60c Abs. 2 Nr. 3 last half-sentence and Abs. 7: late identity with steps taken needs a judgement;
    recorded positive it is met, negative it excludes."""
    doc = situation(identity={"status": "not_clarified"},
                    identity_steps=[{"kind": "embassy_appointment", "taken_on": "2022-03-01"}])
    a = run(doc)
    assert a["outcome"] == "undetermined" and gap_kind(a, "identitaet_frist") == "judgement"
    ok = judgement("identity_steps_sufficient", "aufenthg_60c.identitaet_frist")
    assert run({**doc, "judgements": [ok]})["outcome"] == "eligible"
    neg = judgement("identity_steps_sufficient", "aufenthg_60c.identitaet_frist", "negative")
    assert run({**doc, "judgements": [neg]})["outcome"] == "not_eligible"


def test_scenario_obvious_abuse():
    """§ 60c Abs. 1 S. 2: in cases of obvious abuse the Duldung can be refused – only on a recorded judgement."""
    a = run(situation(judgements=[judgement("atypical_case", "aufenthg_60c.kein_missbrauch")]))
    assert a["outcome"] == "not_eligible" and result(a, "kein_missbrauch") == "not_met"
    # a general "atypical case" judgement is not a finding of abuse
    b = run(situation(judgements=[judgement("atypical_case", "aufenthg_60c")]))
    assert b["outcome"] == "eligible"


def test_scenario_small_fine_counted_exceptionally():
    """§ 19d Abs. 1 Nr. 7 („grundsätzlich außer Betracht“): a recorded negative judgement makes a small fine count."""
    doc = situation(convictions=[conviction(20)],
                    judgements=[judgement("other", "aufenthg_60c.straftaten", "negative")])
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_training_far_ahead():
    """§ 60c Abs. 3 S. 2 with Abs. 2 Nr. 2: newly geduldet, training in ten months – the later of the two dates."""
    doc = situation(residence=duldung_since("2026-11-01"), vocational_training=training("2027-09-01"))
    a = run(doc)
    assert a["outcome"] == "eligible_later" and a["earliest_date"] == "2027-03-01"


# --- (3) versions ----------------------------------------------------------------------------------------------------

def _early(as_of: str) -> dict:
    return situation(
        as_of=as_of,
        residence=[{"status": "duldung", "duldung_kind": "60a", "valid_from": "2017-01-01", "valid_until": None}],
        entries=[{"date": "2016-05-01"}], identity={"status": "clarified", "clarified_on": "2017-01-01"},
        vocational_training=training("2020-02-01"), livelihood=[],
    )


def test_version_in_force_from_2020():
    """§ 60c in force since 01.01.2020 (before: § 60a Abs. 2 S. 4 ff., not encoded)."""
    assert run(_early("2019-12-31"))["outcome"] == "not_in_force"
    a = run(_early("2020-01-01"))
    assert a["outcome"] == "eligible" and a["law_version"]["valid_from"] == "2020-01-01"


@pytest.mark.parametrize(("kind", "before", "after"), [
    ("dublin_procedure", "not_eligible", "eligible"), ("ammr_procedure", "eligible", "not_eligible"),
])
def test_version_responsibility_procedure_2026(kind, before, after):
    """§ 60c Abs. 2 Nr. 5 e: until 11.06.2026 a Dublin procedure (Art. 20 VO 604/2013), from 12.06.2026 one under
    Art. 38 VO (EU) 2024/1351."""
    measures = [{"kind": kind, "initiated_on": "2026-05-01"}]
    a = run(situation(as_of="2026-06-11", removal_measures=measures))
    b = run(situation(as_of="2026-06-12", removal_measures=measures))
    assert (a["outcome"], b["outcome"]) == (before, after)
    assert a["law_version"]["valid_until"] == "2026-06-11" and b["law_version"]["valid_from"] == "2026-06-12"


def test_all_scenarios_vectorised_together():
    """The two speeds agree for a frame of many different persons at once (not only one row at a time)."""
    docs = [situation(), situation(expulsion_order=True), situation(employment_ban={}),
            situation(vocational_training=training("2027-05-24")), situation(residence=duldung_since("2026-08-23")),
            situation(identity={"status": "not_clarified"},
                      identity_steps=[{"kind": "other", "taken_on": "2022-03-01"}])]
    recs = [normalise(d) for d in docs]
    wide = evaluate_frame(frame_from_records(recs), date(2026, 11, 23), [P])
    for i, rec in enumerate(recs):
        scalar = assess_record(rec, [P])["pathways"][0]
        assert wide.get_column(f"{P.id}.outcome")[i] == scalar["outcome"]
        e = wide.get_column(f"{P.id}.earliest_date")[i]
        assert (e.isoformat() if e else None) == scalar["earliest_date"]
