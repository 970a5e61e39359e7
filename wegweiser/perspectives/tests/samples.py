"""A sample case file for the perspectives tests (unit and browser)."""

from __future__ import annotations

from datetime import date
from typing import Any

from wegweiser.core.partial_dates import PartialDate
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import ResidenceStatus
from wegweiser.persons.tests.factories import (
    DuldungFactory,
    EntryFactory,
    NationalityFactory,
    PersonFactory,
    ResidencePeriodFactory,
)


def make_tolerated(**person: Any):
    """A tolerated person whose file gives the engine something to say: Duldung since 2018 after the asylum
    procedure, identity clarified, passport, only an A1 certificate, civic test, full-time job, livelihood
    secured."""
    person = PersonFactory(**{"file_number": "AZ-P-1", "family_name": "Haddad", "given_names": "Amina",
                              "birth_date": PartialDate(1990, 3, 1), **person})
    NationalityFactory(person=person, code="SY")
    ResidencePeriodFactory(person=person, status=ResidenceStatus.AUFENTHALTSGESTATTUNG, legal_basis="§ 55 Abs. 1 AsylG",
                           valid_from=date(2016, 3, 1), valid_until=date(2018, 2, 28))
    DuldungFactory(person=person, valid_from=date(2018, 3, 1), valid_until=None)
    EntryFactory(person=person, date=date(2016, 2, 20))
    make_fact("identity", person, status="clarified", clarified_on="2020-01-10", source_date="2020-01-10")
    make_fact("passports", person, valid_from="2020-01-01", valid_until="2035-01-01")
    make_fact("language-certificates", person, level="A1", scope="complete", issued_on="2022-05-01")
    make_fact("civic-tests", person, taken_on="2022-06-01")
    make_fact("employment", person, starts_on="2021-01-01", hours_per_week="38.5", social_insurance="true")
    make_fact("livelihood", person, period_from="2021-02-01")
    return person
