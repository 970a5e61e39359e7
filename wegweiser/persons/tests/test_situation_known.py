"""What the file now records beyond rows: "known: none" checks and the yes/no and state facts the rules read."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.facts.models import ListCheck
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import RelationKind
from wegweiser.persons.services.situation import situation_for
from wegweiser.rules.situation import normalise, validate_with_schema

from .factories import FamilyRelationFactory, PersonFactory, StayAbroadFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 10, 1)


def check(person, subject: str, checked_on: str) -> ListCheck:
    return ListCheck.objects.create(person=person, subject=subject, checked_on=checked_on, source="verified")


def export(person, as_of: date = AS_OF) -> dict:
    doc = situation_for(person, as_of)
    validate_with_schema(doc)
    normalise(doc)
    return doc


def test_a_check_makes_an_empty_list_known_empty() -> None:
    person = PersonFactory()
    assert export(person)["convictions"] is None
    for subject in ("convictions", "expulsion_interests", "extremism_indications", "stays_abroad", "employment",
                    "vocational_training", "language_certificates", "civic_tests", "qualifications",
                    "identity_steps", "health_exemptions", "household.children", "household.spouse"):
        check(person, subject, "2025-01-01")
    doc = export(person)
    for key in ("convictions", "expulsion_interests", "extremism_indications", "stays_abroad", "employment",
                "vocational_training", "language_certificates", "civic_tests", "qualifications", "identity_steps",
                "health_exemptions"):
        assert doc[key] == [], key
    assert doc["household"]["children"] == [] and doc["household"]["has_spouse"] is False
    assert doc["passports"] is None and doc["school_attendance"] is None  # not checked: still unknown


def test_a_check_after_as_of_is_ignored() -> None:
    person = PersonFactory()
    check(person, "convictions", "2025-10-02")
    assert export(person)["convictions"] is None
    assert export(person, date(2025, 10, 2))["convictions"] == []


def test_a_check_older_than_a_conviction_does_not_hide_it() -> None:
    person = PersonFactory()
    check(person, "convictions", "2020-01-01")
    make_fact("convictions", person, decided_on="2022-03-01", daily_rates="40", intentional="true")
    assert [c["decided_on"] for c in export(person)["convictions"]] == ["2022-03-01"]
    # before the conviction was decided the check is what the file knows
    assert export(person, date(2021, 1, 1))["convictions"] == []


def test_rows_win_over_a_later_check() -> None:
    person = PersonFactory()
    StayAbroadFactory(person=person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 21))
    check(person, "stays_abroad", "2024-01-01")
    assert export(person)["stays_abroad"] == [{"left_on": "2019-07-01", "returned_on": "2019-07-21"}]


def test_a_recorded_spouse_wins_over_a_check_and_the_spouse_lists_follow_the_spouse_checks() -> None:
    person, spouse = PersonFactory(), PersonFactory()
    FamilyRelationFactory(person=person, relative=spouse, kind=RelationKind.SPOUSE, has_custody=None)
    check(person, "household.spouse", "2024-01-01")
    check(person, "convictions", "2024-01-01")  # the person's check says nothing about the spouse
    check(spouse, "employment", "2024-01-01")
    household = export(person)["household"]
    assert household["has_spouse"] is True
    assert household["spouse"]["employment"] == []
    assert household["spouse"]["convictions"] is None


def test_yes_no_fields_are_exported() -> None:
    person = PersonFactory()
    make_fact("convictions", person, decided_on="2020-06-01", daily_rates="30", intentional="false")
    make_fact("livelihood", person, period_from="2021-02-01", by_employment="true")
    make_fact("integration-course", person, obliged="false", status="not_obliged", was_possible="true",
              source_date="2022-01-01")
    doc = export(person)
    assert doc["convictions"][0]["intentional"] is False
    assert doc["livelihood"][0]["by_employment"] is True
    assert doc["integration_course"]["was_possible"] is True


def test_unknown_yes_no_fields_stay_null() -> None:
    person = PersonFactory()
    make_fact("convictions", person, decided_on="2020-06-01")
    make_fact("livelihood", person, period_from="2021-02-01")
    doc = export(person)
    assert doc["convictions"][0]["intentional"] is None and doc["livelihood"][0]["by_employment"] is None
    assert doc["expulsion_order"] is None and doc["fdgo_declared_on"] is None
    assert set(doc["removal_obstruction"].values()) == {None}


def test_expulsion_order_is_the_latest_statement_up_to_as_of() -> None:
    person = PersonFactory()
    make_fact("expulsion-orders", person, exists="false", source_date="2023-01-01")
    make_fact("expulsion-orders", person, exists="true", kind="expulsion", issued_on="2025-11-01",
              source_date="2025-11-02")
    assert export(person)["expulsion_order"] is False
    assert export(person, date(2025, 11, 2))["expulsion_order"] is True


def test_removal_obstruction_is_the_latest_statement_up_to_as_of() -> None:
    person = PersonFactory()
    make_fact("removal-obstruction", person, false_statements_or_deception="true", non_cooperation="true",
              repeated="false", source_date="2022-01-01")
    make_fact("removal-obstruction", person, false_statements_or_deception="false", non_cooperation="false",
              source_date="2026-01-01")
    assert export(person)["removal_obstruction"] == {
        "false_statements_or_deception": True, "non_cooperation": True, "repeated": False}
    assert export(person, date(2026, 1, 1))["removal_obstruction"] == {
        "false_statements_or_deception": False, "non_cooperation": False, "repeated": None}


def test_commitments_give_the_latest_declaration_up_to_as_of() -> None:
    person = PersonFactory()
    make_fact("commitments", person, kind="fdgo", declared_on="2021-05-01", source_date="2021-05-01")
    make_fact("commitments", person, kind="fdgo", declared_on="2025-12-01", source_date="2025-12-01")
    make_fact("commitments", person, kind="historical_responsibility", declared_on="2025-03-01",
              source_date="2025-03-01")
    doc = export(person)
    assert doc["fdgo_declared_on"] == "2021-05-01"
    assert doc["historical_responsibility_declared_on"] == "2025-03-01"
    assert export(person, date(2025, 12, 1))["fdgo_declared_on"] == "2025-12-01"
    assert export(person, date(2021, 4, 30))["fdgo_declared_on"] is None
