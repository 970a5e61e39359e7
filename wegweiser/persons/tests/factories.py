"""factory_boy factories for the case file, for every app's tests.

Factories write rows directly (no policy, no audit): use them to arrange a situation, and the services to
exercise behaviour. ``PersonFactory`` fills the search fields through the post-save hook of the search module.
"""

from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from wegweiser.accounts.models import Team
from wegweiser.core.partial_dates import PartialDate

from ..models import (
    Entry,
    FamilyRelation,
    Household,
    Nationality,
    Note,
    Person,
    PersonLanguage,
    RelationKind,
    ResidencePeriod,
    ResidenceStatus,
    StayAbroad,
)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = "Team 1"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    file_number = factory.Sequence(lambda n: f"AZ-T-{n:05d}")
    family_name = factory.Iterator(["Haddad", "Kowalenko", "Ahmadi", "Demir", "Osei", "Nguyen"])
    given_names = factory.Iterator(["Amina", "Oleksandr", "Farid", "Elif", "Kwame", "Lan"])
    birth_date = factory.Sequence(lambda n: PartialDate(1960 + n % 40, 1 + n % 12, 1 + n % 28))
    sex = "f"
    team = factory.SubFactory(TeamFactory)


class NationalityFactory(DjangoModelFactory):
    class Meta:
        model = Nationality
        django_get_or_create = ("person", "code")

    person = factory.SubFactory(PersonFactory)
    code = "SY"


class PersonLanguageFactory(DjangoModelFactory):
    class Meta:
        model = PersonLanguage
        django_get_or_create = ("person", "code")

    person = factory.SubFactory(PersonFactory)
    code = "ar"


class ResidencePeriodFactory(DjangoModelFactory):
    """By default a current Aufenthaltserlaubnis (§ 25 Abs. 2 AufenthG) valid for three years."""

    class Meta:
        model = ResidencePeriod

    person = factory.SubFactory(PersonFactory)
    status = ResidenceStatus.AUFENTHALTSERLAUBNIS
    legal_basis = "§ 25 Abs. 2 S. 1 Alt. 1 AufenthG"
    valid_from = factory.LazyFunction(lambda: date.today() - timedelta(days=365))
    valid_until = factory.LazyAttribute(lambda o: o.valid_from + timedelta(days=3 * 365))
    document_number = factory.Sequence(lambda n: f"Y{n:08d}")


class DuldungFactory(ResidencePeriodFactory):
    status = ResidenceStatus.DULDUNG
    legal_basis = "§ 60a Abs. 2 S. 1 AufenthG"
    duldung_kind = "60a"


class EntryFactory(DjangoModelFactory):
    class Meta:
        model = Entry

    person = factory.SubFactory(PersonFactory)
    date = date(2015, 9, 5)
    is_first_entry = True


class StayAbroadFactory(DjangoModelFactory):
    class Meta:
        model = StayAbroad

    person = factory.SubFactory(PersonFactory)
    left_on = date(2019, 7, 1)
    returned_on = date(2019, 7, 21)
    destination = "Türkei"
    reason = "Familienbesuch"


class FamilyRelationFactory(DjangoModelFactory):
    """``person`` is the parent of ``relative`` by default."""

    class Meta:
        model = FamilyRelation

    person = factory.SubFactory(PersonFactory, birth_date=PartialDate(1970, 1, 1))
    relative = factory.SubFactory(PersonFactory, birth_date=PartialDate(2005, 6, 1))
    kind = RelationKind.PARENT
    has_custody = True


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    address = "Musterstraße 1\n12345 Musterstadt"


class NoteFactory(DjangoModelFactory):
    class Meta:
        model = Note

    person = factory.SubFactory(PersonFactory)
    text = "Termin zur Vorsprache vereinbart."
