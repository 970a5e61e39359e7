"""§ 25a Abs. 1 AufenthG (pathway ``aufenthg_25a``): thresholds, scenarios from the statute text, versions.

Every assessment runs at both speeds (``builders.assess_both``): the scalar ``assess_record`` and the vectorised
``evaluate_frame`` on ``frame_from_records([normalise(doc)])`` must agree on outcome and earliest date.
Statute text: the legal reference (shared/law/statute_excerpts.md); versions: law.md § 13.
"""

from __future__ import annotations

from typing import Any

import pytest

from wegweiser.rules.pathways import PATHWAYS

from .builders import (
    assess_both,
    conviction,
    duldung,
    exemption,
    expulsion_interest,
    judgement,
    livelihood,
    passport,
    permit,
    qualification,
    residence,
    result,
    school,
    shift,
    situation,
    stay_abroad,
)

P = PATHWAYS["aufenthg_25a"]
AS_OF = "2026-11-23"
ID = "aufenthg_25a"
PROGNOSIS = judgement("integration_prognosis", ID)


def young(as_of: str = AS_OF, birth: str | None = "2005-03-10", **over: Any) -> dict:
    """A young tolerated person who meets every condition of § 25a Abs. 1 on ``as_of`` (new version): Duldung
    since 01.06.2021, at school since 01.08.2021, identity clarified, positive integration prognosis."""
    doc = situation(
        as_of, birth,
        residence=[duldung("2021-06-01")], stays_abroad=[],
        school_attendance=[school("2021-08-01")], qualifications=[], vocational_training=[], university_studies=[],
        livelihood=[], identity={"status": "clarified"}, identity_steps=[], passports=[passport("2035-01-01")],
        convictions=[], expulsion_interests=[], extremism_indications=[], health_exemptions=[],
        removal_obstruction={"false_statements_or_deception": False, "non_cooperation": False},
        judgements=[PROGNOSIS],
    )
    doc.update(over)
    return doc


def run(doc: dict) -> dict:
    return assess_both(doc, P)


def outcome(doc: dict) -> tuple[str, str | None]:
    a = run(doc)
    return a["outcome"], a["earliest_date"]


def test_baseline_is_eligible():
    """The fixture itself: every condition of Abs. 1 S. 1 Nr. 1-5 and S. 2, 3 met."""
    a = run(young())
    assert (a["outcome"], a["earliest_date"]) == ("eligible", AS_OF)
    assert all(c["result"] in ("met", "not_applicable") for c in a["conditions"])


# --- (a) boundaries: the day before and the day of --------------------------------------------------------------

def _three_years(as_of: str) -> dict:
    """Gestattung from 23.11.2023, Duldung from 23.11.2024 (12 months reached before); a recognised
    qualification so that Nr. 2 does not bind."""
    return young(
        as_of,
        residence=[residence("aufenthaltsgestattung", "2023-11-23", "2024-11-22"), duldung("2024-11-23")],
        school_attendance=[], qualifications=[qualification("hauptschule", "2024-07-01")],
        livelihood=[livelihood("2023-11-23")],
    )


def test_voraufenthalt_three_years_day_before_and_day_of():
    """§ 25a Abs. 1 S. 1 Nr. 1: three years of uninterrupted stay, reached on the anniversary (§ 188 Abs. 2 BGB)."""
    before = run(_three_years("2026-11-22"))
    assert (before["outcome"], before["earliest_date"]) == ("eligible_later", "2026-11-23")
    assert result(before, "voraufenthalt") == "not_met"
    on = run(_three_years("2026-11-23"))
    assert (on["outcome"], on["earliest_date"]) == ("eligible", "2026-11-23")
    assert result(on, "voraufenthalt") == "met"


def _four_years_old_law(as_of: str) -> dict:
    """Old version (until 30.12.2022): Gestattung from 01.06.2018, Duldung from 01.01.2022; born 2004."""
    return young(
        as_of, "2004-01-15",
        residence=[residence("aufenthaltsgestattung", "2018-06-01", "2021-12-31"), duldung("2022-01-01")],
        school_attendance=[school("2018-06-01")],
    )


