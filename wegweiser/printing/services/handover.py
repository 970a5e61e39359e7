"""Recording that a copy of a counselling protocol was handed to the person (number and checksum of that copy)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE

from ..models import Handover
from .protocol_copy import copy_meta


@transaction.atomic
def record_handover(actor: Any, protocol: Any, *, language: str, how: str) -> Handover:
    """Store and audit one handover of the copy in ``language`` as it prints now.

    The checksum is computed from the protocol, not taken from the form, so the record names the paper the
    office can print again. Raises ``protocol_copy.DraftProtocol`` for a draft (it has no copy)."""
    meta = copy_meta(protocol, language)
    handover = Handover.objects.create(
        protocol=protocol, language=language, document_number=meta.number, checksum=meta.sha256,
        handed_over_at=timezone.now(), handed_over_by=actor, how=how,
    )
    record(
        actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=protocol.person, obj=handover,
        details={"document": "beratungsprotokoll", "number": meta.number, "sha256": meta.sha256,
                 "language": language, "how": how, "protocol": protocol.pk},
    )
    return handover
