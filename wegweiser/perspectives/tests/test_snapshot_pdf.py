"""A stored assessment as a PDF: stored when printed from the panel, in the user's language, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.perspectives import services
from wegweiser.perspectives.models import AssessmentSnapshot
from wegweiser.printing.tests.pdf_helpers import reader, text
from wegweiser.rules import __version__ as ENGINE_VERSION

pytestmark = pytest.mark.django_db


def pdf_url(snapshot: AssessmentSnapshot) -> str:
    return reverse("perspectives:snapshot_pdf", kwargs={"person_pk": snapshot.person_id, "pk": snapshot.pk})


def squash(value: str) -> str:
    return " ".join(value.split())


def test_print_as_pdf_from_the_panel_stores_the_snapshot_and_downloads_it(tolerated) -> None:
    client = verified_client(make_user(Role.SACHBEARBEITUNG))
    url = reverse("perspectives:snapshot_create", kwargs={"person_pk": tolerated.pk}) + "?format=pdf"
    response = client.post(url, {"purpose": "print", "as_of": "2025-10-01", "decision_reference": "AZ-9"})
    snapshot = AssessmentSnapshot.objects.get()
    assert snapshot.purpose == "print" and snapshot.as_of == date(2025, 10, 1)
    assert response.status_code == 302 and response["Location"] == pdf_url(snapshot)

    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="pruefung-BP-')
    body = squash(text(pdf.content))
    assert ENGINE_VERSION in body and "AZ-9" in body and tolerated.file_number in body
    title_de = snapshot.assessment["pathways"][0]["title"]["de"]
    assert squash(title_de) in body
    assert reader(pdf.content).metadata.title == "Prüfung der Bleibeperspektiven"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(snapshot.pk), details__document="pruefung_bleibeperspektiven")
    assert entry.person_id == tolerated.pk and entry.details["language"] == "de"
    assert entry.details["number"] == f"BP-{snapshot.pk}"
    assert entry.details["sha256"] in body.replace(" ", "")  # the printed checksum ties the page to the entry


def test_english_for_an_english_speaking_user(tolerated) -> None:
    user = make_user(Role.INTEGRATIONSLOTSE)
    snapshot = services.create_snapshot(user, tolerated, date(2025, 10, 1), "decision")
    client = verified_client(user)
    pdf = client.get(pdf_url(snapshot), headers={"Accept-Language": "en"})
    assert pdf.status_code == 200
    body = squash(text(pdf.content))
    assert ENGINE_VERSION in body
    assert squash(snapshot.assessment["pathways"][0]["title"]["en"]) in body
    assert AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(snapshot.pk), details__document="pruefung_bleibeperspektiven").details["language"] == "en"


def test_the_same_snapshot_gives_the_same_file(tolerated) -> None:
    user = make_user(Role.TEAMLEITUNG)
    snapshot = services.create_snapshot(user, tolerated, date(2025, 10, 1), "print")
    client = verified_client(user)
    assert client.get(pdf_url(snapshot)).content == client.get(pdf_url(snapshot)).content


def test_detail_page_links_the_pdf(tolerated) -> None:
    user = make_user(Role.SACHBEARBEITUNG)
    snapshot = services.create_snapshot(user, tolerated, date(2025, 10, 1), "print")
    page = verified_client(user).get(
        reverse("perspectives:snapshot_detail", kwargs={"person_pk": tolerated.pk, "pk": snapshot.pk})).text
    assert pdf_url(snapshot) in page and "Als PDF herunterladen" in page


def test_another_persons_snapshot_is_not_found(tolerated) -> None:
    from wegweiser.persons.tests.factories import PersonFactory

    user = make_user(Role.TEAMLEITUNG)
    snapshot = services.create_snapshot(user, tolerated, date(2025, 10, 1), "print")
    other = PersonFactory()
    url = reverse("perspectives:snapshot_pdf", kwargs={"person_pk": other.pk, "pk": snapshot.pk})
    assert verified_client(user).get(url).status_code == 404
