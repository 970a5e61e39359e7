"""Exporting a case file as a situation/1 document: valid, faithful to the file, null where the file is silent,
and audited when read through ``export_situation``."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.accounts.policy import PolicyDenied
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import RelationKind, ResidenceStatus
from wegweiser.persons.services.situation import export_situation, normalise_legal_basis, situation_for
from wegweiser.rules import assess
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise, validate_with_schema

from .factories import (
    DuldungFactory,
    EntryFactory,
    FamilyRelationFactory,
    HouseholdFactory,
    NationalityFactory,
    PersonFactory,
    ResidencePeriodFactory,
    StayAbroadFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 10, 1)


def valid(document: dict) -> dict:
    """Both validators accept the document and the engine assesses it; returns the assessment."""
    validate_with_schema(document)
    normalise(document)
    result = assess(document)
    assert [p["id"] for p in result["pathways"]] == list(PATHWAYS)
    return result


@pytest.fixture
def family():
    """A tolerated person with a full file: history, family in one household, facts of every kind."""
    household = HouseholdFactory()
    person = PersonFactory(file_number="AZ-SIT-1", birth_date=PartialDate(1988, 0, 0), household=household)
    NationalityFactory(person=person, code="SY")
    ResidencePeriodFactory(person=person, status=ResidenceStatus.AUFENTHALTSGESTATTUNG, legal_basis="§ 55 Abs. 1 AsylG",
                           valid_from=date(2016, 3, 1), valid_until=date(2018, 2, 28))
    DuldungFactory(person=person, legal_basis="§ 60a Abs. 2 S. 1 AufenthG", valid_from=date(2018, 3, 1),
                   valid_until=None)
    EntryFactory(person=person, date=date(2016, 2, 20), is_first_entry=True)
    StayAbroadFactory(person=person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 21))

    spouse = PersonFactory(birth_date=PartialDate(1990, 4, 12), household=household)
    FamilyRelationFactory(person=person, relative=spouse, kind=RelationKind.SPOUSE, has_custody=None)
    child = PersonFactory(file_number="AZ-SIT-K", birth_date=PartialDate(2014, 5, 0), household=household)
    FamilyRelationFactory(person=person, relative=child, kind=RelationKind.PARENT)

    make_fact("identity", person, status="clarified", clarified_on="2020-01-10", source_date="2020-01-10")
    make_fact("passports", person, valid_from="2020-01-01", valid_until="2030-01-01")
    make_fact("language-certificates", person, level="A2", scope="oral", issued_on="2022-05-01")
    make_fact("language-certificates", person, level="B1", scope="complete", issued_on="2025-12-01",
              source_date="2025-12-02")  # after AS_OF: not yet issued on that date
    make_fact("civic-tests", person, taken_on="2022-06-01")
    make_fact("integration-course", person, status="completed", status_date="2022-06-15", source_date="2022-06-15")
    make_fact("employment", person, starts_on="2021-01-01", hours_per_week="38.5", social_insurance="true")
    make_fact("livelihood", person, period_from="2021-02-01")
    make_fact("housing", person, adequate="true")
    make_fact("pension", person, months="48", as_of="2025-01-01", source_date="2025-01-02")
    make_fact("convictions", person, decided_on="2019-06-01", daily_rates="30")
    make_fact("convictions", person, decided_on="2026-01-15", prison_months="8", source_date="2026-01-20")
    make_fact("expulsion-interests", person, provision="§ 54 Abs. 2 Nr. 9 AufenthG", since="2019-06-01")
    make_fact("judgements", person, subject="aufenthg_25b", source_date="2025-09-01")
    make_fact("judgements", person, kind="livelihood_prognosis", subject="Lebensunterhalt 2024",
              source_date="2025-09-02")
    make_fact("language-certificates", spouse, level="B1", scope="complete", issued_on="2021-03-01")
    make_fact("employment", spouse, starts_on="2022-01-01", hours_per_week="20")
    make_fact("school", child, attended_from="2020-08-01", regular="true", source="verified")
    return person, spouse, child


def test_full_file_exports_a_valid_document_the_engine_assesses(family) -> None:
    person, spouse, child = family
    doc = situation_for(person, AS_OF)
    result = valid(doc)
    assert result["as_of"] == "2025-10-01" and result["person_id"] == "AZ-SIT-1"

    assert doc["format"] == "situation/1" and doc["as_of"] == "2025-10-01"
    assert doc["person"] == {"id": "AZ-SIT-1", "birth_date": "1988-00-00", "nationalities": [{"code": "SY"}]}
    assert doc["residence"] == [
        {"status": "aufenthaltsgestattung", "duldung_kind": None, "legal_basis": "asylg_55_1",
         "valid_from": "2016-03-01", "valid_until": "2018-02-28"},
        {"status": "duldung", "duldung_kind": "60a", "legal_basis": "aufenthg_60a_2",
         "valid_from": "2018-03-01", "valid_until": None},
    ]
    assert doc["entries"] == [{"date": "2016-02-20", "first_entry": True}]
    assert doc["stays_abroad"] == [{"left_on": "2019-07-01", "returned_on": "2019-07-21"}]
    assert doc["identity"] == {"status": "clarified", "clarified_on": "2020-01-10"}
    # the B1 certificate of December 2025 did not exist on AS_OF; nor did the 2026 conviction
    assert doc["language_certificates"] == [{"level": "A2", "scope": "oral", "issued_on": "2022-05-01"}]
    assert [c["decided_on"] for c in doc["convictions"]] == ["2019-06-01"]
    conviction = doc["convictions"][0]
    assert conviction["daily_rates"] == 30 and conviction["intentional"] is None  # the file does not say
    assert doc["employment"][0]["hours_per_week"] == 38.5 and doc["employment"][0]["social_insurance"] is True
    assert doc["livelihood"][0]["secured"] == "fully" and doc["livelihood"][0]["by_employment"] is None
    assert doc["pension"] == {"months": 48, "as_of": "2025-01-01"}
    assert doc["expulsion_interests"] == [{"absatz": 2, "nummer": "9", "since": "2019-06-01", "until": None}]
    assert doc["integration_course"]["status"] == "completed"
    assert doc["housing"] == {"adequate": True}
    subjects = {j["subject"] for j in doc["judgements"]}
    assert subjects == {"aufenthg_25b", "Lebensunterhalt 2024"}  # free text is never widened to "general"

    household = doc["household"]
    assert household["has_spouse"] is True
    assert household["spouse"]["lives_together"] is True
    assert household["spouse"]["language_certificates"] == [
        {"level": "B1", "scope": "complete", "issued_on": "2021-03-01"}]
    assert household["spouse"]["convictions"] is None and household["spouse"]["pension_months"] is None
    assert household["children"] == [{"id": "AZ-SIT-K", "birth_date": "2014-05-00", "unmarried": None,
                                      "lives_together": True, "school_attendance_proven": True}]
    assert household["single_parent"] is None

    # unknown facts stay unknown: nothing the file has no field for is filled in
    for key in ("application_date", "expulsion_order", "fdgo_declared_on", "historical_responsibility_declared_on",
                "university_studies", "health_exemptions", "identity_steps", "extremism_indications"):
        assert doc[key] is None, key


def test_earlier_date_leaves_out_later_events_and_states(family) -> None:
    person, _spouse, _child = family
    doc = situation_for(person, date(2019, 12, 31))
    valid(doc)
    assert doc["identity"] == {"status": None, "clarified_on": None}  # recorded on 10.01.2020
    assert doc["language_certificates"] is None  # none issued yet: unknown, not "none"
    assert doc["pension"] == {"months": None, "as_of": None}
    assert [c["decided_on"] for c in doc["convictions"]] == ["2019-06-01"]
    assert doc["judgements"] is None


def test_bare_person_gives_nulls_and_never_an_eligible_outcome() -> None:
    person = PersonFactory(birth_date=None)
    doc = situation_for(person, AS_OF)
    result = valid(doc)
    assert doc["person"] == {"id": person.file_number, "birth_date": None, "nationalities": None}
    lists = [k for k, v in doc.items() if k not in ("format", "as_of", "person") and not isinstance(v, dict)]
    assert lists and all(doc[k] is None for k in lists)
    for obj in ("identity", "integration_course", "housing", "pension", "removal_obstruction"):
        assert set(doc[obj].values()) == {None}, obj
    assert doc["household"]["has_spouse"] is None and doc["household"]["children"] is None
    assert doc["household"]["spouse"] is None
    assert not [p["id"] for p in result["pathways"] if p["outcome"] in ("eligible", "eligible_later")]


def test_known_none_turns_an_empty_list_into_a_known_empty_one() -> None:
    person = PersonFactory()
    doc = situation_for(person, AS_OF, known_none={"convictions", "stays_abroad", "household.spouse"})
    valid(doc)
    assert doc["convictions"] == [] and doc["stays_abroad"] == []
    assert doc["household"]["has_spouse"] is False
    assert doc["employment"] is None


def test_partial_birth_dates_keep_unknown_parts() -> None:
    for stored, exported in ((PartialDate(1990, 0, 0), "1990-00-00"), (PartialDate(1990, 5, 0), "1990-05-00"),
                             (PartialDate(1990, 5, 17), "1990-05-17")):
        doc = situation_for(PersonFactory(birth_date=stored), AS_OF)
        valid(doc)
        assert doc["person"]["birth_date"] == exported


def test_households_apart_and_unrecorded() -> None:
    parent = PersonFactory(household=HouseholdFactory())
    apart = PersonFactory(household=HouseholdFactory(), birth_date=PartialDate(2012, 1, 1))
    unknown = PersonFactory(household=None, birth_date=PartialDate(2013, 1, 1))
    FamilyRelationFactory(person=parent, relative=apart)
    FamilyRelationFactory(person=parent, relative=unknown)
    doc = situation_for(parent, AS_OF)
    valid(doc)
    assert [c["lives_together"] for c in doc["household"]["children"]] == [False, None]
    assert [c["school_attendance_proven"] for c in doc["household"]["children"]] == [None, None]


@pytest.mark.parametrize(("text", "expected"), [
    ("§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", "aufenthg_25_2"),
    ("§ 60a Abs. 2 S. 1 AufenthG", "aufenthg_60a_2"),
    ("§ 104c AufenthG", "aufenthg_104c"),
    ("§ 16g Abs. 1 Nr. 2 AufenthG", "aufenthg_16g_1_2"),
    ("§ 55 Abs. 1 AsylG", "asylg_55_1"),
    ("§ 10 StAG", "stag_10"),
    ("Duldung", None),
    ("", None),
])
def test_legal_basis_is_normalised_or_left_unknown(text: str, expected: str | None) -> None:
    assert normalise_legal_basis(text) == expected


def test_export_checks_the_policy_and_audits_every_file_read(family, user_factory) -> None:
    person, spouse, child = family
    clerk = user_factory(Role.SACHBEARBEITUNG)
    before = AuditEntry.objects.count()
    doc = export_situation(clerk, person, AS_OF)
    assert doc == situation_for(person, AS_OF)
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert {(e.action, e.person_id) for e in entries} == {
        (AuditAction.EXPORT, person.pk), (AuditAction.EXPORT, spouse.pk), (AuditAction.EXPORT, child.pk)}
    main = next(e for e in entries if e.person_id == person.pk)
    assert main.actor_id == clerk.pk and main.details["as_of"] == "2025-10-01"
    assert sorted(main.details["relatives"]) == sorted([spouse.pk, child.pk])


def test_export_refused_without_the_right_and_nothing_is_logged_as_exported(user_factory) -> None:
    person = PersonFactory()
    analyst = user_factory(Role.AUSWERTUNG)
    with pytest.raises(PolicyDenied):
        export_situation(analyst, person, AS_OF)
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT, person_id=person.pk).exists()