def test_voraufenthalt_four_years_old_version_day_before_and_day_of():
    """§ 25a Abs. 1 S. 1 Nr. 1 a. F.: four years (and four years of school, Nr. 2 a. F.)."""
    before = run(_four_years_old_law("2022-05-31"))
    assert (before["outcome"], before["earliest_date"]) == ("eligible_later", "2022-06-01")
    assert result(before, "voraufenthalt") == "not_met" and result(before, "schule") == "not_met"
    on = run(_four_years_old_law("2022-06-01"))
    assert (on["outcome"], on["earliest_date"]) == ("eligible", "2022-06-01")


def _twelve_months_duldung(as_of: str) -> dict:
    """Gestattung since 2020, Duldung (§ 60a) from 23.11.2025."""
    return young(as_of, residence=[residence("aufenthaltsgestattung", "2020-01-01", "2025-11-22"),
                                   duldung("2025-11-23")])


def test_prior_duldung_twelve_months_day_before_and_day_of():
    """§ 25a Abs. 1 S. 1 (as amended 31.12.2022): „seit mindestens zwölf Monaten im Besitz einer Duldung“."""
    before = run(_twelve_months_duldung("2026-11-22"))
    assert (before["outcome"], before["earliest_date"]) == ("eligible_later", "2026-11-23")
    assert result(before, "duldung_12_monate") == "not_met"
    assert run(_twelve_months_duldung("2026-11-23"))["outcome"] == "eligible"


def test_prior_duldung_not_required_in_old_version():
    """§ 25a Abs. 1 S. 1 a. F. („geduldeten Ausländer“): on 30.12.2022 a Duldung of one day suffices, on
    31.12.2022 twelve months are required (law.md § 13)."""
    res = [residence("aufenthaltsgestattung", "2017-01-01", "2022-12-29"), duldung("2022-12-30")]
    old = run(young("2022-12-30", "2004-01-15", residence=res, school_attendance=[school("2017-01-01")]))
    assert (old["outcome"], old["earliest_date"]) == ("eligible", "2022-12-30")
    new = run(young("2022-12-31", "2004-01-15", residence=res, school_attendance=[school("2017-01-01")]))
    assert (new["outcome"], new["earliest_date"]) == ("eligible_later", "2023-12-30")


@pytest.mark.parametrize(("applied", "expected"), [
    ("2032-03-09", "eligible"),  # the day before the 27th birthday
    ("2032-03-10", "not_eligible"),  # the 27th birthday: the 27th year of life is completed
])
def test_application_before_27th_birthday(applied: str, expected: str):
    """§ 25a Abs. 1 S. 1 Nr. 3: the application before completing the 27th year of life (born 10.03.2005)."""
    a = run(young("2032-04-01", application_date=applied))
    assert a["outcome"] == expected
    assert result(a, "alter_antrag") == ("met" if expected == "eligible" else "not_met")


@pytest.mark.parametrize(("as_of", "expected"), [("2032-03-09", "eligible"), ("2032-03-10", "not_eligible")])
def test_no_application_yet_assessed_as_application_on_the_date(as_of: str, expected: str):
    """§ 25a Abs. 1 S. 1 Nr. 3 without an application date: an application on the assessment date is assessed."""
    assert run(young(as_of))["outcome"] == expected


@pytest.mark.parametrize(("applied", "expected"), [("2025-01-14", "eligible"), ("2025-01-15", "not_eligible")])
def test_application_before_21st_birthday_old_version(applied: str, expected: str):
    """§ 25a Abs. 1 S. 1 Nr. 3 a. F.: before the 21st birthday (born 15.01.2004); decided on 30.12.2022 under the
    old version."""
    a = run(_four_years_old_law("2022-12-30") | {"application_date": applied})
    assert a["outcome"] == expected


def _child(as_of: str) -> dict:
    """Born 10.06.2013: Duldung and school since 2021."""
    return young(as_of, "2013-06-10")


def test_minimum_age_14_at_decision_day_before_and_day_of():
    """§ 25a Abs. 1 S. 1 („jugendlich“): at least 14 when the decision is made (secondary source, review mark)."""
    before = run(_child("2027-06-09"))
    assert (before["outcome"], before["earliest_date"]) == ("eligible_later", "2027-06-10")
    assert result(before, "jugendlich") == "not_met"
    on = run(_child("2027-06-10"))
    assert (on["outcome"], on["earliest_date"]) == ("eligible", "2027-06-10")
    assert on["review"]


