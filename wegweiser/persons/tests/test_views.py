"""Case-file pages end to end: forms, messages, audit, policy, tampered input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import FamilyRelation, Household, Note, Person, RelationKind, ResidencePeriod

from .factories import (
    EntryFactory,
    FamilyRelationFactory,
    NationalityFactory,
    PersonFactory,
    ResidencePeriodFactory,
    StayAbroadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(role_client):
    return role_client(Role.SACHBEARBEITUNG)


def person_post(**extra) -> dict:
    data = {
        "family_name": "حداد", "given_names": "أمينة", "family_name_latin": "Haddad", "given_names_latin": "Amina",
        "birth_date": "00.00.1990", "birth_place": "Aleppo", "birth_country": "SY", "sex": "f",
        "nationality_1": "SY", "nationality_2": "", "language_1": "ar", "language_2": "kmr", "language_3": "",
        "letter_language": "ar", "address": "", "phone": "", "email": "", "file_number": "AZ-2024-1", "team": "",
    }
    data.update(extra)
    return data


def detail(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk})


class TestCreateDetailEdit:
    def test_create_then_detail_then_stale_edit(self, clerk, role_client):
        user, client = clerk
        response = client.get(reverse("persons:create"))
        assert response.status_code == 200
        assert f'<option value="{user.team_id}" selected>' in response.text  # own team preselected

        response = client.post(reverse("persons:create"), person_post(team=str(user.team_id)))
        person = Person.objects.get(file_number="AZ-2024-1")
        assert response.status_code == 302 and response["Location"] == detail(person)
        assert person.birth_date == PartialDate(1990)
        assert list(person.languages.values_list("code", flat=True)) == ["ar", "kmr"]

        page = client.get(detail(person)).text
        assert "Haddad, Amina" in page and "AZ-2024-1" in page and "00.00.1990" in page and "Syrien" in page
        assert "Arabisch" in page and "(&#x27;de&#x27;" not in page
        assert '<span dir="auto">حداد, أمينة</span>' in page
        assert "Integrationsfakten" in page and 'id="facts-heading"' in page  # facts section included
        assert 'id="documents-heading"' in page  # documents section included
        assert AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=person.pk, purpose="Fallbearbeitung").exists()

        # Two colleagues open the form; the second one saves after the first.
        _other_user, other_client = role_client(Role.SACHBEARBEITUNG, username="kollegin")
        edit_url = reverse("persons:edit", kwargs={"pk": person.pk})
        assert 'name="version" value="1"' in client.get(edit_url).text
        assert other_client.post(edit_url, person_post(team=str(user.team_id), phone="030 111", version="1")).status_code == 302
        response = client.post(edit_url, person_post(team=str(user.team_id), phone="040 222", address="Neue Str. 1",
                                                     version="1"))
        assert response.status_code == 200
        page = response.text
        assert "inzwischen von jemand anderem geändert" in page
        assert "030 111" in page  # the other user's value is shown …
        assert 'value="040 222"' in page and "Neue Str. 1" in page  # … and nothing typed is lost
        assert 'name="version" value="2"' in page  # saving again now is a conscious overwrite
        person.refresh_from_db()
        assert person.phone == "030 111" and person.version == 2

        response = client.post(edit_url, person_post(team=str(user.team_id), phone="040 222", version="2"))
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.phone == "040 222" and person.version == 3

    def test_invalid_input_shows_german_messages_and_saves_nothing(self, clerk):
        _user, client = clerk
        PersonFactory(file_number="AZ-2024-1")
        response = client.post(reverse("persons:create"), person_post(
            birth_date="31.02.1990", nationality_2="XX", sex="q", team="99999",
        ))
        assert response.status_code == 200
        page = response.text
        assert "Bitte ein gültiges Datum angeben" in page
        assert "Bitte einen Eintrag aus der Liste wählen." in page  # tampered sex choice
        assert "Dieses Team gibt es nicht oder ist für Sie nicht wählbar." in page
        assert Person.objects.count() == 1

    def test_combination_and_duplicate_file_number_messages(self, clerk):
        _user, client = clerk
        PersonFactory(file_number="AZ-2024-1")
        page = client.post(reverse("persons:create"), person_post(nationality_2="XX")).text
        assert "Das Aktenzeichen „AZ-2024-1“ ist bereits vergeben." in page
        assert "„staatenlos“ und „ungeklärt“ können nicht mit einer anderen Staatsangehörigkeit kombiniert werden." in page
        assert Person.objects.count() == 1

    def test_team_choices_follow_the_policy(self, clerk, role_client):
        user, client = clerk
        other = Team.objects.create(name="Team 2")
        page = client.get(reverse("persons:create")).text
        assert f'<option value="{user.team_id}"' in page and f'<option value="{other.pk}"' not in page
        response = client.post(reverse("persons:create"), person_post(team=str(other.pk)))
        assert "nicht wählbar" in response.text and not Person.objects.exists()
        _lead, lead_client = role_client(Role.TEAMLEITUNG)
        assert f'<option value="{other.pk}"' in lead_client.get(reverse("persons:create")).text

    def test_unknown_person_is_404(self, clerk):
        _user, client = clerk
        assert client.get(reverse("persons:detail", kwargs={"pk": 999999})).status_code == 404
        assert client.post(reverse("persons:edit", kwargs={"pk": 999999}), person_post()).status_code == 404

    def test_clerk_of_other_team_cannot_edit_but_sees(self, clerk):
        _user, client = clerk
        person = PersonFactory(team=Team.objects.create(name="Team 2"))
        assert client.get(detail(person)).status_code == 200
        assert reverse("persons:edit", kwargs={"pk": person.pk}) not in client.get(detail(person)).text
        assert client.get(reverse("persons:edit", kwargs={"pk": person.pk})).status_code == 403
        response = client.post(reverse("persons:edit", kwargs={"pk": person.pk}), person_post(version="1"))
        assert response.status_code == 403
        person.refresh_from_db()
        assert person.version == 1

    def test_delete_requires_teamleitung_and_confirmation(self, clerk, role_client):
        _user, client = clerk
        person = PersonFactory(team=_user.team)
        url = reverse("persons:delete", kwargs={"pk": person.pk})
        assert client.get(url).status_code == 403
        _lead, lead_client = role_client(Role.TEAMLEITUNG)
        page = lead_client.get(url).text
        assert "endgültig gelöscht" in page and Person.objects.filter(pk=person.pk).exists()
        assert lead_client.post(url).status_code == 302
        assert not Person.objects.filter(pk=person.pk).exists()
        assert AuditEntry.objects.filter(action=AuditAction.DELETE, person_id=person.pk).exists()


class TestOverview:
    def test_timeline_gap_current_expired_and_links_by_role(self, clerk, role_client):
        user, client = clerk
        person = PersonFactory(team=user.team)
        today = date.today()
        ResidencePeriodFactory(person=person, valid_from=today - timedelta(days=800), valid_until=today - timedelta(days=400))
        ResidencePeriodFactory(person=person, valid_from=today - timedelta(days=300), valid_until=today + timedelta(days=300))
        EntryFactory(person=person)
        StayAbroadFactory(person=person)
        page = client.get(detail(person)).text
        assert "Lücke" in page and "99 Tage ohne erfassten Status" in page
        assert "timeline__row--current" in page and 'aria-current="true"' in page
        assert "abgelaufen" in page
        assert reverse("persons:residence_add", kwargs={"person_pk": person.pk}) in page
        assert reverse("persons:edit", kwargs={"pk": person.pk}) in page
        assert reverse("persons:delete", kwargs={"pk": person.pk}) not in page  # Teamleitung only
        assert "Familienbeziehung hinzufügen" in page

        _lotse, lotse_client = role_client(Role.INTEGRATIONSLOTSE)
        page = lotse_client.get(detail(person)).text
        assert reverse("persons:residence_add", kwargs={"person_pk": person.pk}) not in page
        assert reverse("persons:edit", kwargs={"pk": person.pk}) not in page
        assert reverse("persons:note_add", kwargs={"person_pk": person.pk}) in page  # Lotse may add notes

    def test_family_at_a_glance_and_family_page(self, clerk):
        user, client = clerk
        rel = FamilyRelationFactory(person__team=user.team, relative__team=user.team)
        ResidencePeriodFactory(person=rel.relative, valid_from=date(2020, 1, 1), valid_until=None)
        page = client.get(detail(rel.person)).text
        assert rel.relative.display_name in page and "Aufenthaltserlaubnis" in page
        page = client.get(reverse("persons:family", kwargs={"person_pk": rel.person.pk})).text
        assert "Kinder" in page and rel.relative.display_name in page and "Personensorge" in page
        assert AuditEntry.objects.filter(action=AuditAction.VIEW, details__page="family").exists()

    def test_external_role_gets_403(self, role_client):
        person = PersonFactory()
        _user, client = role_client(Role.KIM_FALLMANAGEMENT)
        assert client.get(detail(person)).status_code == 403


class TestResidencePages:
    def test_overlap_shows_message_and_saves_nothing(self, clerk):
        user, client = clerk
        person = PersonFactory(team=user.team)
        ResidencePeriodFactory(person=person, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        url = reverse("persons:residence_add", kwargs={"person_pk": person.pk})
        response = client.post(url, {"status": "duldung", "duldung_kind": "60a", "valid_from": "2020-12-31",
                                     "valid_until": "2021-06-30", "legal_basis": "", "document_number": "", "note": ""})
        assert response.status_code == 200
        assert "überschneidet sich mit" in response.text
        assert ResidencePeriod.objects.filter(person=person).count() == 1

        response = client.post(url, {"status": "duldung", "duldung_kind": "60a", "valid_from": "2021-01-01",
                                     "valid_until": "2021-06-30"})
        assert response.status_code == 302
        assert ResidencePeriod.objects.filter(person=person).count() == 2

    def test_tampered_choices_and_dates(self, clerk):
        user, client = clerk
        person = PersonFactory(team=user.team)
        url = reverse("persons:residence_add", kwargs={"person_pk": person.pk})
        page = client.post(url, {"status": "gold", "duldung_kind": "zz", "valid_from": "kein Datum"}).text
        assert page.count("Bitte einen Eintrag aus der Liste wählen.") >= 2
        assert "Bitte ein gültiges Datum angeben." in page
        assert not ResidencePeriod.objects.exists()

    def test_period_of_another_person_is_404(self, clerk):
        user, client = clerk
        mine = PersonFactory(team=user.team)
        theirs = ResidencePeriodFactory(person__team=user.team)
        for name in ("residence_edit", "residence_delete"):
            url = reverse(f"persons:{name}", kwargs={"person_pk": mine.pk, "pk": theirs.pk})
            assert client.get(url).status_code == 404
            assert client.post(url, {"status": "visum", "valid_from": "2020-01-01"}).status_code == 404
        assert ResidencePeriod.objects.filter(pk=theirs.pk).exists()

    def test_edit_and_delete_period(self, clerk):
        user, client = clerk
        period = ResidencePeriodFactory(person__team=user.team, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        url = reverse("persons:residence_edit", kwargs={"person_pk": period.person_id, "pk": period.pk})
        assert 'value="2020-01-01"' in client.get(url).text
        response = client.post(url, {"status": period.status, "valid_from": "2020-01-01", "valid_until": "2021-01-31",
                                     "legal_basis": period.legal_basis, "document_number": period.document_number})
        assert response.status_code == 302
        period.refresh_from_db()
        assert period.valid_until == date(2021, 1, 31)
        url = reverse("persons:residence_delete", kwargs={"person_pk": period.person_id, "pk": period.pk})
        assert "Soll der Zeitraum" in client.get(url).text
        assert client.post(url).status_code == 302
        assert not ResidencePeriod.objects.exists()

    def test_lotse_cannot_change_residence(self, role_client):
        _user, client = role_client(Role.INTEGRATIONSLOTSE)
        person = PersonFactory()
        url = reverse("persons:residence_add", kwargs={"person_pk": person.pk})
        assert client.get(url).status_code == 403
        assert client.post(url, {"status": "visum", "valid_from": "2020-01-01"}).status_code == 403
        assert not ResidencePeriod.objects.exists()

    def test_entries_and_stays(self, clerk):
        user, client = clerk
        person = PersonFactory(team=user.team, birth_date=PartialDate(1990))
        url = reverse("persons:entry_add", kwargs={"person_pk": person.pk})
        assert client.post(url, {"date": "2015-09-05", "is_first_entry": "on"}).status_code == 302
        page = client.post(url, {"date": "2014-01-01"}).text
        assert "vor der als erste erfassten Einreise" in page
        url = reverse("persons:stay_add", kwargs={"person_pk": person.pk})
        page = client.post(url, {"left_on": "2019-07-10", "returned_on": "2019-07-01"}).text
        assert "Die Rückkehr darf nicht vor der Ausreise liegen." in page
        assert client.post(url, {"left_on": "2019-07-01", "returned_on": "2019-07-10"}).status_code == 302
        entry, stay = person.entries.get(), person.stays_abroad.get()
        assert client.post(reverse("persons:entry_delete", kwargs={"person_pk": person.pk, "pk": entry.pk})).status_code == 302
        assert client.post(reverse("persons:stay_delete", kwargs={"person_pk": person.pk, "pk": stay.pk})).status_code == 302
        assert not person.entries.exists() and not person.stays_abroad.exists()


class TestFamilyPages:
    def test_add_relation_by_search_and_file_number(self, clerk):
        user, client = clerk
        me = PersonFactory(team=user.team, birth_date=PartialDate(1980, 1, 1))
        child = PersonFactory(team=user.team, family_name="Zaytoun", birth_date=PartialDate(2010, 1, 1))
        url = reverse("persons:relation_add", kwargs={"person_pk": me.pk})
        page = client.get(url, {"q": "Zaytoun"}).text
        assert f'value="{child.pk}"' in page
        assert AuditEntry.objects.filter(action=AuditAction.SEARCH, details__query="Zaytoun").exists()
        response = client.post(url, {"other": str(child.pk), "kind": "child", "has_custody": "true"})
        assert response.status_code == 302
        rel = FamilyRelation.objects.get()
        assert (rel.person, rel.relative, rel.kind, rel.has_custody) == (me, child, RelationKind.PARENT, True)

        other_child = PersonFactory(team=user.team, file_number="AZ-KIND-2", birth_date=PartialDate(2012))
        response = client.post(url, {"other_file_number": "az-kind-2", "kind": "child"})
        assert response.status_code == 302
        assert FamilyRelation.objects.filter(relative=other_child).exists()

    def test_tampered_relation_posts(self, clerk):
        user, client = clerk
        me = PersonFactory(team=user.team, birth_date=PartialDate(1980, 1, 1))
        url = reverse("persons:relation_add", kwargs={"person_pk": me.pk})
        assert "Die gewählte Person gibt es nicht." in client.post(url, {"other": "999999", "kind": "spouse"}).text
        assert "Keine Akte mit dem Aktenzeichen" in client.post(url, {"other_file_number": "NIX", "kind": "spouse"}).text
        assert "andere Person" in client.post(url, {"other": str(me.pk), "kind": "spouse"}).text
        other = PersonFactory(team=user.team)
        assert "Bitte einen Eintrag aus der Liste wählen." in client.post(url, {"other": str(other.pk), "kind": "uncle"}).text
        assert "Die gewählte Person gibt es nicht." in client.post(url, {"other": "abc", "kind": "spouse"}).text
        older = PersonFactory(team=user.team, birth_date=PartialDate(1970, 1, 1))
        page = client.post(url, {"other": str(older.pk), "kind": "child"}).text
        assert "kann nicht älter als sein Elternteil" in page
        assert not FamilyRelation.objects.exists()

    def test_relation_delete_only_own_relations(self, clerk):
        user, client = clerk
        rel = FamilyRelationFactory(person__team=user.team, relative__team=user.team)
        stranger = PersonFactory(team=user.team)
        url = reverse("persons:relation_delete", kwargs={"person_pk": stranger.pk, "pk": rel.pk})
        assert client.post(url).status_code == 404
        url = reverse("persons:relation_delete", kwargs={"person_pk": rel.relative_id, "pk": rel.pk})
        assert "ist Elternteil von" in client.get(url).text
        assert client.post(url).status_code == 302
        assert not FamilyRelation.objects.exists()

    def test_household_page(self, clerk):
        user, client = clerk
        me, flatmate = PersonFactory(team=user.team), PersonFactory(team=user.team, file_number="AZ-WG-1")
        url = reverse("persons:household", kwargs={"person_pk": me.pk})
        assert "Haushalt anlegen" in client.get(url).text
        assert client.post(url, {"operation": "create", "address": "Hauptstr. 1"}).status_code == 302
        assert client.post(url, {"operation": "add", "other_file_number": "AZ-WG-1"}).status_code == 302
        household = Household.objects.get()
        assert set(household.members.all()) == {me, flatmate}
        page = client.post(url, {"operation": "create"}, follow=True).text
        assert "gehört bereits zu einem Haushalt" in page and Household.objects.count() == 1
        page = client.post(url, {"operation": "add", "other_file_number": "AZ-NIX"}).text
        assert "Keine Akte mit dem Aktenzeichen „AZ-NIX“ gefunden." in page
        page = client.post(url, {"operation": "add", "other": str(flatmate.pk)}).text
        assert "gehört bereits zum Haushalt" in page
        page = client.post(url, {"operation": "remove", "member": "999999"}, follow=True).text
        assert "gehört nicht zu diesem Haushalt" in page
        assert client.post(url, {"operation": "remove", "member": str(flatmate.pk)}).status_code == 302
        assert list(household.members.all()) == [me]
        assert client.post(url, {"operation": "explode"}).status_code == 302


class TestNotes:
    def test_add_note_shows_author_and_time(self, role_client):
        lotse, client = role_client(Role.INTEGRATIONSLOTSE)
        person = PersonFactory(team=lotse.team)
        url = reverse("persons:note_add", kwargs={"person_pk": person.pk})
        assert "nicht mehr geändert" in client.get(url).text
        assert "Bitte einen Text eingeben." in client.post(url, {"text": ""}).text
        assert client.post(url, {"text": "Sprachkurs ab März."}).status_code == 302
        page = client.get(detail(person)).text
        assert "Sprachkurs ab März." in page and lotse.display_name in page
        assert Note.objects.get().created_by == lotse


def test_nationality_names_follow_the_language(clerk):
    user, client = clerk
    person = PersonFactory(team=user.team)
    NationalityFactory(person=person, code="DE")
    assert "Deutschland" in client.get(detail(person)).text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Germany" in client.get(detail(person)).text
