"""The two PDF downloads: policy, audit, language choice, and the refusal for a person without § 104c."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.goals.models import Zielvereinbarung
from wegweiser.persons.tests.factories import PersonFactory

from .conftest import make_holder
from .pdf_helpers import contains_words, reader, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2026-03-02 10:00"):
        yield


def goal_url(goal, lang: str = "") -> str:
    return reverse("printing:goal_pdf", kwargs={"pk": goal.pk}) + (f"?lang={lang}" if lang else "")


def sheet_url(person, lang: str = "") -> str:
    return reverse("printing:sheet_104c", kwargs={"person_pk": person.pk}) + (f"?lang={lang}" if lang else "")


def pdf_exports(person) -> list[AuditEntry]:
    return [e for e in AuditEntry.objects.filter(person_id=person.pk, action=AuditAction.EXPORT) if "sha256" in e.details]


def test_goal_pdf_is_a_download_in_the_goals_language_and_audited(role_client, goal):
    _user, client = role_client(Role.INTEGRATIONSLOTSE)
    response = client.get(goal_url(goal))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert reader(response.content).trailer["/Root"]["/Lang"] == "ar"
    [entry] = pdf_exports(goal.person)
    assert entry.details["document"] == "zielvereinbarung"
    assert entry.details["language"] == "ar"
    assert entry.details["sha256"] in text(response.content).replace("\n", "")
    assert entry.object_type == "goals.zielvereinbarung"


def test_goal_pdf_language_parameter_and_fallbacks(role_client, goal):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert reader(client.get(goal_url(goal, "uk")).content).trailer["/Root"]["/Lang"] == "uk"
    german = client.get(goal_url(goal, "de")).content
    assert reader(german).trailer["/Root"]["/Lang"] == "de"
    assert "Freitext, nicht übersetzt" in text(german)
    # an unknown code never reaches the renderer: the goal's language applies
    assert reader(client.get(goal_url(goal, "xx")).content).trailer["/Root"]["/Lang"] == "ar"
    goal.language = ""
    goal.save()
    goal.person.letter_language = "fa"
    goal.person.save()
    assert reader(client.get(goal_url(goal)).content).trailer["/Root"]["/Lang"] == "fa"


def test_goal_pdf_marks_free_text_in_the_persons_language(role_client, goal):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    content = text(client.get(goal_url(goal, "tr")).content)
    assert "Serbest metin, çevrilmemiştir" in content
    assert "Freitext, nicht übersetzt" in content
    assert "Kişinin imzası" in content and "Unterschrift der Person" in content
    assert "Unterschrift für die Ausländerbehörde" in content


def test_goal_pdf_of_an_unknown_goal_is_not_found(role_client, goal):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    missing = Zielvereinbarung.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("printing:goal_pdf", kwargs={"pk": missing})).status_code == 404


def test_goal_pdf_denied_for_roles_without_case_files(role_client, goal):
    _user, client = role_client(Role.AUSWERTUNG)
    assert client.get(goal_url(goal)).status_code == 403
    assert not pdf_exports(goal.person)


def test_sheet_for_a_holder(role_client, holder):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    response = client.get(sheet_url(holder, "ar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = text(response.content)
    assert contains_words(content, "تصريح إقامتكم وفق المادة")
    assert "31/03/2027" in content or "31/3/2027" in content.replace("\u200f", "")
    # the engine's gap texts: German, plus English for a non-German sheet, as the sheet says
    assert contains_words(content, "Englisch")  # German original of the notice below the Arabic one
    assert "Record" in content and "erfassen" in content  # an engine gap text in English and in German
    entries = pdf_exports(holder)
    assert [e.details["document"] for e in entries] == ["hinweise_104c"]
    situation = AuditEntry.objects.filter(person_id=holder.pk, action=AuditAction.EXPORT, details__format="situation/1")
    assert situation.count() == 1


def test_sheet_in_german_lists_both_pathways_and_duties(role_client, holder):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    content = text(client.get(sheet_url(holder, "de")).content)
    assert "gut integrierte Jugendliche" in content  # 24 years old: § 25a is named
    assert "nachhaltiger Integration (§ 25b)" in content
    assert "Was Sie jetzt tun sollen" in content
    assert "Sie sprechen Deutsch mindestens auf dem Niveau A2." in content
    assert "Englisch" not in content  # German sheet: no English duties


def test_sheet_leaves_out_25a_for_a_person_of_27_or_older(role_client, db):
    person = PersonFactory(birth_date=PartialDate(1980, 1, 1), letter_language="ru")
    make_holder(person)
    _user, client = role_client(Role.SACHBEARBEITUNG)
    content = text(client.get(sheet_url(person, "de")).content)
    assert "gut integrierte Jugendliche" not in content
    assert "nachhaltiger Integration (§ 25b)" in content


def test_sheet_refused_for_a_person_without_104c(role_client, person):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    response = client.get(sheet_url(person))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "keine gültige Aufenthaltserlaubnis nach § 104c" in response.content.decode()
    assert not pdf_exports(person)


def test_sheet_refused_when_the_permit_has_ended(role_client, person):
    make_holder(person, valid_until=date(2026, 3, 1))
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.get(sheet_url(person)).status_code == 409


def test_sheet_denied_without_case_files(role_client, holder):
    _user, client = role_client(Role.DATENSCHUTZ)
    assert client.get(sheet_url(holder)).status_code == 403
    assert not pdf_exports(holder)


def test_sheet_of_an_unknown_person_is_not_found(role_client, holder):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.get(reverse("printing:sheet_104c", kwargs={"person_pk": holder.pk + 1000})).status_code == 404
