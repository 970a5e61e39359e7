"""Creating and editing agreements: validation, optimistic locking, the signed copy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wegweiser.audit.models import AuditEntry
from wegweiser.documents.models import DocumentKind
from wegweiser.documents.tests.samples import pdf_upload
from wegweiser.goals.services.agreements import StaleGoal, attach_signed_copy, create_goal, update_goal

pytestmark = pytest.mark.django_db

BASE = {"title": "Deutsch A2", "indicator": "Zertifikat A2 liegt vor"}


def test_language_defaults_to_the_persons_letter_language(person, case_worker) -> None:
    assert create_goal(case_worker, person, BASE).language == "ar"
    assert create_goal(case_worker, person, {**BASE, "language": "UK"}).language == "uk"


@pytest.mark.parametrize(("data", "field"), [
    ({"title": " ", "indicator": "x"}, "title"),
    ({"title": "x", "indicator": ""}, "indicator"),
    ({**BASE, "responsible_kind": "partner"}, "responsible_name"),
    ({**BASE, "due_date": timezone.localdate() - timedelta(days=1)}, "due_date"),
    ({**BASE, "due_date": timezone.localdate() + timedelta(days=5),
      "next_review": timezone.localdate() + timedelta(days=9)}, "next_review"),
    ({**BASE, "pathway": "aufenthg_99"}, "pathway"),
    ({**BASE, "pathway": "aufenthg_25b", "condition": "gibt_es_nicht"}, "condition"),
    ({**BASE, "condition": "zugang"}, "condition"),
])
def test_invalid_input_is_refused_per_field(person, case_worker, data, field) -> None:
    with pytest.raises(ValidationError) as exc:
        create_goal(case_worker, person, data)
    assert field in exc.value.message_dict
    assert not person.goals.exists()


def test_stale_edit_is_refused_and_carries_the_stored_state(person, case_worker, lotse) -> None:
    goal = create_goal(case_worker, person, BASE)
    first = update_goal(lotse, goal, {**BASE, "support": "Kursplatz VHS"}, expected_version=1)
    assert first.version == 2
    with pytest.raises(StaleGoal) as exc:
        update_goal(case_worker, goal, {**BASE, "support": "Kinderbetreuung"}, expected_version=1)
    assert exc.value.current.support == "Kursplatz VHS" and exc.value.current.version == 2
    goal.refresh_from_db()
    assert goal.support == "Kursplatz VHS"
    # Having seen the stored state, the user may overwrite it knowingly.
    assert update_goal(case_worker, goal, {**BASE, "support": "Kinderbetreuung"}, expected_version=2).version == 3
    changes = AuditEntry.objects.filter(action="change", object_id=str(goal.pk), object_type="goals.zielvereinbarung")
    assert [e.details["fields"] for e in changes.order_by("id")] == [["support"], ["support"]]


def test_saving_without_changes_keeps_the_version(person, case_worker) -> None:
    goal = create_goal(case_worker, person, BASE)
    assert update_goal(case_worker, goal, dict(BASE), expected_version=1).version == 1


def test_signed_copy_goes_to_the_persons_documents(person, case_worker) -> None:
    goal = create_goal(case_worker, person, BASE)
    document = attach_signed_copy(case_worker, goal, pdf_upload())
    goal.refresh_from_db()
    assert goal.signed_document == document
    assert (document.person, document.kind) == (person, DocumentKind.LETTER)
    assert document.title.startswith("Zielvereinbarung (unterschrieben)")
    assert AuditEntry.objects.filter(action="change", object_id=str(goal.pk),
                                     details__signed_document=document.pk).exists()


def test_a_file_that_is_not_a_document_is_refused(person, case_worker) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    goal = create_goal(case_worker, person, BASE)
    with pytest.raises(ValidationError):
        attach_signed_copy(case_worker, goal, SimpleUploadedFile("scan.pdf", b"MZ not a pdf", "application/pdf"))
    goal.refresh_from_db()
    assert goal.signed_document is None and not person.documents.exists()
