"""The audit trail is append-only and its hash chain names the first broken link."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction

from wegweiser.audit.models import AuditAction, AuditChainHead, AuditEntry
from wegweiser.audit.services import record, verify_chain
from wegweiser.audit.tasks import verify_audit_chain

from .tampering import raw, triggers_disabled

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    return [
        record(actor=None, action=AuditAction.VIEW, purpose="Test", object_type="test", object_id=i,
               details={"n": i, "text": "Größe ä"})
        for i in range(1, 8)
    ]


def test_intact_chain_verifies(trail):
    result = verify_chain(batch_size=3)  # several batches
    assert result.ok and result.checked == 7
    assert "7 Einträge" in result.message()


def test_empty_chain_verifies():
    assert verify_chain().ok


def test_entries_link_to_their_predecessor(trail):
    assert trail[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.entry_hash for a, b in zip(trail, trail[1:], strict=False))
    assert [e.id for e in trail] == list(range(1, 8))


@pytest.mark.parametrize("statement", ["UPDATE audit_auditentry SET purpose = 'x'", "DELETE FROM audit_auditentry"])
def test_database_rejects_update_and_delete(trail, statement):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(statement)
    assert AuditEntry.objects.count() == 7


def test_model_refuses_update_and_delete(trail):
    entry = trail[0]
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_changed_content_is_detected_at_that_entry(trail):
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET purpose = %s WHERE id = 4", ["Manipuliert"])
    result = verify_chain(batch_size=2)
    assert not result.ok and result.broken_id == 4 and result.checked == 3
    assert "verändert" in result.message() and "Eintrag 4" in result.message()


def test_changed_details_are_detected(trail):
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET details = %s WHERE id = 6", ['{"n": 99}'])
    assert verify_chain().broken_id == 6


def test_deleted_entry_is_detected(trail):
    with triggers_disabled():
        raw("DELETE FROM audit_auditentry WHERE id = 3")
    result = verify_chain()
    assert not result.ok and result.broken_id == 3 and "gelöscht" in result.message()


def test_recomputed_entry_still_breaks_the_link_of_its_successor(trail):
    """Rewriting an entry and its own hash is caught by the next entry's prev_hash."""
    from wegweiser.audit.services import compute_hash

    forged = AuditEntry.objects.get(id=2)
    forged.purpose = "Vertuscht"
    new_hash = compute_hash(forged)
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET purpose = %s, entry_hash = %s WHERE id = 2", ["Vertuscht", new_hash])
    result = verify_chain()
    assert not result.ok and result.broken_id == 3
    assert "Vorgänger" in result.message()


def test_removed_tail_is_detected_by_the_head(trail):
    with triggers_disabled():
        raw("DELETE FROM audit_auditentry WHERE id >= 6")
    result = verify_chain()
    assert not result.ok and result.broken_id == 6 and result.checked == 5
    assert "am Ende gelöscht" in result.message() and "Eintrag 6" in result.message()


def test_changed_head_is_detected(trail):
    """The head table has no trigger (it is updated on every append); its hash is still checked."""
    raw("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", ["f" * 64])
    result = verify_chain()
    assert not result.ok and result.broken_id is None and "Kettenende verändert" in result.message()


def test_entry_appended_around_record_is_detected(trail):
    """A well-formed entry inserted directly (triggers allow INSERT) lies past the head."""
    from wegweiser.audit.services import compute_hash

    forged = AuditEntry.objects.get(id=7)
    forged.id, forged.prev_hash, forged.purpose = 8, trail[-1].entry_hash, "Nachgeschoben"
    forged.entry_hash = compute_hash(forged)
    raw(
        "INSERT INTO audit_auditentry (id, at, actor_id, actor_username, actor_role, action, object_type, "
        "object_id, person_id, purpose, details, prev_hash, entry_hash) "
        "VALUES (%s, %s, NULL, '', '', 'view', 'test', '7', NULL, %s, %s, %s, %s)",
        [8, forged.at, forged.purpose, '{"n": 7, "text": "Größe ä"}', forged.prev_hash, forged.entry_hash],
    )
    assert AuditEntry.objects.get(id=8).entry_hash == compute_hash(AuditEntry.objects.get(id=8))
    result = verify_chain()
    assert not result.ok and result.broken_id == 8 and "hinter dem Kettenende" in result.message()


def test_entries_appended_during_the_check_are_no_false_alarm(trail, monkeypatch):
    """On a busy system entries arrive between reading the trail and reading the head."""
    from wegweiser.audit.services import verify

    read_head = verify._head
    appended = []

    def head_after_an_append():
        if not appended:
            appended.append(record(actor=None, action=AuditAction.VIEW, purpose="Nebenläufig"))
        return read_head()

    monkeypatch.setattr(verify, "_head", head_after_an_append)
    result = verify_chain(batch_size=4)
    assert result.ok and result.checked == 8


def test_swapped_entries_are_detected(trail):
    """Re-ordering: entries 3 and 4 trade places with all their stored fields (hashes included)."""
    third, fourth = AuditEntry.objects.get(id=3), AuditEntry.objects.get(id=4)
    put = ("UPDATE audit_auditentry SET object_id = %s, details = %s, prev_hash = %s, entry_hash = %s "
           "WHERE id = %s")
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET entry_hash = 'frei' WHERE id = 4")  # entry_hash is unique
        for target, source in ((3, fourth), (4, third)):
            raw(put, [source.object_id, json.dumps(source.details), source.prev_hash, source.entry_hash, target])
    assert AuditEntry.objects.get(id=3).entry_hash == fourth.entry_hash
    result = verify_chain()
    assert not result.ok and result.broken_id == 3 and "Vorgänger" in result.message()



def test_head_tracks_the_last_entry(trail):
    head = AuditChainHead.objects.get(id=1)
    assert head.last_id == 7 and head.last_hash == trail[-1].entry_hash


def test_command_names_the_first_broken_link(trail):
    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "intakt" in out.getvalue()
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET actor_username = 'jemand' WHERE id = 5")
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit_chain")
    assert "Eintrag 5" in str(excinfo.value) and excinfo.value.returncode == 1


def test_nightly_task_reports_a_break(trail, caplog):
    assert verify_audit_chain.delay().get()["ok"] is True
    with triggers_disabled():
        raw("UPDATE audit_auditentry SET action = 'delete' WHERE id = 1")
    outcome = verify_audit_chain.delay().get()
    assert outcome["ok"] is False and outcome["broken_id"] == 1
    assert any("audit chain broken" in r.getMessage() for r in caplog.records)
