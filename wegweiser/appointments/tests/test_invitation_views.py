"""Staff pages of the proactive service: the lists, inviting, recording an application, issuing the
Fiktionsbescheinigung, the person-page section; bad input keeps what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.models import Person, ResidencePeriod

from ..models import ExtensionApplication, FiktionStatus, Invitation, Service
from .factories import office as _office

pytestmark = pytest.mark.django_db
LIST = reverse("appointments:invitations")


def office(**kwargs):
    """The office of the factories, with slots published from today (the pages work on the real date)."""
    return _office(**{"today": timezone.localdate(), **kwargs})


@pytest.fixture
def worker():
    return make_user(Role.SACHBEARBEITUNG, username="sb")


def _person(number: str, team) -> Person:
    return Person.objects.create(file_number=number, family_name="Haddad", given_names="Rana", team=team,
                                 letter_language="uk")


def _period(person: Person, days: int = 20) -> ResidencePeriod:
    today = timezone.localdate()
    return ResidencePeriod.objects.create(person=person, status="aufenthaltserlaubnis",
                                          valid_from=today - timedelta(days=300),
                                          valid_until=today + timedelta(days=days))


def test_invite_from_the_list_then_the_person_waits_with_a_letter(worker):
    office()
    period = _period(_person("AZ-1", worker.team))
    client = verified_client(worker)
    page = client.get(LIST)
    assert page.status_code == 200 and "AZ-1" in page.text and "Einladen" in page.text
    assert AuditEntry.objects.filter(person_id=period.person_id, action="view").exists()
    response = client.post(reverse("appointments:invitation_invite", kwargs={"period_pk": period.pk}))
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    page = client.get(LIST)
    assert reverse("documents:download", kwargs={"pk": invitation.letter_id}) in page.text
    assert "ist eingeladen" in page.text
    letter = client.get(reverse("documents:download", kwargs={"pk": invitation.letter_id}))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"


def test_the_list_shows_a_case_worker_only_the_own_teams_files(worker):
    office()
    _period(_person("AZ-1", worker.team))
    _period(_person("AZ-2", Team.objects.create(name="Team 2")))
    page = verified_client(worker).get(LIST)
    assert "AZ-1" in page.text and "AZ-2" not in page.text
    lead_page = verified_client(make_user(Role.TEAMLEITUNG, username="tl")).get(LIST)
    assert "AZ-1" in lead_page.text and "AZ-2" in lead_page.text


def test_without_a_renewal_service_the_staff_chooses_one_and_a_missing_choice_is_explained(worker):
    office()
    Service.objects.update(code="aufenthalt")
    period = _period(_person("AZ-1", worker.team))
    client = verified_client(worker)
    url = reverse("appointments:invitation_invite", kwargs={"period_pk": period.pk})
    refused = client.post(url, {f"p{period.pk}-service": ""})
    assert refused.status_code == 400 and "Bitte eine Leistung wählen." in refused.text
    assert not Invitation.objects.exists()
    done = client.post(url, {f"p{period.pk}-service": str(Service.objects.get().pk)})
    assert done.status_code == 302 and Invitation.objects.get().appointment.service.code == "aufenthalt"


def test_no_free_slot_is_said_on_the_list(worker):
    period = _period(_person("AZ-1", worker.team))
    office(today=period.valid_until + timedelta(days=1))
    response = verified_client(worker).post(reverse("appointments:invitation_invite",
                                                    kwargs={"period_pk": period.pk}))
    assert response.status_code == 400 and "kein Termin" in response.text and "Einladen" in response.text


def test_record_a_timely_application_and_issue_the_fiktion(worker):
    period = _period(_person("AZ-1", worker.team))
    client = verified_client(worker)
    url = reverse("appointments:application_create", kwargs={"period_pk": period.pk})
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.post(url, {"applied_on": tomorrow})
    assert refused.status_code == 400 and "in der Zukunft" in refused.text and f'value="{tomorrow}"' in refused.text
    today = timezone.localdate().isoformat()
    assert client.post(url, {"applied_on": today}).status_code == 302
    application = ExtensionApplication.objects.get()
    assert application.fiktion_status == FiktionStatus.OPEN
    assert "Fiktionsbescheinigung ausstellen" in client.get(LIST).text
    fiktion_url = reverse("appointments:fiktion_issue", kwargs={"pk": application.pk})
    missing = client.post(fiktion_url, {"issued_on": today, "document_number": ""})
    assert missing.status_code == 400 and "Nummer der Bescheinigung" in missing.text
    assert client.post(fiktion_url, {"issued_on": today, "document_number": "FB-7"}).status_code == 302
    application.refresh_from_db()
    assert application.fiktion_status == FiktionStatus.ISSUED
    assert "Keine Fiktionsbescheinigung offen." in client.get(LIST).text


def test_the_person_page_shows_appointments_invitation_and_application(worker):
    office()
    period = _period(_person("AZ-1", worker.team))
    client = verified_client(worker)
    client.post(reverse("appointments:invitation_invite", kwargs={"period_pk": period.pk}))
    page = client.get(reverse("persons:detail", kwargs={"pk": period.person_id}))
    assert page.status_code == 200 and "Termine und Einladungen" in page.text
    assert Invitation.objects.get().appointment.reference in page.text
    assert reverse("appointments:application_create", kwargs={"period_pk": period.pk}) in page.text
    lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotse")
    lotse_page = verified_client(lotse).get(reverse("persons:detail", kwargs={"pk": period.person_id}))
    assert "Termine und Einladungen" in lotse_page.text
    assert reverse("appointments:application_create", kwargs={"period_pk": period.pk}) not in lotse_page.text