def test_partial_birth_date_leaves_the_age_open():
    """Nr. 3 and „jugendlich“ with birth date 2013-00-00: on 30.06.2027 the 14th birthday may or may not have
    passed, so the result is undetermined; from 01.01.2028 it has surely passed."""
    assert run(young("2027-06-30", "2013-00-00"))["outcome"] == "undetermined"
    assert run(young("2028-01-01", "2013-00-00"))["outcome"] == "eligible"


@pytest.mark.parametrize(("months", "suspended", "juvenile", "expected"), [
    (5, False, False, "eligible"),  # below § 54 Abs. 2 Nr. 1
    (6, True, False, "not_eligible"),  # § 54 Abs. 2 Nr. 1: at least six months (suspension irrelevant)
    (11, False, True, "eligible"),  # juvenile sentence below one year
    (12, False, True, "not_eligible"),  # § 54 Abs. 2 Nr. 2: at least one year, not suspended
    (12, True, True, "eligible"),  # suspended juvenile sentence: Abs. 2 Nr. 2 does not apply
    (24, True, True, "not_eligible"),  # § 54 Abs. 1 Nr. 1: at least two years
])
def test_expulsion_interest_thresholds(months: int, suspended: bool, juvenile: bool, expected: str):
    """§ 5 Abs. 1 Nr. 2 with § 54 Abs. 1 Nr. 1, Abs. 2 Nr. 1, 2 AufenthG: the sentence thresholds."""
    doc = young(convictions=[conviction("2025-01-01", prison_months=months, suspended=suspended,
                                        juvenile_law=juvenile)])
    assert run(doc)["outcome"] == expected


# --- (b) scenarios from the statute text ---------------------------------------------------------------------

def test_scenario_holder_104c_counts_60b_periods():
    """§ 25a Abs. 1 S. 1 and Abs. 5: a § 104c holder qualifies without the twelve months of Duldung, and the
    § 60b periods (§ 60b Abs. 5 S. 1) count towards the three years of Nr. 1."""
    res = [duldung("2020-01-01", "2023-06-30", kind="60b"), permit("2023-07-01", "2026-12-31", basis="aufenthg_104c")]
    a = run(young(residence=res))
    assert (a["outcome"], result(a, "inhaber_104c"), result(a, "voraufenthalt")) == ("eligible", "met", "met")


def test_scenario_60b_without_104c_is_excluded():
    """§ 25a Abs. 1 S. 3 and § 60b Abs. 5 S. 1: a current § 60b Duldung (identity deception) bars the permit."""
    a = run(young(residence=[duldung("2019-01-01", kind="60b")]))
    assert a["outcome"] == "not_eligible"
    assert result(a, "versagung_taeuschung") == "not_met"
    assert any(m["kind"] == "exclusion" for m in a["missing"])


def test_scenario_holder_104c_identity_steps():
    """§ 25a Abs. 6: a § 104c holder with unclarified identity needs the case worker's judgement that all
    reasonable steps were taken (S. 2); without steps the permit is not to be granted (S. 1)."""
    res = [duldung("2019-01-01", "2023-06-30"), permit("2023-07-01", None, basis="aufenthg_104c")]
    base = young(residence=res, identity={"status": "in_progress"})
    no_steps = run(base)
    assert no_steps["outcome"] == "not_eligible" and result(no_steps, "identitaet_104c") == "not_met"
    steps = base | {"identity_steps": [{"kind": "passport_application", "taken_on": "2024-01-10"}]}
    open_ = run(steps)
    assert open_["outcome"] == "undetermined" and result(open_, "identitaet_104c") == "judgement"
    judged = steps | {"judgements": [PROGNOSIS, judgement("identity_steps_sufficient", f"{ID}.identitaet_104c")]}
    assert run(judged)["outcome"] == "eligible"


def test_scenario_recognised_qualification_replaces_school():
    """§ 25a Abs. 1 S. 1 Nr. 2 (second alternative): a recognised school qualification obtained in Germany."""
    doc = young(school_attendance=[], qualifications=[qualification("mittlere_reife", "2025-07-01")],
                livelihood=[livelihood("2025-08-01")])
    assert run(doc)["outcome"] == "eligible"
    foreign = young(school_attendance=[], qualifications=[qualification("foreign", "2020-07-01", in_germany=False)],
                    livelihood=[livelihood("2025-08-01")])
    assert run(foreign)["outcome"] == "not_eligible"


