"""What-if: assumed changes are applied to the exported situation, validated by the engine, compared with
today's assessment, and never stored (only the lookup is audited)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.facts.models import LanguageCertificate
from wegweiser.perspectives import services
from wegweiser.perspectives.services import Change
from wegweiser.rules import InvalidSituation

pytestmark = pytest.mark.django_db


def _url(person) -> str:
    return reverse("perspectives:what_if", kwargs={"person_pk": person.pk})


def _condition(assessment: dict, pathway: str, condition: str) -> dict:
    p = next(p for p in assessment["pathways"] if p["id"] == pathway)
    return next(c for c in p["conditions"] if c["id"] == condition)


def test_a_b1_certificate_meets_the_language_condition_of_25b(tolerated) -> None:
    user = make_user(Role.INTEGRATIONSLOTSE)
    as_of = date(2026, 6, 1)
    before = services.assess_person(user, tolerated, as_of)
    after = services.assess_person(user, tolerated, as_of, what_if=[
        Change(services.LANGUAGE_CERTIFICATE, date(2026, 5, 1), {"level": "B1", "scope": "complete"})])
    assert _condition(before, "aufenthg_25b", "deutsch_a2_muendlich")["result"] != "met"
    assert _condition(after, "aufenthg_25b", "deutsch_a2_muendlich")["result"] == "met"
    rows = {row["id"]: row for row in services.compare(before, after)}
    assert "deutsch_a2_muendlich" in [g["condition"] for g in rows["aufenthg_25b"]["closed"]]
    assert rows["aufenthg_60d"]["before"]["outcome"] == "not_eligible"
    assert rows["aufenthg_60d"]["after"]["outcome"] != "not_eligible" and rows["aufenthg_60d"]["changed"]
    assert not LanguageCertificate.objects.filter(person=tolerated, level="B1").exists()


def test_changes_are_applied_to_the_document() -> None:
    doc = {"livelihood": [{"period_from": "2020-01-01", "period_until": None, "secured": "not",
                           "by_employment": None, "benefits": "sgb2"}],
           "employment": None, "identity": {"status": None, "clarified_on": None}, "passports": None,
           "qualifications": [], "language_certificates": None}
    out = services.apply_changes(doc, [
        Change(services.LIVELIHOOD, date(2026, 1, 1), {"by_employment": True}),
        Change(services.EMPLOYMENT, date(2025, 12, 1), {"hours_per_week": 30, "social_insurance": True}),
        Change(services.IDENTITY, date(2025, 11, 1)),
        Change(services.PASSPORT, date(2025, 11, 2), {"valid_until": date(2035, 11, 1)}),
        Change(services.QUALIFICATION, date(2025, 7, 1), {"kind": "vocational", "obtained_in_germany": True}),
    ])
    assert out["livelihood"] == [
        {"period_from": "2020-01-01", "period_until": "2025-12-31", "secured": "not", "by_employment": None,
         "benefits": "sgb2"},
        {"period_from": "2026-01-01", "period_until": None, "secured": "fully", "by_employment": True,
         "benefits": "none"},
    ]
    assert out["employment"][0]["hours_per_week"] == 30.0 and out["employment"][0]["starts_on"] == "2025-12-01"
    assert out["identity"] == {"status": "clarified", "clarified_on": "2025-11-01"}
    assert out["passports"] == [{"kind": "national", "valid_from": "2025-11-02", "valid_until": "2035-11-01"}]
    assert out["qualifications"][0]["kind"] == "vocational"
    assert doc["livelihood"][0]["period_until"] is None  # the original is untouched


def test_what_if_page_shows_the_change_and_audits_the_lookup(tolerated) -> None:
    user = make_user(Role.SACHBEARBEITUNG)
    client = verified_client(user)
    assert client.get(_url(tolerated)).status_code == 200
    response = client.post(_url(tolerated), {
        "as_of": "2026-06-01", "certificate_level": "B1", "certificate_scope": "complete",
        "certificate_on": "2026-05-01", "livelihood_on": "2026-01-01", "livelihood_by_employment": "on",
    })
    assert response.status_code == 200
    result = response.context["result"]
    rows = {row["id"]: row for row in result["rows"]}
    assert "deutsch_a2_muendlich" in [g["condition"] for g in rows["aufenthg_25b"]["closed"]]
    html = response.content.decode()
    assert 'id="what-if-result"' in html and "Entfallene offene Punkte" in html
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=tolerated.pk,
                                      details__what_if=True).get()
    assert entry.details["changes"] == ["language_certificate", "livelihood"]
    assert entry.details["as_of"] == "2026-06-01" and entry.actor_id == user.pk
    assert not LanguageCertificate.objects.filter(person=tolerated, level="B1").exists()


def test_htmx_gets_the_region_only(tolerated) -> None:
    client = verified_client(make_user(Role.TEAMLEITUNG))
    response = client.post(_url(tolerated), {"as_of": "2026-06-01", "identity_on": "2026-01-01"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="what-if-result"' in html


def test_input_the_engine_rejects_keeps_the_form_with_a_message(tolerated) -> None:
    client = verified_client(make_user(Role.SACHBEARBEITUNG))
    # a passport that expires before it is issued: the engine refuses the situation
    response = client.post(_url(tolerated), {"as_of": "2026-06-01", "passport_on": "2026-03-01",
                                             "passport_until": "2025-03-01"})
    assert response.status_code == 200 and response.context["result"] is None
    form = response.context["form"]
    assert "passport_until" in form.errors
    html = response.content.decode()
    assert "keine gültige Situation" in html
    assert 'value="2025-03-01"' in html and 'value="2026-03-01"' in html  # the input is kept
    # the file was read for the lookup, so the lookup is audited even though it failed
    assert AuditEntry.objects.filter(person_id=tolerated.pk, details__what_if=True).count() == 1


def test_assess_person_raises_for_an_invalid_document(tolerated) -> None:
    user = make_user(Role.SACHBEARBEITUNG)
    with pytest.raises(InvalidSituation):
        services.assess_person(user, tolerated, date(2026, 1, 1), what_if=[
            Change(services.PASSPORT, date(2026, 1, 1), {"valid_until": date(2020, 1, 1)})])


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"certificate_on": "2026-01-01"}, "certificate_level", "Bitte das Niveau wählen."),
    ({"certificate_level": "B1", "certificate_scope": "oral"}, "certificate_on", "Bitte das Datum angeben"),
    ({"employment_on": "2026-01-01"}, "employment_hours", "Bitte die Stunden pro Woche angeben."),
    ({"identity_on": "2027-01-01"}, "identity_on", "nach dem Stichtag"),
    ({"employment_on": "2026-01-01", "employment_hours": "95"}, "employment_hours", "80"),
])
def test_incomplete_groups_are_refused_with_the_input_kept(tolerated, data, field, message) -> None:
    client = verified_client(make_user(Role.SACHBEARBEITUNG))
    response = client.post(_url(tolerated), {"as_of": "2026-06-01", **data})
    assert response.status_code == 200 and response.context["result"] is None
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    html = response.content.decode()
    for value in data.values():
        assert f'value="{value}"' in html or f'<option value="{value}" selected' in html
