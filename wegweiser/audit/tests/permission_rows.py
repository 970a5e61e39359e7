"""Permission-matrix rows for the audit trail: Datenschutz and Teamleitung read it, nobody else."""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

READERS = [Role.DATENSCHUTZ, Role.TEAMLEITUNG]


def _entry(world) -> dict:
    from wegweiser.audit.models import AuditAction
    from wegweiser.audit.services import record

    entry = record(actor=world.user(Role.SACHBEARBEITUNG), action=AuditAction.VIEW, purpose="Fallbearbeitung",
                   person=world.person, obj=world.person)
    return {"pk": entry.pk}


ROWS = [
    Row("audit:search", allowed=READERS),
    Row("audit:search", allowed=READERS, query="action=view&date_from=2026-01-01"),
    Row("audit:detail", allowed=READERS, setup=_entry),
    Row("audit:export", allowed=READERS),
    Row("audit:verify", allowed=READERS),
    Row("audit:verify", allowed=READERS, method="post"),
]
