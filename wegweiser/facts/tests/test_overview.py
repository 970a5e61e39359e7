"""The person-overview sections of facts and documents render for case roles and hide for others."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.documents.overview import documents_context
from wegweiser.facts.models import Conviction, LanguageCertificate
from wegweiser.facts.overview import facts_context
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-O", family_name="Muster", given_names="Eva", team=team)


def _render(template: str, ctx: dict, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, ctx, request=request)


def test_facts_section_lists_entries_with_provenance_and_links(person):
    user = make_user(Role.SACHBEARBEITUNG)
    LanguageCertificate.objects.create(
        person=person, level="B1", scope="complete", issued_on=datetime.date(2024, 2, 1), source="verified",
        source_date=datetime.date(2024, 2, 3), recorded_by=user,
    )
    ctx = facts_context(person, user)
    assert ctx["facts_count"] == 1
    html = _render("facts/_person_facts.html", ctx, user)
    assert "Sprachzertifikate" in html
    assert "geprüft" in html  # source badge
    assert "03.02.2024" in html
    assert user.display_name in html
    assert f"/personen/{person.pk}/fakten/language-certificates/neu/" in html
    assert "/bearbeiten/" in html


def test_facts_section_without_change_right_has_no_edit_links(person):
    other_team = Team.objects.create(name="Team 9")
    user = make_user(Role.INTEGRATIONSLOTSE, team=other_team)
    Conviction.objects.create(
        person=person, decided_on=datetime.date(2020, 1, 1), offence="Diebstahl", source="verified",
        source_date=datetime.date(2020, 2, 1),
    )
    html = _render("facts/_person_facts.html", facts_context(person, user), user)
    assert "Diebstahl" in html
    assert "besonders geschützt" in html
    assert "/bearbeiten/" not in html
    assert "/neu/" not in html


def test_documents_section_for_roles(person):
    user = make_user(Role.SACHBEARBEITUNG)
    ctx = documents_context(person, user)
    assert ctx["documents_visible"] and ctx["documents_upload_url"]
    assert "Dokument hochladen" in _render("documents/_person_documents.html", ctx, user)
    outsider = make_user(Role.AUSWERTUNG)
    ctx = documents_context(person, outsider)
    assert not ctx["documents_visible"]
    assert "Dokument" not in _render("documents/_person_documents.html", ctx, outsider)
