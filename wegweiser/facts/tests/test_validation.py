"""Plausibility rules of the fact models, with the German messages staff see in the form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.facts.forms import form_for
from wegweiser.facts.registry import BY_SLUG
from wegweiser.persons.models import Person

from .samples import post_data

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-V", family_name="Muster", team=team)


def errors(slug: str, person, **overrides: str) -> dict[str, list[str]]:
    model = BY_SLUG[slug].model
    form = form_for(model)(post_data(slug, **overrides), instance=model(person=person))
    form.is_valid()
    return {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}


@pytest.mark.parametrize(
    ("slug", "overrides", "field", "message"),
    [
        ("employment", {"starts_on": "2024-05-01", "ends_on": "2024-04-30"}, "ends_on",
         "„Ende“ darf nicht vor „Beginn“ liegen."),
        ("school", {"attended_from": "2020-08-01", "attended_until": "2019-07-01"}, "attended_until",
         "„bis“ darf nicht vor „von“ liegen."),
        ("livelihood", {"period_from": "2024-01-01", "period_until": "2023-12-31"}, "period_until",
         "„bis“ darf nicht vor „von“ liegen."),
        ("vocational-training", {"starts_on": "2023-09-01", "ends_on": "2023-08-31"}, "ends_on",
         "„voraussichtliches Ende“ darf nicht vor „Beginn“ liegen."),
        ("passports", {"valid_from": "2022-01-01", "valid_until": "2021-01-01"}, "valid_until",
         "„gültig bis“ darf nicht vor „gültig ab“ liegen."),
        ("employment", {"hours_per_week": "0"}, "hours_per_week",
         "Bitte eine Wochenarbeitszeit über 0 und höchstens 60 Stunden angeben."),
        ("employment", {"hours_per_week": "60.5"}, "hours_per_week",
         "Bitte eine Wochenarbeitszeit über 0 und höchstens 60 Stunden angeben."),
        ("civic-tests", {"points": "34"}, "points", "Bei diesem Test sind 0 bis 33 Punkte möglich."),
        ("civic-tests", {"kind": "einbuergerungstest", "points": "16", "passed": "true"}, "passed",
         "Mit 16 Punkten ist der Test nicht bestanden (nötig sind 17)."),
        ("civic-tests", {"points": "15", "passed": "false"}, "passed",
         "Mit 15 Punkten ist der Test bestanden (nötig sind 15)."),
        ("language-certificates", {"issued_on": TOMORROW}, "issued_on",
         "„Datum des Zeugnisses“ darf nicht in der Zukunft liegen."),
        ("convictions", {"decided_on": TOMORROW}, "decided_on",
         "„Datum der Entscheidung“ darf nicht in der Zukunft liegen."),
        ("judgements", {"source_date": TOMORROW}, "source_date",
         "„Stand der Angabe“ darf nicht in der Zukunft liegen."),
        ("convictions", {"daily_rates": "3"}, "daily_rates",
         "Eine Geldstrafe umfasst 5 bis 720 Tagessätze (§§ 40, 54 StGB)."),
        ("identity", {"status": "in_progress", "clarified_on": "2023-01-01"}, "clarified_on",
         "Ein Datum „geklärt am“ passt nur zum Stand „geklärt“."),
        ("passports", {"issuing_country": "QQ"}, "issuing_country",
         "Bitte den Staat als zweistelligen Ländercode angeben (ISO 3166), z. B. SY oder AF."),
        ("livelihood", {"monthly_income_eur": "-1"}, "monthly_income_eur", "Das Einkommen kann nicht negativ sein."),
        ("integration-course", {"obliged": "false", "status": "obliged"}, "status",
         "Der Stand „verpflichtet“ passt nicht zu „zur Teilnahme verpflichtet: nein“."),
    ],
)
def test_rule_and_message(slug, overrides, field, message, person):
    assert errors(slug, person, **overrides).get(field) == [message]


def test_cefr_level_must_be_a_choice(person):
    assert "level" in errors("language-certificates", person, level="B3")
    assert "level" in errors("language-certificates", person, level="")


def test_boundaries_are_accepted(person):
    assert errors("employment", person, hours_per_week="60") == {}
    assert errors("employment", person, hours_per_week="0.5") == {}
    assert errors("civic-tests", person, points="33", passed="true") == {}
    assert errors("civic-tests", person, points="0", passed="false") == {}
    assert errors("language-certificates", person, issued_on=TODAY, source_date=TODAY) == {}
    # Future dates stay possible where they are normal: a contract that starts next month.
    assert errors("employment", person, starts_on=TOMORROW) == {}
    assert errors("passports", person, valid_until="2099-01-01") == {}


def test_required_fields_and_dates_are_checked(person):
    errs = errors("language-certificates", person, issued_on="", source="")
    assert set(errs) == {"issued_on", "source"}
    assert errors("language-certificates", person, issued_on="31.02.2024")["issued_on"]


def test_passport_country_is_normalised(person):
    model = BY_SLUG["passports"].model
    form = form_for(model)(post_data("passports", issuing_country="af"), instance=model(person=person))
    assert form.is_valid(), form.errors
    assert form.instance.issuing_country == "AF"


def test_invalid_post_shows_errors_and_saves_nothing(person, role_client):
    _user, client = role_client(Role.INTEGRATIONSLOTSE)
    url = reverse("facts:create", kwargs={"person_pk": person.pk, "kind": "employment"})
    response = client.post(url, post_data("employment", starts_on="2024-05-01", ends_on="2024-01-01", hours_per_week="80"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben." in html
    assert "„Ende“ darf nicht vor „Beginn“ liegen." in html
    assert 'aria-describedby="id_ends_on_error" aria-invalid="true"' in html
    assert 'value="2024-01-01"' in html  # typed value kept
    assert not person.employment_facts.exists()
