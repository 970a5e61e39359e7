"""The bulk reader gives, person by person, exactly what ``normalise(situation_for(person, as_of))`` gives."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.core.partial_dates import PartialDate
from wegweiser.demo import seeding
from wegweiser.facts.models import ListCheck
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import Person, RelationKind, ResidenceStatus
from wegweiser.persons.services.situation import situation_for
from wegweiser.persons.tests.factories import (
    DuldungFactory,
    EntryFactory,
    FamilyRelationFactory,
    HouseholdFactory,
    NationalityFactory,
    PersonFactory,
    ResidencePeriodFactory,
    StayAbroadFactory,
)
from wegweiser.rules.situation import normalise
from wegweiser.rules.tests.strategies import PROFILES, document
from wegweiser.screening.services.caseload_frame import documents, id_ranges, read_chunk
from wegweiser.screening.services.flat import Reject, flat_record

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def hand_made() -> list[Person]:
    """Files the demo data rarely has: a spouse recorded from the other side, relatives far away in id order,
    partial dates, facts after the date, an implausible file."""
    household = HouseholdFactory()
    spouse = PersonFactory(birth_date=PartialDate(1990, 4, 12), household=household)
    child = PersonFactory(file_number="AZ-K-1", birth_date=PartialDate(2014, 5, 0), household=household)
    for _ in range(12):
        PersonFactory()  # distance in id order, so relatives lie in another chunk
    person = PersonFactory(file_number="AZ-1", birth_date=PartialDate(1988, 0, 0), household=household)
    NationalityFactory(person=person, code="SY")
    NationalityFactory(person=person, code="AF", since=date(2026, 1, 1))
    ResidencePeriodFactory(person=person, status=ResidenceStatus.AUFENTHALTSGESTATTUNG, legal_basis="§ 55 Abs. 1 AsylG",
                           valid_from=date(2016, 3, 1), valid_until=date(2018, 2, 28))
    DuldungFactory(person=person, legal_basis="§ 60a Abs. 2 S. 1 AufenthG", valid_from=date(2018, 3, 1), valid_until=None)
    EntryFactory(person=person, date=date(2016, 2, 20), is_first_entry=True)
    EntryFactory(person=person, date=date(2026, 2, 20), is_first_entry=False)
    StayAbroadFactory(person=person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 21))
    StayAbroadFactory(person=person, left_on=date(2025, 7, 1), returned_on=date(2026, 7, 21))
    FamilyRelationFactory(person=spouse, relative=person, kind=RelationKind.SPOUSE, has_custody=None)
    FamilyRelationFactory(person=person, relative=child, kind=RelationKind.PARENT)
    make_fact("identity", person, status="clarified", clarified_on="2020-01-10", source_date="2020-01-10")
    make_fact("passports", person, valid_from="2020-01-01", valid_until="2030-01-01")
    make_fact("language-certificates", person, level="A2", scope="oral", issued_on="2022-05-01")
    make_fact("civic-tests", person, taken_on="2022-06-01")
    make_fact("integration-course", person, status="completed", status_date="2022-06-15", source_date="2022-06-15")
    make_fact("employment", person, starts_on="2021-01-01", hours_per_week="38.5", social_insurance="true")
    make_fact("livelihood", person, period_from="2021-02-01", by_employment="true")
    make_fact("housing", person, adequate="true")
    make_fact("pension", person, months="48", as_of="2025-01-01", source_date="2025-01-02")
    make_fact("convictions", person, decided_on="2019-06-01", daily_rates="30", intentional="true")
    make_fact("integration-course", person, status="not_obliged", obliged="false", was_possible="true",
              source_date="2019-01-01")  # an older state than the one above
    make_fact("expulsion-orders", person, exists="false", source_date="2019-01-01")
    make_fact("expulsion-orders", person, exists="true", kind="expulsion", issued_on="2024-05-01",
              source_date="2024-05-02")
    make_fact("removal-obstruction", person, non_cooperation="true", repeated="false", source_date="2019-02-01")
    make_fact("commitments", person, kind="fdgo", declared_on="2019-05-01", source_date="2019-05-01")
    make_fact("commitments", person, kind="fdgo", declared_on="2022-05-01", source_date="2022-05-01")
    make_fact("commitments", person, kind="historical_responsibility", declared_on="2025-05-01",
              source_date="2025-05-01")
    for subject, day in (("stays_abroad", "2020-01-01"), ("extremism_indications", "2019-01-01"),
                         ("civic_tests", "2021-01-01"), ("household.spouse", "2019-01-01")):
        ListCheck.objects.create(person=person, subject=subject, checked_on=day, source="verified")
    make_fact("expulsion-interests", person, provision="§ 54 Abs. 2 Nr. 9 AufenthG", since="2019-06-01")
    make_fact("judgements", person, subject="aufenthg_25b", source_date="2025-09-01")
    make_fact("judgements", person, kind="livelihood_prognosis", subject="Lebensunterhalt 2024", source_date="2025-09-02")
    make_fact("language-certificates", spouse, level="B1", scope="complete", issued_on="2021-03-01")
    make_fact("employment", spouse, starts_on="2022-01-01", hours_per_week="20")
    make_fact("pension", spouse, months="12", as_of="2024-01-01", source_date="2024-01-02")
    make_fact("school", child, attended_from="2020-08-01", regular="true", source="verified")
    ListCheck.objects.create(person=spouse, subject="convictions", checked_on="2019-01-01", source="verified")
    bare = PersonFactory(birth_date=None)
    for subject, day in (("convictions", "2019-01-01"), ("household.spouse", "2026-01-01"),
                         ("household.children", "2019-01-01"), ("employment", "2026-01-01")):
        ListCheck.objects.create(person=bare, subject=subject, checked_on=day, source="verified")
    # the case file takes birth years from 1800, the situation format from 1900: not screened
    implausible = PersonFactory(birth_date=PartialDate(1850, 1, 1))
    return [person, spouse, child, bare, implausible]


@pytest.mark.parametrize("as_of", [TODAY, date(2020, 6, 1)])
def test_bulk_records_equal_the_per_person_export(as_of: date) -> None:
    seeding.seed(200, 3, TODAY)
    made = hand_made()
    persons = list(Person.objects.order_by("pk"))
    assert len(persons) >= 200 + len(made)
    checked = invalid = 0
    for lo, hi, _n in id_ranges(size=7):  # small chunks: spouses and children often lie in another chunk
        chunk = read_chunk(lo, hi, as_of)
        docs = documents(lo, hi, as_of)
        records = dict(zip(chunk.ids, chunk.records, strict=True))
        for person in (p for p in persons if lo <= p.pk <= hi):
            expected = situation_for(person, as_of)
            try:
                want = normalise(expected)
            except ValueError:
                assert person.pk in chunk.invalid and person.pk not in records
                invalid += 1
                continue
            assert normalise(docs[person.pk]) == want, person.pk
            assert records[person.pk] == want, person.pk
            checked += 1
    assert invalid == 1 and checked == len(persons) - 1


def test_each_table_is_read_once_per_chunk(django_assert_max_num_queries) -> None:
    seeding.seed(60, 5, TODAY)
    (lo, hi, n), = list(id_ranges(size=1000))
    with django_assert_max_num_queries(30):
        chunk = read_chunk(lo, hi, TODAY)
    assert len(chunk.ids) == n == Person.objects.count()


@pytest.mark.parametrize("as_of", [TODAY, date(2021, 3, 1)])
def test_fast_flat_record_equals_normalise_on_generated_documents(as_of: date) -> None:
    """The rules' own generator covers every field of the format, unknowns and empty lists included."""
    for i in range(600):
        doc = document(as_of, PROFILES[i % len(PROFILES)], 7 + i, i)
        assert flat_record(doc) == normalise(doc), i