def test_scenario_short_school_time_is_a_time_gap_or_a_regel_exception():
    """§ 25a Abs. 1 S. 1 Nr. 2 („in der Regel seit drei Jahren“): school since 01.09.2024 is met on 01.09.2027;
    a recorded exception from the rule replaces it now."""
    doc = young(school_attendance=[school("2024-09-01")])
    assert outcome(doc) == ("eligible_later", "2027-09-01")
    exc = doc | {"judgements": [PROGNOSIS, judgement("regel_exception", f"{ID}.schule")]}
    assert outcome(exc) == ("eligible", AS_OF)


def test_scenario_disability_waives_school():
    """§ 25a Abs. 1 S. 1 Nr. 2 S. 2: the school requirement is waived for illness or disability (new version)."""
    doc = young(school_attendance=[], health_exemptions=[exemption("school", "illness_or_disability")],
                livelihood=[livelihood("2025-01-01")])
    assert run(doc)["outcome"] == "eligible"
    old = young("2022-12-30", "2004-01-15", residence=[duldung("2017-01-01")], school_attendance=[],
                health_exemptions=[exemption("school")], livelihood=[livelihood("2020-01-01")])
    assert run(old)["outcome"] == "not_eligible"  # § 25a a. F. had no such waiver


def test_scenario_integration_prognosis_is_the_case_workers_judgement():
    """§ 25a Abs. 1 S. 1 Nr. 4: whether integration „gewährleistet erscheint“ is never decided by the engine."""
    a = run(young(judgements=[]))
    assert a["outcome"] == "undetermined" and result(a, "integrationsprognose") == "judgement"
    assert run(young(judgements=[judgement("integration_prognosis", ID, "negative")]))["outcome"] == "not_eligible"


def test_scenario_extremism_indication():
    """§ 25a Abs. 1 S. 1 Nr. 5: concrete indications against the commitment to the free democratic order."""
    doc = young(extremism_indications=[{"noted_on": "2026-01-01", "confirmed": True}])
    assert run(doc)["outcome"] == "not_eligible"


def test_scenario_benefits_harmless_while_in_education():
    """§ 25a Abs. 1 S. 2: public benefits do not bar the permit while the person is in school, training or at
    university; after school without secured livelihood the general rule (§ 5 Abs. 1 Nr. 1) is not met."""
    benefits = [livelihood("2021-06-01", "not", False, "sgb2")]
    training = {"kind": "qualified", "starts_on": "2025-09-01", "ends_on": "2028-08-31", "registered": True}
    done = {"school_attendance": [school("2021-08-01", "2025-07-31")],
            "qualifications": [qualification("hauptschule", "2025-07-31")]}
    in_training = young(vocational_training=[training], livelihood=benefits, **done)
    assert run(in_training)["outcome"] == "eligible"
    left = young(livelihood=benefits, **done)
    a = run(left)
    assert a["outcome"] == "not_eligible" and result(a, "lebensunterhalt") == "not_met"


def test_scenario_stay_abroad_interrupts_unless_judged_harmless():
    """§ 25a Abs. 1 S. 1 Nr. 1 („ununterbrochen“): a stay abroad of one month restarts the count; whether a
    short interruption is harmless is for the case worker to judge."""
    doc = young(stays_abroad=[stay_abroad("2025-01-01", "2025-02-01")])
    a = run(doc)
    assert a["outcome"] == "undetermined" and result(a, "voraufenthalt") == "judgement"
    harmless = doc | {"judgements": [PROGNOSIS, judgement("harmless_interruption", ID)]}
    assert run(harmless)["outcome"] == "eligible"
    harmful = doc | {"judgements": [PROGNOSIS, judgement("harmless_interruption", ID, "negative")]}
    assert outcome(harmful) == ("eligible_later", "2028-02-01")


def test_scenario_deadline_before_earliest_date():
    """§ 25a Abs. 1 S. 1 Nr. 1 and Nr. 3: three years would be reached only after the 27th birthday, so the
    application deadline has passed by then — an exclusion."""
    doc = young(birth="2000-03-10", residence=[duldung("2025-01-01")], school_attendance=[],
                qualifications=[qualification("abitur", "2024-06-30")], livelihood=[livelihood("2025-01-01")])
    a = run(doc)
    assert (a["outcome"], a["earliest_date"]) == ("not_eligible", None)
    assert any(m["kind"] == "exclusion" and m["condition"] == "alter_antrag" for m in a["missing"])


