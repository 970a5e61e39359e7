"""The submission document prints only the data categories the consent covers, with number and checksum; the
view refuses it once the consent no longer holds, and audits every print."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.policy import DataCategory
from wegweiser.audit.models import AuditEntry
from wegweiser.commission.services.submission_pdf import submission_pdf
from wegweiser.core.testing import verified_client
from wegweiser.documents.tests.samples import pdf_upload
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import Entry, FamilyRelation, Note, Person, ResidencePeriod
from wegweiser.printing.tests.pdf_helpers import reader, text

from .samples import consent_for, draft
from .test_cases import submit

pytestmark = pytest.mark.django_db
C = DataCategory

#: One unmistakable word per category, each stored where only that category would print it.
MARKERS = {
    C.RESIDENCE: "Passbeschaffungsvermerk",
    C.INTEGRATION: "Zertifikatsmarke",
    C.CRIMINAL: "Ladendiebstahl",
    C.NOTES: "Aktenvermerkwort",
    C.DOCUMENTS: "Arbeitsvertragsscan",
    C.FAMILY: "Kind",
}


@pytest.fixture
def full_file(person, case_worker):
    """A case file with something in every category (and a child whose own data must never print)."""
    Entry.objects.create(person=person, date=date(2015, 9, 1), is_first_entry=True)
    ResidencePeriod.objects.create(person=person, status="duldung", valid_from=date(2016, 1, 1),
                                   note=MARKERS[C.RESIDENCE])
    make_fact("language-certificates", person, exam=MARKERS[C.INTEGRATION])
    make_fact("convictions", person, offence=MARKERS[C.CRIMINAL])
    Note.objects.create(person=person, text=MARKERS[C.NOTES], created_by=case_worker)
    from wegweiser.documents.services import store_document

    store_document(user=case_worker, person=person, upload=pdf_upload(), kind="letter", title=MARKERS[C.DOCUMENTS])
    child = Person.objects.create(file_number="AZ-K-9", family_name="Kindername", given_names="Lina",
                                  team=person.team)
    FamilyRelation.objects.create(person=person, relative=child, kind="parent")
    return person


def printed(case_worker, person, categories) -> tuple[str, object]:
    case = submit(case_worker, draft(case_worker, person, consent_for(person, categories=categories)))
    pdf, meta = submission_pdf(case)
    return text(pdf), meta, pdf


def test_only_identity_and_residence_print_nothing_else(case_worker, full_file):
    content, meta, pdf = printed(case_worker, full_file, (C.IDENTITY, C.RESIDENCE))
    assert "Vorlage an die Beratungskommission" in content
    assert "Haddad" in content and "Hauptstraße 1" in content and "AZ-K-1" in content
    assert MARKERS[C.RESIDENCE] in content and "Duldung" in content
    for category in (C.INTEGRATION, C.CRIMINAL, C.NOTES, C.DOCUMENTS):
        assert MARKERS[category] not in content, f"{category} printed without consent"
    assert "Familie und Haushalt" not in content and "Kindername" not in content
    assert "Empfiehlt die Kommission" in content  # the question to the commission
    assert meta.number.startswith("ABK-") and meta.number in content
    assert meta.sha256 in content.replace("\n", "")
    assert str(reader(pdf).trailer["/Root"]["/Lang"]) == "de"


def test_each_consented_category_prints_and_relatives_only_by_role(case_worker, full_file):
    content, meta, _pdf = printed(case_worker, full_file, (C.IDENTITY, C.RESIDENCE, C.INTEGRATION, C.FAMILY))
    assert MARKERS[C.INTEGRATION] in content
    assert "Familie und Haushalt" in content and "Kind" in content
    assert "Kindername" not in content and "Lina" not in content  # the child's own data needs its own consent
    for category in (C.CRIMINAL, C.NOTES, C.DOCUMENTS):
        assert MARKERS[category] not in content
    assert meta.content["consent"]["categories"] == ["identity", "residence", "integration", "family"]
    assert "facts" in meta.content and {b["category"] for b in meta.content["facts"]} <= {"integration", "residence"}


def test_everything_consented_prints_everything(case_worker, full_file):
    content, _meta, _pdf = printed(case_worker, full_file, tuple(C))
    for marker in MARKERS.values():
        assert marker in content


def test_the_view_prints_audits_and_refuses_after_revocation(case_worker, person):
    consent = consent_for(person)
    case = submit(case_worker, draft(case_worker, person, consent))
    client = verified_client(case_worker)
    url = reverse("commission:pdf", kwargs={"pk": case.pk})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    entry = AuditEntry.objects.get(action="export", person_id=person.pk)
    assert entry.details["document"] == "vorlage_beratungskommission" and entry.details["number"] == f"ABK-{case.pk}-2"

    type(consent).objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
    refused = client.get(url)
    assert refused.status_code == 409 and refused["Content-Type"].startswith("text/html")
    assert "widerrufen" in refused.content.decode()
    assert AuditEntry.objects.filter(action="export", person_id=person.pk).count() == 1
    page = client.get(reverse("commission:detail", kwargs={"pk": case.pk})).content.decode()
    assert "Die Einwilligung trägt diesen Fall nicht (mehr)" in page
    assert url not in page  # no print button


def test_a_draft_has_no_submission_document(case_worker, person):
    case = draft(case_worker, person, consent_for(person))
    response = verified_client(case_worker).get(reverse("commission:pdf", kwargs={"pk": case.pk}))
    assert response.status_code == 409
