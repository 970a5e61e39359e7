"""Append entries to the hash chain.

The hash covers every stored field of an entry plus its predecessor's hash, so changing, deleting or
re-ordering any entry is detected by the verifier.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "id": entry.id,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "person_id": entry.person_id,
        "purpose": entry.purpose,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def record(
    *,
    actor: Any,
    action: str,
    purpose: str,
    person: Any = None,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` is a user (or None for the system); ``person`` the case file concerned."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    person_id = getattr(person, "pk", person)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(id=1).first()
        if head is None:
            head = AuditChainHead.objects.create(id=1, last_hash=GENESIS_HASH, last_id=0)
        entry = AuditEntry(
            id=head.last_id + 1,
            at=timezone.now(),
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_role=getattr(actor, "role", "") if authenticated else "",
            action=str(action),
            object_type=str(object_type),
            object_id=str(object_id if object_id is not None else ""),
            person_id=person_id,
            purpose=str(purpose),
            details=details or {},
            prev_hash=head.last_hash,
        )
        # Round-trip the details through JSON so the hash is computed on what the database returns.
        entry.details = json.loads(json.dumps(entry.details, ensure_ascii=False, default=str))
        entry.entry_hash = compute_hash(entry)
        entry.save(force_insert=True)
        head.last_hash = entry.entry_hash
        head.last_id = entry.id
        head.save(update_fields=["last_hash", "last_id"])
    return entry
