"""Protocols: drafts with optimistic locking, required topics, finalising, immutability, addenda, facts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wegweiser.audit.models import AuditEntry
from wegweiser.counselling.models import Protocol, ProtocolAddendum, ProtocolNumber, ProtocolStatus
from wegweiser.counselling.models.protocol import FinalProtocol
from wegweiser.counselling.services import achievements, protocols
from wegweiser.facts.models import Employment, FactSource, LanguageCertificate

from .samples import complete_draft, draft, final

pytestmark = pytest.mark.django_db


def test_stale_version_is_refused_and_nothing_is_overwritten(case_worker, person):
    protocol = draft(case_worker, person)
    first_tab = Protocol.objects.get(pk=protocol.pk)
    second_tab = Protocol.objects.get(pk=protocol.pk)
    protocols.update_draft(case_worker, first_tab, {"next_steps": "Tab eins"}, expected_version=1)
    with pytest.raises(protocols.StaleProtocol) as stale:
        protocols.update_draft(case_worker, second_tab, {"next_steps": "Tab zwei"}, expected_version=1)
    assert stale.value.current.next_steps == "Tab eins"
    protocol.refresh_from_db()
    assert protocol.next_steps == "Tab eins" and protocol.version == 2


def test_finalising_needs_required_topics_covered_or_marked_with_reason(case_worker, person):
    protocol = draft(case_worker, person)
    required = list(protocol.counselling_type.topics.filter(required=True))
    with pytest.raises(ValidationError) as refused:
        protocols.finalise(case_worker, protocol, expected_version=protocol.version)
    assert required[0].text_de in refused.value.messages[0]
    skipped = {str(required[-1].pk): "   "}  # a blank reason does not count
    protocol = protocols.update_draft(case_worker, protocol, {"topics_covered": required[:-1],
                                                              "topics_not_discussed": skipped},
                                      expected_version=protocol.version)
    assert protocols.missing_required(protocol) == [required[-1]]
    protocol = protocols.update_draft(
        case_worker, protocol, {"topics_not_discussed": {str(required[-1].pk): "Person musste früher gehen"}},
        expected_version=protocol.version)
    final_protocol = protocols.finalise(case_worker, protocol, expected_version=protocol.version)
    assert final_protocol.status == ProtocolStatus.FINAL and final_protocol.finalised_by == case_worker


def test_final_protocol_is_immutable_at_model_level(case_worker, person):
    protocol = final(case_worker, person)
    protocol.next_steps = "nachträglich geändert"
    with pytest.raises(FinalProtocol):
        protocol.save()
    with pytest.raises(FinalProtocol):
        protocol.delete()
    with pytest.raises(FinalProtocol), transaction.atomic():
        protocol.topics_covered.clear()
    stale_copy = Protocol.objects.get(pk=protocol.pk)
    stale_copy.status = ProtocolStatus.DRAFT  # pretending to be a draft does not help: the stored row counts
    with pytest.raises(FinalProtocol):
        stale_copy.save()
    with pytest.raises(FinalProtocol):
        protocols.update_draft(case_worker, protocol, {"next_steps": "x"}, expected_version=protocol.version)
    protocol.refresh_from_db()
    assert protocol.next_steps == "" and protocol.topics_covered.exists()


def test_document_numbers_are_unique_and_sequential(case_worker, person):
    first, second = final(case_worker, person), final(case_worker, person)
    year = first.finalised_at.year
    assert first.document_number == f"BER-{year}-00001"
    assert second.document_number == f"BER-{year}-00002"
    with pytest.raises(FinalProtocol):
        protocols.finalise(case_worker, first, expected_version=first.version)


def test_the_database_refuses_a_duplicate_number_even_if_the_counter_were_reset(case_worker, person):
    """Numbers come from one UPDATE on the counter row; the unique column is the last line of defence."""
    first = final(case_worker, person)
    ProtocolNumber.objects.update(last=0)
    second = complete_draft(case_worker, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        protocols.finalise(case_worker, second, expected_version=second.version)
    second.refresh_from_db()
    assert second.status == ProtocolStatus.DRAFT and first.document_number.endswith("-00001")


def test_addendum_only_on_final_protocols_and_audited(case_worker, person):
    protocol = draft(case_worker, person)
    with pytest.raises(ValidationError):
        protocols.add_addendum(case_worker, protocol, "zu früh")
    protocol = final(case_worker, person)
    addendum = protocols.add_addendum(case_worker, protocol, "Termin bestätigt.")
    assert list(protocol.addenda.all()) == [addendum] and addendum.created_by == case_worker
    addendum.text = "anders"
    with pytest.raises(ValidationError):
        addendum.save()
    assert ProtocolAddendum.objects.get(pk=addendum.pk).text == "Termin bestätigt."
    assert AuditEntry.objects.filter(object_type="counselling.protocoladdendum", person_id=person.pk).exists()


def test_achievements_become_audited_facts_with_source_counselling(case_worker, person):
    protocol = draft(case_worker, person)
    facts = achievements.record_achievements(case_worker, protocol, [
        LanguageCertificate(level="B1", scope="complete", exam="DTZ", issued_on=date(2025, 6, 1)),
        Employment(kind="employed", employer="Bäckerei", starts_on=date(2025, 1, 1)),
    ])
    assert len(facts) == 2
    certificate = LanguageCertificate.objects.get(person=person)
    assert certificate.source == FactSource.COUNSELLING and certificate.source_date == protocol.held_on
    assert certificate.recorded_by == case_worker
    assert AuditEntry.objects.filter(object_type="facts.languagecertificate", object_id=str(certificate.pk),
                                     action="create").exists()
    protocol.refresh_from_db()
    assert achievements.facts_of(protocol) == facts


def test_invalid_achievement_saves_nothing(case_worker, person):
    protocol = draft(case_worker, person)
    with pytest.raises(ValidationError):
        achievements.record_achievements(case_worker, protocol, [
            Employment(kind="employed", starts_on=date(2025, 1, 1)),
            LanguageCertificate(level="B1", scope="complete", issued_on=date(2999, 1, 1)),  # in the future
        ])
    assert not Employment.objects.filter(person=person).exists()


def test_every_change_is_audited(case_worker, person):
    protocol = draft(case_worker, person)
    protocols.update_draft(case_worker, protocol, {"next_steps": "a"}, expected_version=1, autosave=True)
    entries = AuditEntry.objects.filter(object_type="counselling.protocol", object_id=str(protocol.pk))
    assert list(entries.values_list("action", flat=True)) == ["create", "change"]
    assert entries.last().details["autosave"] is True


def test_a_tabs_own_automatic_saves_do_not_make_its_next_save_stale(case_worker, person):
    protocol = draft(case_worker, person)
    protocols.update_draft(case_worker, protocol, {"next_steps": "automatisch"}, expected_version=1,
                           autosave=True, edit_token="tab-a")
    # The button of the same tab still carries version 1 (the automatic save's answer had not arrived).
    saved = protocols.update_draft(case_worker, Protocol.objects.get(pk=protocol.pk), {"next_steps": "Knopf"},
                                   expected_version=1, edit_token="tab-a")
    assert saved.version == 3 and saved.next_steps == "Knopf"
    # Another tab that also loaded version 1 is refused, and so is tab A once tab B saved in between.
    with pytest.raises(protocols.StaleProtocol):
        protocols.update_draft(case_worker, saved, {"next_steps": "Tab B"}, expected_version=1, edit_token="tab-b")
    protocols.update_draft(case_worker, saved, {"next_steps": "Tab B"}, expected_version=3, edit_token="tab-b")
    with pytest.raises(protocols.StaleProtocol):
        protocols.update_draft(case_worker, saved, {"next_steps": "A"}, expected_version=3, edit_token="tab-a")
    assert Protocol.objects.get(pk=protocol.pk).next_steps == "Tab B"
