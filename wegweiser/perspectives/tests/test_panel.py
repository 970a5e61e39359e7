"""The panel on the person page and on its own: outcomes as the engine computes them, texts in the user's
language, goal links where the goals app offers them, and the audit of every read."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.services.common import today
from wegweiser.persons.services.situation import situation_for
from wegweiser.rules import assess

pytestmark = pytest.mark.django_db


def _client(role: Role = Role.SACHBEARBEITUNG):
    user = make_user(role)
    return user, verified_client(user)


def _detail(person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk})


def _panel(client, person):
    """The panel as the person page loads it (htmx, right after the page)."""
    return client.get(reverse("perspectives:panel", kwargs={"person_pk": person.pk}), HTTP_HX_REQUEST="true")


def test_person_page_shows_the_section_and_loads_the_panel_after_it(tolerated) -> None:
    _user, client = _client()
    page = client.get(_detail(tolerated))
    html = page.content.decode()
    assert 'id="bleibeperspektiven-heading"' in html and 'href="#bleibeperspektiven"' in html
    section = next(s for s in page.context["extra_sections"] if s.key == "bleibeperspektiven")
    assert section.order == 10
    panel_url = reverse("perspectives:panel", kwargs={"person_pk": tolerated.pk})
    assert f'hx-get="{panel_url}" hx-trigger="load"' in html and f'href="{panel_url}"' in html  # without JS: a link
    # the page itself runs no assessment: no export yet, the overview's audit names the section
    view = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=tolerated.pk).latest("id")
    assert "bleibeperspektiven" in view.details["sections"]
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT, person_id=tolerated.pk).exists()

    response = _panel(client, tolerated)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    shown = {p["id"]: p for p in response.context["panel"]["assessment"]["pathways"]}
    expected = assess(situation_for(tolerated, today()))
    assert list(shown) == [p["id"] for p in expected["pathways"]]
    for p in expected["pathways"]:
        assert shown[p["id"]]["outcome"] == p["outcome"]
        assert len(shown[p["id"]]["gaps"]) == len(p["missing"])
    # A1 only: § 60d needs oral German A2, which the person can still bring
    assert shown["aufenthg_60d"]["outcome"] == "not_eligible"
    assert any(g["condition"] == "deutsch_a2_muendlich" and g["kind"] == "achievement"
               for g in shown["aufenthg_60d"]["gaps"])
    assert "Nicht möglich" in html and "Beschäftigungsduldung" in html
    assert '<details class="kern-accordion" id="weg-aufenthg_25b">' in html
    assert "Diese Prüfung unterstützt die Entscheidung der Ausländerbehörde" in html  # the engine's disclaimer
    # the panel's read is audited: its page view and the export for the engine
    view = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=tolerated.pk).latest("id")
    assert view.details == {"page": "perspectives", "as_of": today().isoformat()}
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, person_id=tolerated.pk).exists()


def test_roles_without_assessments_see_no_panel(tolerated) -> None:
    # every role that sees case files may see assessments today; the provider still asks the policy
    from wegweiser.perspectives.panel import perspectives_section

    kim = make_user(Role.KIM_FALLMANAGEMENT)
    assert perspectives_section(tolerated, kim) is None


def test_english_user_gets_the_engines_english_texts(tolerated) -> None:
    _user, client = _client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = _panel(client, tolerated).content.decode()
    assert "Residence permit for sustainable integration" in html
    assert "Aufenthaltserlaubnis bei nachhaltiger Integration" not in html
    assert "This assessment supports the decision of the immigration authority" in html


def test_gaps_to_achieve_link_to_a_new_goal(tolerated, monkeypatch) -> None:
    from wegweiser.perspectives import presentation

    def fake_reverse(name, kwargs=None, **_):
        assert name == "goals:create"
        return f"/personen/{kwargs['person_pk']}/ziele/neu/"

    monkeypatch.setattr(presentation, "reverse", fake_reverse)
    _user, client = _client()
    html = _panel(client, tolerated).content.decode()
    assert (f'href="/personen/{tolerated.pk}/ziele/neu/?pathway=aufenthg_60d&amp;condition=deutsch_a2_muendlich"'
            in html)
    assert "Als Ziel vereinbaren" in html


def test_without_the_goals_page_the_panel_still_renders(tolerated, monkeypatch) -> None:
    from wegweiser.perspectives import presentation

    def missing(*args, **kwargs):
        raise NoReverseMatch("goals:create")

    monkeypatch.setattr(presentation, "reverse", missing)
    _user, client = _client()
    response = _panel(client, tolerated)
    assert response.status_code == 200
    assert "Als Ziel vereinbaren" not in response.content.decode()


def test_panel_for_another_date_as_htmx_partial_and_as_page(tolerated) -> None:
    user, client = _client(Role.INTEGRATIONSLOTSE)
    url = reverse("perspectives:panel", kwargs={"person_pk": tolerated.pk})
    partial = client.get(url, {"stichtag": "2030-01-01"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and "01.01.2030" in partial.content.decode()
    assert partial.context["panel"]["assessment"]["as_of"].isoformat() == "2030-01-01"
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, person_id=tolerated.pk).latest("id")
    assert entry.details == {"page": "perspectives", "as_of": "2030-01-01"} and entry.actor_id == user.pk

    page = client.get(url, {"stichtag": "kein Datum"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and "kein gültiges Datum" in html
    assert page.context["panel"]["as_of"] == today()


def test_the_104c_sheet_is_offered_to_holders_only(tolerated) -> None:
    """§ 104c Abs. 4: for a holder the panel offers the information sheet; for anyone else it does not."""
    from datetime import timedelta

    from wegweiser.persons.tests.factories import ResidencePeriodFactory

    _user, client = _client()
    sheet = reverse("printing:sheet_104c", kwargs={"person_pk": tolerated.pk})
    assert sheet not in client.get(_detail(tolerated)).content.decode()
    day = today()
    ResidencePeriodFactory(person=tolerated, legal_basis="§ 104c Abs. 1 AufenthG",
                           valid_from=day - timedelta(days=30), valid_until=day + timedelta(days=100))
    assert f"{sheet}?lang=de" in client.get(_detail(tolerated)).content.decode()
