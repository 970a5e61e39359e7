"""``fact_changed``: sent once a fact's create, update or delete is committed, for apps that react to new
facts (e.g. Zielvereinbarungen that are met now) without the facts app knowing them.

Receivers get ``person_id``, ``kind`` (the fact kind's slug) and ``action`` ("create", "update", "delete").
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

fact_changed = Signal()


def announce(person_id: int, kind: str, action: str) -> None:
    """Send ``fact_changed`` after the current transaction commits (never for a rolled-back change)."""
    transaction.on_commit(
        lambda: fact_changed.send(sender=None, person_id=person_id, kind=kind, action=action), robust=True
    )
