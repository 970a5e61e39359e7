"""Person services: validation, optimistic locking, audit, policy."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons import codes
from wegweiser.persons.models import Household, Nationality, Person
from wegweiser.persons.services.person import (
    StaleEdit,
    clean_languages,
    clean_nationalities,
    create_person,
    delete_person,
    update_person,
)

from .factories import HouseholdFactory, NoteFactory, PersonFactory, ResidencePeriodFactory

pytestmark = pytest.mark.django_db


def base_data(**extra):
    return {"file_number": "AZ-100", "family_name": "حداد", "given_names": "أمينة", "family_name_latin": "Haddad",
            "given_names_latin": "Amina", "birth_date": "00.00.1990", **extra}


@pytest.fixture
def clerk(user_factory):
    return user_factory(Role.SACHBEARBEITUNG)


class TestCreate:
    def test_creates_with_codes_search_fields_and_audit(self, clerk):
        person = create_person(clerk, base_data(), ["sy"], ["ar", "KMR", "ar"])
        assert person.pk and person.version == 1
        assert person.birth_date == PartialDate(1990)
        assert person.team == clerk.team  # no team given: the actor's team
        assert person.created_by == clerk
        assert set(person.nationalities.values_list("code", flat=True)) == {"SY"}
        assert set(person.languages.values_list("code", flat=True)) == {"ar", "kmr"}
        assert "haddad" in person.search_text
        entry = AuditEntry.objects.get(action=AuditAction.CREATE, person_id=person.pk)
        assert entry.purpose == "Fallbearbeitung"
        assert "family_name" in entry.details["fields"] and "nationalities" in entry.details["fields"]
        assert "Haddad" not in str(entry.details)  # field names only, never values

    def test_impossible_birth_date_rejected(self, clerk):
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, base_data(birth_date="31.02.1990"), [], [])
        assert "birth_date" in exc.value.message_dict
        assert not Person.objects.exists()

    def test_future_birth_date_rejected_but_this_year_unknown_day_accepted(self, clerk):
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, base_data(birth_date="01.01.2199"), [], [])
        assert exc.value.message_dict["birth_date"] == ["Das Geburtsdatum liegt in der Zukunft."]
        # Unknown day and month of the current year could be today or earlier: not certainly in the future.
        this_year = f"00.00.{date.today().year}"
        assert create_person(clerk, base_data(birth_date=this_year), [], []).birth_date == PartialDate(date.today().year)

    def test_duplicate_file_number_clear_message_case_insensitive(self, clerk):
        PersonFactory(file_number="AZ-100")
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, base_data(file_number="az-100"), [], [])
        assert exc.value.message_dict["file_number"] == ["Das Aktenzeichen „az-100“ ist bereits vergeben."]

    def test_all_errors_at_once(self, clerk):
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, {"file_number": "", "family_name": "", "email": "kein-mail"}, ["XX", "SY"], ["zz"])
        errors = exc.value.message_dict
        assert {"file_number", "family_name", "email", "nationalities", "languages"} <= set(errors)

    def test_unknown_team_and_unknown_field(self, clerk):
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, base_data(team=999999), [], [])
        assert "team" in exc.value.message_dict
        with pytest.raises(ValidationError):
            create_person(clerk, base_data(version=5), [], [])

    def test_clerk_cannot_create_for_another_team(self, clerk):
        other = Team.objects.create(name="Team 2")
        with pytest.raises(ValidationError) as exc:
            create_person(clerk, base_data(team=other), [], [])
        assert "team" in exc.value.message_dict

    def test_teamleitung_may_create_for_another_team(self, user_factory):
        lead = user_factory(Role.TEAMLEITUNG)
        other = Team.objects.create(name="Team 2")
        assert create_person(lead, base_data(team=other.pk), [], []).team == other

    @pytest.mark.parametrize("role", [Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.KIM_FALLMANAGEMENT])
    def test_roles_without_create_are_refused(self, user_factory, role):
        with pytest.raises(PermissionDenied):
            create_person(user_factory(role), base_data(), [], [])
        assert not Person.objects.exists()


class TestNationalities:
    def test_canonical_and_deduplicated(self):
        assert clean_nationalities(["sy", " SY", "", "ua"]) == ["SY", "UA"]

    @pytest.mark.parametrize("special", [codes.STATELESS, codes.UNCLEAR])
    def test_special_markers_alone_only(self, special):
        assert clean_nationalities([special]) == [special]
        with pytest.raises(ValidationError) as exc:
            clean_nationalities([special, "SY"])
        assert "nicht mit einer anderen Staatsangehörigkeit" in exc.value.messages[0]

    def test_markers_match_model_constants(self):
        assert (codes.STATELESS, codes.UNCLEAR) == (Nationality.STATELESS, Nationality.UNCLEAR)

    def test_unknown_code(self):
        with pytest.raises(ValidationError):
            clean_nationalities(["QQ"])

    def test_languages_639_1_and_639_3(self):
        assert clean_languages(["AR", "prs", "de"]) == ["ar", "prs", "de"]
        with pytest.raises(ValidationError):
            clean_languages(["xyz1"])


class TestUpdate:
    def test_changes_fields_bumps_version_and_audits_names_only(self, clerk):
        person = PersonFactory(team=clerk.team, phone="123")
        saved = update_person(clerk, person, {"phone": "0301234", "family_name": person.family_name}, ["UA"], None,
                              expected_version=1)
        assert saved.version == 2 and saved.phone == "0301234"
        entry = AuditEntry.objects.filter(action=AuditAction.CHANGE, person_id=person.pk).get()
        assert entry.details["fields"] == ["phone", "nationalities"]
        assert "0301234" not in str(entry.details)

    def test_no_change_writes_nothing(self, clerk):
        person = PersonFactory(team=clerk.team)
        saved = update_person(clerk, person, {"family_name": person.family_name}, None, None, expected_version=1)
        assert saved.version == 1
        assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()

    def test_stale_version_raises_with_current_state(self, clerk):
        person = PersonFactory(team=clerk.team)
        update_person(clerk, person, {"phone": "1"}, None, None, expected_version=1)
        with pytest.raises(StaleEdit) as exc:
            update_person(clerk, person, {"phone": "2"}, None, None, expected_version=1)
        assert exc.value.current.phone == "1" and exc.value.current_version == 2
        assert isinstance(exc.value, ValidationError)
        assert "inzwischen von jemand anderem geändert" in exc.value.messages[0]
        person.refresh_from_db()
        assert person.phone == "1"

    def test_validation_failure_leaves_codes_untouched(self, clerk):
        person = PersonFactory(team=clerk.team)
        Nationality.objects.create(person=person, code="SY")
        with pytest.raises(ValidationError):
            update_person(clerk, person, {"email": "nope"}, ["UA"], None, expected_version=1)
        assert list(person.nationalities.values_list("code", flat=True)) == ["SY"]

    def test_household_is_not_overwritten(self, clerk):
        person = PersonFactory(team=clerk.team)
        household = HouseholdFactory()
        Person.objects.filter(pk=person.pk).update(household=household)  # set elsewhere meanwhile
        update_person(clerk, person, {"phone": "9"}, None, None, expected_version=1)
        person.refresh_from_db()
        assert person.household == household

    def test_other_team_clerk_denied(self, user_factory):
        other = Team.objects.create(name="Team 2")
        person = PersonFactory(team=other)
        with pytest.raises(PermissionDenied):
            update_person(user_factory(Role.SACHBEARBEITUNG), person, {"phone": "1"}, None, None, expected_version=1)

    def test_clerk_cannot_hand_file_to_another_team(self, clerk):
        person = PersonFactory(team=clerk.team)
        other = Team.objects.create(name="Team 2")
        with pytest.raises(ValidationError) as exc:
            update_person(clerk, person, {"team": other}, None, None, expected_version=1)
        assert "team" in exc.value.message_dict

    def test_name_change_updates_search_fields(self, clerk):
        person = PersonFactory(team=clerk.team, family_name="Meyer")
        saved = update_person(clerk, person, {"family_name": "Schulze"}, None, None, expected_version=1)
        assert "schulze" in saved.search_text and "meyer" not in saved.search_text


class TestDelete:
    def test_teamleitung_deletes_with_everything_and_audit(self, user_factory):
        lead = user_factory(Role.TEAMLEITUNG)
        household = HouseholdFactory()
        person = PersonFactory(team=lead.team, household=household)
        ResidencePeriodFactory(person=person)
        NoteFactory(person=person)
        pk = person.pk
        delete_person(lead, person)
        assert not Person.objects.filter(pk=pk).exists()
        assert not Household.objects.filter(pk=household.pk).exists()  # it had no other member
        entry = AuditEntry.objects.get(action=AuditAction.DELETE, person_id=pk)
        assert entry.details["residence_periods"] == 1 and entry.details["notes"] == 1

    def test_clerk_may_not_delete(self, clerk):
        person = PersonFactory(team=clerk.team)
        with pytest.raises(PermissionDenied):
            delete_person(clerk, person)
        assert Person.objects.filter(pk=person.pk).exists()
