"""Searching, reading, exporting and checking the audit trail in the UI."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.audit.services import record
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.models import Person

from .tampering import raw, triggers_disabled

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    team, other = Team.objects.create(name="Team Nord"), Team.objects.create(name="Team Süd")
    clerk = make_user(Role.SACHBEARBEITUNG, username="clerk-nord", team=team)
    other_clerk = make_user(Role.SACHBEARBEITUNG, username="clerk-sued", team=other)
    own = Person.objects.create(file_number="N-1", family_name="Nord", given_names="Nadia", team=team)
    foreign = Person.objects.create(file_number="S-1", family_name="Süd", given_names="Sami", team=other)
    record(actor=clerk, action=AuditAction.VIEW, purpose="Fallbearbeitung", person=own, obj=own)
    record(actor=other_clerk, action=AuditAction.CHANGE, purpose="Fallbearbeitung", person=foreign, obj=foreign)
    return {"team": team, "own": own, "foreign": foreign}


def _client(role, team):
    user = make_user(role, username=f"reader-{role.value}", team=team)
    return user, verified_client(user)


def test_datenschutz_sees_every_entry(office):
    _, client = _client(Role.DATENSCHUTZ, None)
    html = client.get(reverse("audit:search")).content.decode()
    assert "clerk-nord" in html and "clerk-sued" in html


def test_teamleitung_sees_only_its_team(office):
    _, client = _client(Role.TEAMLEITUNG, office["team"])
    html = client.get(reverse("audit:search")).content.decode()
    assert "clerk-nord" in html and "clerk-sued" not in html
    foreign_entry = AuditEntry.objects.get(actor_username="clerk-sued")
    assert client.get(reverse("audit:detail", kwargs={"pk": foreign_entry.pk})).status_code == 404


def test_filters_by_person_file_number_action_and_period(office):
    _, client = _client(Role.DATENSCHUTZ, None)
    html = client.get(reverse("audit:search"), {"person": "s-1"}).content.decode()
    assert "clerk-sued" in html and "clerk-nord" not in html
    html = client.get(reverse("audit:search"), {"action": "view", "user": "clerk-nord"}).content.decode()
    assert "clerk-nord" in html and "clerk-sued" not in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = client.get(reverse("audit:search"), {"date_from": tomorrow}).content.decode()
    assert "clerk-nord" not in html


def test_bad_filter_input_gets_a_plain_message(office):
    _, client = _client(Role.DATENSCHUTZ, None)
    response = client.get(reverse("audit:search"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 400
    assert "Ende des Zeitraums liegt vor seinem Anfang" in response.content.decode()
    response = client.get(reverse("audit:search"), {"date_from": "31.02.2026"})
    assert response.status_code == 400 and "Traceback" not in response.content.decode()
    response = client.get(reverse("audit:search"), {"person": "GIBT-ES-NICHT"})
    assert "Keine Person" in response.content.decode()


def test_reading_the_trail_is_itself_recorded(office):
    reader, client = _client(Role.DATENSCHUTZ, None)
    client.get(reverse("audit:search"), {"action": "change"})
    entry = AuditEntry.objects.get(pk=1)
    client.get(reverse("audit:detail", kwargs={"pk": entry.pk}))
    mine = AuditEntry.objects.filter(actor_id=reader.pk)
    assert mine.filter(action=AuditAction.SEARCH, details__filters__action="change").exists()
    assert mine.filter(action=AuditAction.VIEW, object_type="audit", object_id=str(entry.pk)).exists()


def test_detail_shows_hashes_and_details(office):
    _, client = _client(Role.DATENSCHUTZ, None)
    entry = AuditEntry.objects.get(pk=1)
    html = client.get(reverse("audit:detail", kwargs={"pk": entry.pk})).content.decode()
    assert entry.entry_hash in html and entry.prev_hash in html
    assert "(Sachbearbeitung)" in html and "Fallbearbeitung" in html


def test_export_streams_the_selection_and_is_recorded(office):
    reader, client = _client(Role.DATENSCHUTZ, None)
    response = client.get(reverse("audit:export"), {"person": "N-1"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "id" and len(rows) == 2 and rows[1][2] == "clerk-nord"
    export = AuditEntry.objects.get(actor_id=reader.pk, action=AuditAction.EXPORT)
    assert export.details["rows"] == 1 and export.details["filters"]["person"] == "N-1"


def test_export_for_teamleitung_is_limited_to_the_team(office):
    _, client = _client(Role.TEAMLEITUNG, office["team"])
    body = b"".join(client.get(reverse("audit:export")).streaming_content).decode()
    assert "clerk-nord" in body and "clerk-sued" not in body


def test_verify_page_reports_intact_and_broken_chain(office):
    _, client = _client(Role.DATENSCHUTZ, None)
    html = client.post(reverse("audit:verify")).content.decode()
    assert "intakt" in html
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET purpose = 'verfälscht' WHERE id = 2")
    html = client.post(reverse("audit:verify")).content.decode()
    assert "gebrochen bei Eintrag 2" in html


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.ADMINISTRATION])
def test_other_roles_cannot_read_the_trail(office, role):
    _, client = _client(role, office["team"])
    assert client.get(reverse("audit:search")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
