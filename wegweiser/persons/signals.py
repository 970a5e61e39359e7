"""``residence_changed``: sent once a change to a person's residence history (periods, entries, stays abroad)
is committed, for apps that re-assess the person without the persons app knowing them.

Receivers get ``person_id`` and ``action`` ("create", "update", "delete").
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

residence_changed = Signal()


def announce(person_id: int, action: str) -> None:
    """Send ``residence_changed`` after the current transaction commits (never for a rolled-back change)."""
    transaction.on_commit(
        lambda: residence_changed.send(sender=None, person_id=person_id, action=action), robust=True
    )
