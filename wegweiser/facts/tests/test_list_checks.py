"""“Keine Einträge – geprüft am …”: recorded and deleted through the facts services, audited, and shown on the
page of the fact kind they concern."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.facts.models import ListCheck
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-C", family_name="Muster", given_names="Eva", team=team)


@pytest.fixture
def worker(role_client):
    return role_client(Role.SACHBEARBEITUNG)


def _checks_url(person) -> str:
    return reverse("facts:checks", kwargs={"person_pk": person.pk})


def _data(**overrides: str) -> dict[str, str]:
    return {"subject": "convictions", "checked_on": "2024-03-01", "source": "verified", "note": "BZR-Auszug",
            **overrides}


def test_record_a_check_and_delete_it_with_audit(person, worker):
    user, client = worker
    page = client.get(_checks_url(person))
    assert page.status_code == 200 and "Noch keine Prüfung ohne Eintrag erfasst." in page.content.decode()

    response = client.post(_checks_url(person), _data())
    assert response.status_code == 302 and response.url == _checks_url(person)
    check = ListCheck.objects.get(person=person)
    assert (check.subject, check.checked_on, check.recorded_by) == ("convictions", datetime.date(2024, 3, 1), user)
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(check.pk))
    assert created.person_id == person.pk and created.object_type == "facts.listcheck"
    assert created.details["subject"] == "convictions" and created.details["category"] == "criminal"

    listing = client.get(_checks_url(person)).content.decode()
    assert "BZR-Auszug" in listing and "Verurteilungen" in listing
    viewed = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=person.pk).latest("id")
    assert viewed.details["ids"] == [check.pk]

    delete_url = reverse("facts:check_delete", kwargs={"person_pk": person.pk, "pk": check.pk})
    assert client.get(delete_url).status_code == 200
    assert ListCheck.objects.filter(pk=check.pk).exists()  # GET only asks
    assert client.post(delete_url).status_code == 302
    assert not ListCheck.objects.filter(pk=check.pk).exists()
    deleted = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(check.pk))
    assert deleted.details["checked_on"] == "2024-03-01"


@pytest.mark.parametrize(("data", "field"), [
    (_data(checked_on="2999-01-01"), "checked_on"),
    (_data(subject="passports"), "subject"),  # no such list to check
    (_data(source=""), "source"),
])
def test_bad_input_is_refused_with_a_message(person, worker, data, field):
    _user, client = worker
    response = client.post(_checks_url(person), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ListCheck.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_the_kind_page_shows_the_check_and_records_one_in_place(person, worker):
    _user, client = worker
    list_url = reverse("facts:list", kwargs={"person_pk": person.pk, "kind": "convictions"})
    page = client.get(list_url).content.decode()
    assert "Verurteilungen: geprüft, keine Einträge" in page and "Nicht geprüft" in page

    response = client.post(_checks_url(person), {**_data(), "next": list_url})
    assert response.status_code == 302 and response.url == list_url
    page = client.get(list_url).content.decode()
    assert "Keine Einträge – geprüft am 01.03.2024, Quelle: geprüft" in page
    viewed = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=person.pk).latest("id")
    assert viewed.details["checks"] == [ListCheck.objects.get().pk]
    # a kind without a list to check has no panel
    assert "geprüft, keine Einträge" not in client.get(
        reverse("facts:list", kwargs={"person_pk": person.pk, "kind": "passports"})).content.decode()


def test_next_must_stay_on_this_site(person, worker):
    _user, client = worker
    response = client.post(_checks_url(person), {**_data(), "next": "https://evil.example/"})
    assert response.url == _checks_url(person)


def test_another_teams_file_is_refused_without_saving(role_client):
    other = Team.objects.create(name="Team 2")
    person = Person.objects.create(file_number="AZ-O", family_name="Andere", given_names="Ana", team=other)
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.post(_checks_url(person), _data()).status_code == 403
    assert not ListCheck.objects.exists()
    check = ListCheck.objects.create(person=person, subject="stays_abroad", checked_on="2024-01-01", source="verified")
    url = reverse("facts:check_delete", kwargs={"person_pk": person.pk, "pk": check.pk})
    assert client.post(url).status_code == 403
    assert ListCheck.objects.filter(pk=check.pk).exists()