@pytest.mark.parametrize(("path", "value"), [
    (("residence", 0, "valid_until"), "2000-01-01"),  # before valid_from
    (("person", "birth_date"), "1850-00-00"),
    (("person", "nationalities", 0, "code"), "syr"),
    (("convictions", 0, "daily_rates"), 0),
    (("employment", 0, "hours_per_week"), 99.0),
    (("household", "spouse", "employment", 0, "starts_on"), "2023-02-30"),
    (("identity", "status"), "unknown"),
    (("judgements",), [{"id": "J1", "kind": "other", "subject": None, "value": "positive"}]),  # missing date
    (("surprise",), 1),
])
def test_fast_check_rejects_what_normalise_rejects(path: tuple, value: object) -> None:
    doc = document(TODAY, "integrated_25b", 3, 0)
    doc["residence"] = [{"status": "duldung", "valid_from": "2010-01-01", "valid_until": None}]
    doc["person"]["nationalities"] = [{"code": "SY"}]
    doc["convictions"] = [{"decided_on": "2015-01-01", "daily_rates": 30}]
    doc["employment"] = [{"kind": "employed", "starts_on": "2015-01-01"}]
    doc["household"]["spouse"] = {"employment": [{"kind": "employed", "starts_on": "2015-01-01"}]}
    assert flat_record(doc) == normalise(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValueError):
        normalise(doc)
    with pytest.raises(Reject):
        flat_record(doc)