def test_scenario_unknown_facts_make_it_undetermined():
    """§ 25a Abs. 1 S. 1 Nr. 1, 3: unknown residence history or birth date — nothing is guessed."""
    assert run(young(residence=None))["outcome"] == "undetermined"
    assert run(young(birth=None))["outcome"] == "undetermined"


def test_scenario_atypical_case_and_expulsion_interest():
    """„soll“ in § 25a Abs. 1 S. 1: an atypical case (recorded judgement) leaves no regular entitlement;
    § 5 Abs. 1 Nr. 2: a recorded interest in expulsion fails the general rule."""
    atypical = young(judgements=[PROGNOSIS, judgement("atypical_case", ID)])
    assert run(atypical)["outcome"] == "not_eligible"
    interest = young(expulsion_interests=[expulsion_interest(2, "9", "2025-01-01")])
    assert run(interest)["outcome"] == "not_eligible"


# --- (c) versions at every change date (law.md § 13) -------------------------------------------------------------

def test_change_dates_are_the_ones_of_law_md():
    """law.md § 13: 01.08.2015 (encoded version), 31.12.2022 (ChAufenthG), 01.07.2027 (end of § 104c rules)."""
    assert [d.isoformat() for d in P.change_dates()] == ["2015-08-01", "2022-12-31", "2027-07-01"]


def test_version_2015_08_01():
    """§ 25a before 01.08.2015 is not encoded (params R_2015): not_in_force the day before."""
    doc = young("2015-07-31", "1998-01-01", residence=[duldung("2010-01-01")], school_attendance=[school("2010-01-01")])
    assert outcome(doc) == ("not_in_force", None)
    assert outcome(doc | {"as_of": "2015-08-01"}) == ("eligible", "2015-08-01")


def test_version_2022_12_31_four_to_three_years():
    """§ 25a Abs. 1 S. 1 Nr. 1, 2 (ChAufenthG): four years until 30.12.2022, three from 31.12.2022; the
    twelve months of Duldung are already met here."""
    doc = young("2022-12-30", "2004-01-15", residence=[duldung("2019-06-01")], school_attendance=[school("2019-06-01")])
    assert outcome(doc) == ("eligible_later", "2023-06-01")
    assert outcome(doc | {"as_of": "2022-12-31"}) == ("eligible", "2022-12-31")


def test_version_2022_12_31_age_21_to_27():
    """§ 25a Abs. 1 S. 1 Nr. 3: a 22-year-old is excluded on 30.12.2022 and may apply on 31.12.2022."""
    doc = young("2022-12-30", "2000-06-01", residence=[duldung("2017-01-01")], school_attendance=[],
                qualifications=[qualification("abitur", "2020-06-30")], livelihood=[livelihood("2020-07-01")])
    assert outcome(doc) == ("not_eligible", None)
    assert outcome(doc | {"as_of": "2022-12-31"}) == ("eligible", "2022-12-31")


def test_version_2027_07_01_end_of_104c_rules():
    """§ 25a Abs. 1 S. 1, Abs. 5 (ChAufenthG Art. 5, 8 as amended; date [R], law.md § 14 Nr. 2): until
    30.06.2027 a § 104c holder qualifies; from 01.07.2027 the § 104c alternative is gone."""
    res = [duldung("2019-01-01", "2023-06-30"), permit("2023-07-01", None, basis="aufenthg_104c")]
    doc = young("2027-06-30", residence=res)
    a = run(doc)
    assert a["outcome"] == "eligible" and a["review"]
    after = run(doc | {"as_of": "2027-07-01"})
    assert after["outcome"] == "not_eligible" and result(after, "zugang") == "not_met"


def test_version_2027_07_01_tolerated_person_unchanged():
    """§ 25a Abs. 1 for a tolerated person does not change on 01.07.2027."""
    doc = young("2027-06-30")
    assert outcome(doc) == ("eligible", "2027-06-30")
    assert outcome(doc | {"as_of": "2027-07-01"}) == ("eligible", "2027-07-01")


def test_shift_helper_counts_like_188_bgb():
    """The builder's date arithmetic follows § 188 Abs. 3 BGB (used to compute thresholds in other tests)."""
    assert shift("2024-02-29", years=1) == "2025-03-01"
    assert shift("2026-11-23", years=-3, days=-1) == "2023-11-22"
