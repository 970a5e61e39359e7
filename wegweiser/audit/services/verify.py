"""Check the audit trail's hash chain and name the first broken link.

Walks the entries in id order in batches (keyset pagination), so memory stays flat however long the trail
is. Ids are contiguous by construction (``record`` takes them from the locked chain head), so a gap means
a deleted entry, a wrong ``prev_hash`` a removed or re-ordered one, a wrong ``entry_hash`` changed content.
The chain head (last id and hash) is compared last; entries appended by others while the check runs are
checked too instead of being reported as a mismatch, so the nightly check gives no false alarm on a busy
system.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AuditChainHead, AuditEntry
from .chain import GENESIS_HASH, compute_hash


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""

    def message(self) -> str:
        if self.ok:
            return ngettext(
                "Protokollkette intakt: %(count)d Eintrag geprüft.",
                "Protokollkette intakt: %(count)d Einträge geprüft.",
                self.checked,
            ) % {"count": self.checked}
        if self.broken_id is None:
            return _("Protokollkette gebrochen: %(problem)s") % {"problem": self.problem}
        return _("Protokollkette gebrochen bei Eintrag %(id)d: %(problem)s") % {
            "id": self.broken_id,
            "problem": self.problem,
        }


class _Broken(Exception):
    def __init__(self, entry_id: int | None, problem: str) -> None:
        super().__init__(problem)
        self.entry_id, self.problem = entry_id, problem


def _entries_after(last_id: int, batch_size: int) -> Iterator[AuditEntry]:
    """All entries with a larger id, in id order, ``batch_size`` rows per query."""
    batch_size = max(1, batch_size)
    while True:
        batch = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        last_id = batch[-1].id


def _head() -> tuple[int, str]:
    head = AuditChainHead.objects.filter(id=1).first()
    return (head.last_id, head.last_hash) if head else (0, GENESIS_HASH)


def verify_chain(batch_size: int = 2000) -> VerifyResult:
    """Verify every entry and the chain head; stop at the first broken link."""
    checked, expected_prev = 0, GENESIS_HASH
    try:
        while True:
            for entry in _entries_after(checked, batch_size):
                _check(entry, checked + 1, expected_prev)
                checked, expected_prev = entry.id, entry.entry_hash
            head_id, head_hash = _head()
            # The head is read after the entries: if it is ahead, others have appended meanwhile (or the
            # tail was deleted); look again before judging.
            if head_id > checked and AuditEntry.objects.filter(id__gt=checked).exists():
                continue
            break
        _check_head(head_id, head_hash, checked, expected_prev)
    except _Broken as broken:
        return VerifyResult(False, checked, broken.entry_id, broken.problem)
    return VerifyResult(True, checked)


def _check(entry: AuditEntry, expected_id: int, expected_prev: str) -> None:
    if entry.id != expected_id:
        raise _Broken(
            expected_id,
            _("Eintrag fehlt (gelöscht); nach Eintrag %(prev)d folgt %(next)d.")
            % {"prev": expected_id - 1, "next": entry.id},
        )
    if entry.prev_hash != expected_prev:
        raise _Broken(
            entry.id,
            _("Verweis auf den Vorgänger stimmt nicht (Eintrag entfernt, eingefügt oder umgestellt)."),
        )
    if compute_hash(entry) != entry.entry_hash:
        raise _Broken(entry.id, _("Inhalt wurde nachträglich verändert."))


def _check_head(head_id: int, head_hash: str, checked: int, last_hash: str) -> None:
    if head_id > checked:
        raise _Broken(
            checked + 1,
            _("Eintrag fehlt (am Ende gelöscht); das Kettenende nennt Eintrag %(head)d als letzten, "
              "vorhanden sind %(count)d.") % {"head": head_id, "count": checked},
        )
    if head_id < checked:
        raise _Broken(
            head_id + 1,
            _("Eintrag liegt hinter dem Kettenende (an der Protokollierung vorbei eingefügt)."),
        )
    if head_hash != last_hash:
        raise _Broken(None, _("Kettenende passt nicht zum Hash des letzten Eintrags (Kettenende verändert)."))
