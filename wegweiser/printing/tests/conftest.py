"""Fixtures for the printing tests: a person with a Zielvereinbarung, and a holder of a § 104c permit."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.core.partial_dates import PartialDate
from wegweiser.goals.models import Zielvereinbarung
from wegweiser.persons.models import ResidencePeriod
from wegweiser.persons.tests.factories import PersonFactory

PERMIT_END = date(2027, 3, 31)


@pytest.fixture
def person(db):
    return PersonFactory(family_name="Musterfrau", given_names="Erika", file_number="AZ-2026-17",
                         birth_date=PartialDate(2001, 4, 12), letter_language="ar")


@pytest.fixture
def goal(person):
    return Zielvereinbarung.objects.create(
        person=person, title="Deutschkurs B1 abschließen", indicator="Zertifikat B1 liegt der Behörde vor.",
        due_date=date(2026, 12, 31), responsible_kind="person", support="Kursplatz über die VHS; Fahrtkosten.",
        next_review=date(2026, 6, 30), language="ar",
    )


def make_holder(person, valid_until: date = PERMIT_END) -> ResidencePeriod:
    """A § 104c permit valid on the test dates (2026), after years of Duldung."""
    ResidencePeriod.objects.create(person=person, status="duldung", duldung_kind="60a", valid_from=date(2016, 5, 1),
                                   valid_until=date(2025, 9, 30))
    return ResidencePeriod.objects.create(person=person, status="aufenthaltserlaubnis",
                                          legal_basis="§ 104c AufenthG", valid_from=date(2025, 10, 1),
                                          valid_until=valid_until)


@pytest.fixture
def holder(person):
    make_holder(person)
    return person
