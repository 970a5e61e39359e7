"""§ 25b AufenthG (pathway ``aufenthg_25b``): thresholds, scenarios from the statute text, versions.

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
    certificate,
    child,
    civic_test,
    conviction,
    duldung,
    employment,
    exemption,
    expulsion_interest,
    household,
    judgement,
    livelihood,
    passport,
    permit,
    residence,
    result,
    situation,
)

P = PATHWAYS["aufenthg_25b"]
AS_OF = "2026-11-23"
ID = "aufenthg_25b"


def integrated(as_of: str = AS_OF, res: list | None = None, **over: Any) -> dict:
    """A tolerated adult who meets every condition of § 25b Abs. 1 on ``as_of``: Duldung since 01.01.2019,
    employed and living mainly from work since 2013, A2 certificate, „Leben in Deutschland“ passed, no children
    (the facts other than residence date from 2012/2013 so that older assessment dates work too)."""
    doc = situation(
        as_of, "1985-04-04",
        residence=[duldung("2019-01-01")] if res is None else res, stays_abroad=[],
        fdgo_declared_on="2013-05-01", extremism_indications=[],
        civic_tests=[civic_test("2013-05-01")], integration_course={"status": "completed", "was_possible": True},
        employment=[employment("2013-03-01", hours=38)], livelihood=[livelihood("2013-03-01")],
        language_certificates=[certificate("A2", "2012-10-01")],
        household=household([], single_parent=False, cares_for_relative=False), school_attendance=[], vocational_training=[], university_studies=[],
        identity={"status": "clarified"}, identity_steps=[], passports=[passport("2031-01-01")],
        convictions=[], expulsion_interests=[], expulsion_order=False, health_exemptions=[],
        removal_obstruction={"false_statements_or_deception": False, "non_cooperation": False},
        judgements=[],
    )
    doc.update(over)
    return doc


def run(doc: dict) -> dict:
    return assess_both(doc, P)


def outcome(doc: dict) -> tuple[str, str | None]:
    a = run(doc)
    return a["outcome"], a["earliest_date"]


def test_baseline_is_eligible():
    a = run(integrated())
    assert (a["outcome"], a["earliest_date"]) == ("eligible", AS_OF)
    assert all(c["result"] in ("met", "not_applicable") for c in a["conditions"])


# --- (a) boundaries: the day before and the day of --------------------------------------------------------------

def test_six_years_day_before_and_day_of():
    """§ 25b Abs. 1 S. 2 Nr. 1: at least six years of uninterrupted tolerated/authorised/permitted stay."""
    res = [residence("aufenthaltsgestattung", "2020-11-23", "2022-02-28"), duldung("2022-03-01")]
    assert outcome(integrated("2026-11-22", res)) == ("eligible_later", "2026-11-23")
    assert outcome(integrated("2026-11-23", res)) == ("eligible", "2026-11-23")


def _family(as_of: str, since: str, child_born: str = "2015-09-01") -> dict:
    return integrated(as_of, [duldung(since)], household=household([child(child_born)], single_parent=False,
                                                                   cares_for_relative=False))


def test_four_years_with_minor_child_day_before_and_day_of():
    """§ 25b Abs. 1 S. 2 Nr. 1: four years when living with a minor unmarried child in the household."""
    assert outcome(_family("2026-11-22", "2022-11-23")) == ("eligible_later", "2026-11-23")
    a = run(_family("2026-11-23", "2022-11-23"))
    assert (a["outcome"], result(a, "voraufenthalt_mit_kind"), result(a, "voraufenthalt_allein")) == (
        "eligible", "met", "not_met")


def test_eight_and_six_years_in_the_old_version():
    """§ 25b Abs. 1 S. 2 Nr. 1 a. F. (until 30.12.2022): eight years, six with a minor child."""
    single = [duldung("2014-06-01")]
    assert outcome(integrated("2022-05-31", single)) == ("eligible_later", "2022-06-01")
    assert outcome(integrated("2022-06-01", single)) == ("eligible", "2022-06-01")
    assert outcome(_family("2022-05-31", "2016-06-01")) == ("eligible_later", "2022-06-01")
    assert outcome(_family("2022-06-01", "2016-06-01")) == ("eligible", "2022-06-01")


def test_child_turning_18_ends_the_shorter_period():
    """§ 25b Abs. 1 S. 2 Nr. 1: the four years need a *minor* child; the day before the 18th birthday it still
    counts, on the birthday it no longer does (then six years apply)."""
    assert outcome(_family("2026-11-23", "2022-06-01", child_born="2008-11-24"))[0] == "eligible"
    assert outcome(_family("2026-11-24", "2022-06-01", child_born="2008-11-24")) == ("eligible_later", "2028-06-01")


def _sixty_d(as_of: str, **over: Any) -> dict:
    """Gestattung from 01.01.2021, Duldung § 60d from 23.05.2024 (30 months on 23.11.2026), employed 38 h."""
    res = [residence("aufenthaltsgestattung", "2021-01-01", "2024-05-22"), duldung("2024-05-23", kind="60d")]
    return integrated(as_of, res, **over)


def test_abs6_thirty_months_60d_day_before_and_day_of():
    """§ 25b Abs. 6: 30 months of a § 60d Duldung replace the period of Abs. 1 S. 2 Nr. 1 (six years would be
    reached only on 01.01.2027)."""
    before = run(_sixty_d("2026-11-22"))
    assert (before["outcome"], before["earliest_date"]) == ("eligible_later", "2026-11-23")
    on = run(_sixty_d("2026-11-23"))
    assert (on["outcome"], result(on, "beschaeftigungsduldung_30_monate")) == ("eligible", "met")


@pytest.mark.parametrize(("months", "suspended", "juvenile", "expected"), [
    (5, False, False, "eligible"),  # below § 54 Abs. 2 Nr. 1
    (6, True, False, "not_eligible"),  # § 54 Abs. 2 Nr. 1: at least six months
    (11, False, True, "eligible"),  # juvenile sentence below one year
    (12, False, True, "not_eligible"),  # § 54 Abs. 2 Nr. 2: at least one year without probation
    (12, True, True, "eligible"),
    (24, True, True, "not_eligible"),  # § 54 Abs. 1 Nr. 1: at least two years
])
def test_expulsion_interest_thresholds(months: int, suspended: bool, juvenile: bool, expected: str):
    """§ 25b Abs. 2 Nr. 2 with § 54 Abs. 1 Nr. 1 and Abs. 2 Nr. 1, 2 AufenthG: the sentence thresholds."""
    doc = integrated(convictions=[conviction("2025-01-01", prison_months=months, suspended=suspended,
                                             juvenile_law=juvenile)])
    assert run(doc)["outcome"] == expected


# --- (b) scenarios from the statute text ---------------------------------------------------------------------

def test_scenario_only_from_duldung():
    """§ 25b Abs. 1 S. 1: only for a tolerated person (or a § 104c holder); other permit holders are excluded."""
    a = run(integrated(res=[permit("2019-01-01", None, basis="aufenthg_25_5")]))
    assert a["outcome"] == "not_eligible" and result(a, "zugang") == "not_met"


def test_scenario_school_attendance_of_children():
    """§ 25b Abs. 1 S. 2 Nr. 5: actual school attendance of children of school age must be proven."""
    kid = child("2015-09-01", school_attendance_proven=False)
    a = run(integrated(household=household([kid])))
    assert a["outcome"] == "not_eligible" and result(a, "schulbesuch_kinder") == "not_met"
    toddler = child("2023-01-01", school_attendance_proven=None)
    b = run(integrated(household=household([toddler])))
    assert b["outcome"] == "eligible" and result(b, "schulbesuch_kinder") == "not_applicable"


def test_scenario_livelihood_benefits_of_a_single_parent():
    """§ 25b Abs. 1 S. 2 Nr. 3 and S. 3 Nr. 3: a single parent of a minor child on benefits — whether the benefit
    is temporary is the case worker's judgement; a positive livelihood prognosis (Nr. 3 second alternative)
    satisfies Nr. 3, a negative one fails it."""
    doc = integrated(employment=[], livelihood=[livelihood("2020-01-01", "not", False, "sgb2")],
                     household=household([child("2021-02-02", school_attendance_proven=None)], single_parent=True,
                                         cares_for_relative=False))
    a = run(doc)
    assert a["outcome"] == "undetermined" and result(a, "lebensunterhalt") == "judgement"
    positive = doc | {"judgements": [judgement("livelihood_prognosis", f"{ID}.lebensunterhalt")]}
    assert run(positive)["outcome"] == "eligible"
    negative = doc | {"judgements": [judgement("livelihood_prognosis", ID, "negative")]}
    assert run(negative)["outcome"] == "not_eligible"


def test_scenario_livelihood_mainly_from_work_and_housing_benefit():
    """§ 25b Abs. 1 S. 2 Nr. 3: „überwiegend durch Erwerbstätigkeit“; housing benefit (Wohngeld) is harmless."""
    doc = integrated(livelihood=[livelihood("2020-03-01", "partly", True, "housing_child")])
    assert run(doc)["outcome"] == "eligible"
    not_from_work = integrated(livelihood=[livelihood("2020-03-01", "partly", False, "sgb2")])
    assert run(not_from_work)["outcome"] == "not_eligible"


def test_scenario_oral_german_and_exemption_for_age():
    """§ 25b Abs. 1 S. 2 Nr. 4 (A2 oral) and Abs. 3: waived when not attainable for reasons of age."""
    assert run(integrated(language_certificates=[certificate("A1", "2022-10-01")]))["outcome"] == "not_eligible"
    assert run(integrated(language_certificates=[certificate("A2", "2022-10-01", "oral")]))["outcome"] == "eligible"
    exempt = integrated(language_certificates=[], health_exemptions=[exemption("language", "age")])
    assert run(exempt)["outcome"] == "eligible"


def test_scenario_commitment_and_civic_knowledge():
    """§ 25b Abs. 1 S. 2 Nr. 2: the commitment must be on record (unknown otherwise); basic knowledge also
    follows from a completed integration course."""
    assert run(integrated(fdgo_declared_on=None))["outcome"] == "undetermined"
    assert run(integrated(civic_tests=[]))["outcome"] == "eligible"  # course completed
    no_knowledge = integrated(civic_tests=[], integration_course={"status": "enrolled"})
    assert run(no_knowledge)["outcome"] == "not_eligible"


def test_scenario_obstructing_removal():
    """§ 25b Abs. 2 Nr. 1: not meeting reasonable duties to cooperate bars the permit (an exclusion)."""
    doc = integrated(removal_obstruction={"false_statements_or_deception": False, "non_cooperation": True})
    a = run(doc)
    assert a["outcome"] == "not_eligible" and result(a, "versagung_mitwirkung") == "not_met"


def test_scenario_only_serious_expulsion_interests_bar():
    """§ 25b Abs. 2 Nr. 2: § 54 Abs. 1 or Abs. 2 Nr. 1, 2 bar the permit outright. Another interest (Abs. 2 Nr. 9)
    only fails the general rule of § 5 Abs. 1 Nr. 2, from which an exception can be recorded."""
    exception = [judgement("regel_exception", f"{ID}.ausweisungsinteresse")]
    minor = integrated(expulsion_interests=[expulsion_interest(2, "9", "2025-01-01")])
    a = run(minor)
    assert a["outcome"] == "not_eligible" and result(a, "versagung_ausweisungsinteresse") == "met"
    assert run(minor | {"judgements": exception})["outcome"] == "eligible"
    serious = integrated(expulsion_interests=[expulsion_interest(1, "1", "2025-01-01")], judgements=exception)
    b = run(serious)
    assert b["outcome"] == "not_eligible" and result(b, "versagung_ausweisungsinteresse") == "not_met"


def test_scenario_abs6_written_german_when_course_was_possible():
    """§ 25b Abs. 6 2nd half-sentence: if an integration course was possible, the person or the spouse needs
    written German; with only an oral certificate the Abs. 6 route fails (six years not yet reached)."""
    oral = [certificate("A2", "2025-01-01", "oral")]
    a = run(_sixty_d(AS_OF, language_certificates=oral))
    assert (a["outcome"], a["earliest_date"]) == ("eligible_later", "2027-01-01")
    spouse = household([], has_spouse=True, spouse={"lives_together": True,
                                                      "language_certificates": [certificate("A2", "2024-01-01")]})
    assert run(_sixty_d(AS_OF, language_certificates=oral, household=spouse))["outcome"] == "eligible"
    unknown_spouse = household([], has_spouse=None, single_parent=False, cares_for_relative=False)
    assert run(_sixty_d(AS_OF, language_certificates=oral, household=unknown_spouse))["outcome"] == "undetermined"


def test_scenario_abs6_needs_60d_conditions_still_met():
    """§ 25b Abs. 6 („wenn die Voraussetzungen nach § 60d erfüllt sind“): employment of 20 hours (§ 60d Abs. 1
    Nr. 3) must still exist."""
    part_time = _sixty_d(AS_OF, employment=[employment("2023-01-01", hours=15)])
    assert outcome(part_time) == ("eligible_later", "2027-01-01")


def test_scenario_holder_104c_counts_60b_periods():
    """§ 25b Abs. 1 S. 1 and Abs. 7: a § 104c holder qualifies, and § 60b periods count towards Nr. 1."""
    res = [duldung("2019-01-01", "2023-06-30", kind="60b"), permit("2023-07-01", None, basis="aufenthg_104c")]
    a = run(integrated(res=res))
    assert a["outcome"] == "eligible" and result(a, "voraufenthalt_allein") == "met"
    without = run(integrated(res=[duldung("2019-01-01", kind="60b")]))
    assert without["outcome"] == "not_eligible"  # Abs. 2 Nr. 1 via § 60b (deception), and no 60b time counts


def test_scenario_holder_104c_identity():
    """§ 25b Abs. 8: a § 104c holder needs clarified identity, or the judgement that reasonable steps were taken."""
    res = [duldung("2019-01-01", "2023-06-30"), permit("2023-07-01", None, basis="aufenthg_104c")]
    base = integrated(res=res, identity={"status": "not_clarified"})
    assert run(base)["outcome"] == "not_eligible"
    steps = base | {"identity_steps": [{"kind": "embassy_appointment", "taken_on": "2024-02-05"}]}
    assert run(steps)["outcome"] == "undetermined"
    judged = steps | {"judgements": [judgement("identity_steps_sufficient", f"{ID}.identitaet_104c")]}
    assert run(judged)["outcome"] == "eligible"


# --- (c) versions at every change date (law.md § 13) -------------------------------------------------------------

def test_change_dates():
    """law.md § 13: 01.08.2015 (§ 25b in force), 01.01.2020 (Abs. 6), 31.12.2022 (ChAufenthG), 27.02.2024 (§ 60d
    Abs. 1 Nr. 3 hours, used by Abs. 6), 01.07.2027 (end of the § 104c rules)."""
    assert [d.isoformat() for d in P.change_dates()] == [
        "2015-08-01", "2020-01-01", "2022-12-31", "2024-02-27", "2027-07-01"]


def test_version_2015_08_01_in_force():
    doc = integrated("2015-07-31", [duldung("2005-01-01")])
    assert outcome(doc) == ("not_in_force", None)
    assert outcome(doc | {"as_of": "2015-08-01"}) == ("eligible", "2015-08-01")


def test_version_2020_01_01_abs6_appears():
    """§ 25b Abs. 6 (in force 01.01.2020, law.md § 13 / params): the Abs. 6 alternative exists only from then."""
    doc = integrated("2019-12-31", [duldung("2010-01-01")])

    def options(a: dict) -> list[str]:
        return [o["id"] for c in a["conditions"] if c["id"] == "voraufenthalt" for o in c["alternatives"]]

    before, on = run(doc), run(doc | {"as_of": "2020-01-01"})
    assert "beschaeftigungsduldung_30_monate" not in options(before)
    assert "beschaeftigungsduldung_30_monate" in options(on)
    assert before["outcome"] == on["outcome"] == "eligible"


def test_version_2022_12_31_eight_to_six_years():
    """§ 25b Abs. 1 S. 2 Nr. 1 (ChAufenthG): eight years until 30.12.2022, six from 31.12.2022."""
    doc = integrated("2022-12-30", [duldung("2016-06-01")])
    assert outcome(doc) == ("eligible_later", "2024-06-01")
    assert outcome(doc | {"as_of": "2022-12-31"}) == ("eligible", "2022-12-31")


def test_version_2022_12_31_six_to_four_years_with_child():
    doc = _family("2022-12-30", "2018-06-01")
    assert outcome(doc) == ("eligible_later", "2024-06-01")
    assert outcome(doc | {"as_of": "2022-12-31"}) == ("eligible", "2022-12-31")


def test_version_2022_12_31_104c_gateway_opens():
    """§ 25b Abs. 1 S. 1: the § 104c alternative exists from 31.12.2022 (a permit dated 30.12.2022 is
    hypothetical, it shows the switch)."""
    res = [duldung("2014-01-01", "2022-12-29"), permit("2022-12-30", None, basis="aufenthg_104c")]
    assert outcome(integrated("2022-12-30", res))[0] == "not_eligible"
    assert outcome(integrated("2022-12-31", res)) == ("eligible", "2022-12-31")


def test_version_2024_02_27_60d_hours():
    """§ 25b Abs. 6 with § 60d Abs. 1 Nr. 3: 35 hours until 26.02.2024, 20 hours from 27.02.2024."""
    res = [duldung("2020-06-01", "2021-05-31"), duldung("2021-06-01", kind="60d")]
    doc = integrated("2024-02-26", res, employment=[employment("2021-01-01", hours=25)])
    assert outcome(doc) == ("eligible_later", "2026-06-01")
    assert outcome(doc | {"as_of": "2024-02-27"}) == ("eligible", "2024-02-27")


def test_version_2027_07_01_end_of_104c_rules():
    """§ 25b Abs. 1 S. 1, Abs. 7, 8 (ChAufenthG as amended; date [R], law.md § 14 Nr. 2)."""
    res = [duldung("2019-01-01", "2023-06-30"), permit("2023-07-01", None, basis="aufenthg_104c")]
    doc = integrated("2027-06-30", res)
    a = run(doc)
    assert a["outcome"] == "eligible" and a["review"]
    after = run(doc | {"as_of": "2027-07-01"})
    assert after["outcome"] == "not_eligible" and result(after, "zugang") == "not_met"
    tolerated = integrated("2027-06-30")
    assert outcome(tolerated)[0] == outcome(tolerated | {"as_of": "2027-07-01"})[0] == "eligible"
