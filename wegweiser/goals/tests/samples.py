"""A case for the goals tests (unit and browser): § 25b lacks only proof of spoken German (A2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from wegweiser.core.partial_dates import PartialDate
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import Entry, Nationality, Person, ResidencePeriod


def person_missing_a2(lotse: Any, file_number: str = "AZ-Z-1") -> Person:
    """Tolerated since 2016, working, livelihood secured; an A1 certificate only, so the A2 condition of § 25b
    is a gap (the engine calls it unknown) until an A2 certificate is recorded."""
    person = Person.objects.create(
        file_number=file_number, family_name="Haddad", given_names="Rami", birth_date=PartialDate(1990, 3, 1),
        team=lotse.team, lotse=lotse, letter_language="ar",
    )
    Nationality.objects.create(person=person, code="SY")
    Entry.objects.create(person=person, date=date(2015, 9, 1), is_first_entry=True)
    ResidencePeriod.objects.create(person=person, status="duldung", duldung_kind="60a", valid_from=date(2016, 1, 1))
    for slug, extra in (
        ("identity", {}), ("passports", {}), ("civic-tests", {}), ("housing", {}), ("judgements", {}),
        ("employment", {"starts_on": "2020-01-01"}), ("livelihood", {"period_from": "2020-01-01"}),
        ("language-certificates", {"level": "A1", "scope": "complete"}),
    ):
        make_fact(slug, person, **extra)
    return person
