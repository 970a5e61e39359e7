"""The search page: permissions, audit, full page vs. htmx partial, messages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Nationality, Person, ResidencePeriod, ResidenceStatus
from wegweiser.persons.search import update_search_fields
from wegweiser.persons.views.search import RESULT_LIMIT

pytestmark = pytest.mark.django_db
URL = reverse("persons:search")


def make(file_number, family, given="", **extra):
    person = Person(file_number=file_number, family_name=family, given_names=given, **extra)
    update_search_fields(person)
    person.save()
    return person


@pytest.fixture
def person():
    person = make("AZ-2024-0042", "الحسن", "محمد", family_name_latin="Al-Hassan", given_names_latin="Mohammed",
                  birth_date=PartialDate(1990, 3, 14))
    Nationality.objects.create(person=person, code="SY")
    today = date.today()
    ResidencePeriod.objects.create(person=person, status=ResidenceStatus.AUFENTHALTSGESTATTUNG,
                                   valid_from=today - timedelta(days=400), valid_until=today - timedelta(days=30))
    ResidencePeriod.objects.create(person=person, status=ResidenceStatus.AUFENTHALTSERLAUBNIS,
                                   valid_from=today - timedelta(days=29), valid_until=today + timedelta(days=300))
    return person


@pytest.fixture
def client(role_client):
    return role_client(Role.SACHBEARBEITUNG)[1]


def searches():
    return list(AuditEntry.objects.filter(action=AuditAction.SEARCH))


def test_empty_page_shows_form_and_audits_nothing(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html
    assert '<label class="kern-label" for="id_q">' in html
    assert 'id="search-status" role="status"' in html
    assert f'hx-get="{URL}"' in html and 'hx-push-url="true"' in html
    assert searches() == []


def test_search_lists_person_with_details_and_audits(client, person):
    response = client.get(URL, {"q": "Muhammad Al-Hasan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("persons:detail", kwargs={"pk": person.pk}) in html
    assert "Al-Hassan, Mohammed" in html
    assert 'dir="auto"' in html and "الحسن, محمد" in html  # the name in its own script
    assert "14.03.1990" in html
    assert "Syrien" in html
    assert "Aufenthaltserlaubnis" in html and "Aufenthaltsgestattung" not in html  # current status only
    assert "AZ-2024-0042" in html
    assert "1 Person gefunden." in html
    assert '<th scope="col"' in html and '<th scope="row"' in html
    [entry] = searches()
    assert entry.purpose == "Personensuche"
    assert entry.details == {"query": "Muhammad Al-Hasan", "hits": 1}
    assert entry.person_id is None
    assert entry.actor_role == Role.SACHBEARBEITUNG


def test_htmx_request_gets_results_region_only(client, person):
    response = client.get(URL, {"q": "Al-Hassan"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert 'hx-swap-oob="innerHTML"' in html and "1 Person gefunden." in html
    assert "Al-Hassan, Mohammed" in html
    assert "HX-Request" in response["Vary"]
    assert len(searches()) == 1


def test_htmx_history_restore_gets_full_page(client, person):
    response = client.get(URL, {"q": "Al-Hassan"},
                          headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    html = response.content.decode()
    assert "<html" in html and 'role="search"' in html


def test_no_result_shows_tips_and_is_audited(client, person):
    response = client.get(URL, {"q": "Zyxwvutsr"})
    html = response.content.decode()
    assert "Keine Person gefunden." in html
    assert "Tipps:" in html
    assert "<table" not in html
    assert searches()[0].details == {"query": "Zyxwvutsr", "hits": 0}


def test_query_too_long_is_refused_with_message(client, person):
    response = client.get(URL, {"q": "a" * 201})
    assert response.status_code == 200
    html = response.content.decode()
    assert "höchstens 200 Zeichen" in html
    assert 'aria-invalid="true"' in html
    assert searches() == []
    partial = client.get(URL, {"q": "a" * 201}, headers={"HX-Request": "true"}).content.decode()
    assert 'role="alert"' in partial and "höchstens 200 Zeichen" in partial


def test_query_of_200_characters_is_run(client):
    assert client.get(URL, {"q": "a" * 200}).status_code == 200
    assert len(searches()) == 1


def test_one_character_is_not_searched(client, person):
    html = client.get(URL, {"q": "M"}).content.decode()
    assert "mindestens 2 Zeichen" in html
    assert searches() == []


def test_file_number_and_date(client, person):
    assert "Al-Hassan, Mohammed" in client.get(URL, {"q": "az-2024-0042"}).content.decode()
    assert "Al-Hassan, Mohammed" in client.get(URL, {"q": "00.03.1990"}).content.decode()


def test_invalid_date_is_reported(client, person):
    html = client.get(URL, {"q": "Al-Hassan 31.02.1990"}).content.decode()
    assert "kein gültiges Datum" in html
    assert "Al-Hassan, Mohammed" in html


def test_other_birth_date_is_explained(client, person):
    html = client.get(URL, {"q": "Al-Hassan 1975"}).content.decode()
    assert "Niemand mit diesem Namen ist am 00.00.1975 geboren" in html
    assert "abweichend" in html


def test_too_many_hits_are_cut_with_advice(client):
    for i in range(RESULT_LIMIT + 2):
        make(f"AZ-9{i:03d}", "Yilmaz", "Ayse")
    html = client.get(URL, {"q": "Yilmaz"}).content.decode()
    assert f"Mehr als {RESULT_LIMIT} Personen gefunden" in html
    assert html.count('<th scope="row"') == RESULT_LIMIT
    assert searches()[0].details["hits"] == RESULT_LIMIT


@pytest.mark.parametrize("role", [Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.ADMINISTRATION,
                                  Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE])
def test_roles_without_search_are_denied(role_client, role, person):
    _user, client = role_client(role)
    assert client.get(URL, {"q": "Al-Hassan"}).status_code == 403
    assert searches() == []


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG])
def test_case_roles_may_search(role_client, role, person):
    _user, client = role_client(role)
    assert "Al-Hassan, Mohammed" in client.get(URL, {"q": "Al-Hassan"}).content.decode()


def test_anonymous_is_sent_to_login(client, person):
    client.logout()
    response = client.get(URL, {"q": "Al-Hassan"})
    assert response.status_code == 302
    assert searches() == []
