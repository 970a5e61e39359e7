"""Referring a person to a partner of the network. The caller checks REFERRAL_CREATE on the person (and
COUNSELLING_VIEW when the referral is made from a counselling protocol)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE

from ..models import Contact, Organisation, Referral


@transaction.atomic
def create_referral(actor: Any, person: Any, organisation: Organisation, contact: Contact | None,
                    reason: str, protocol: Any = None) -> Referral:
    """Record the referral; ``protocol`` is the counselling in which it was agreed (of the same person only,
    else the referral would show up in another person's file)."""
    errors: dict[str, list[str]] = {}
    if protocol is not None and protocol.person_id != person.pk:
        errors["protocol"] = [_("Das Beratungsprotokoll gehört nicht zu dieser Person. Bitte legen Sie die "
                                "Vermittlung aus einem Protokoll dieser Person an.")]
    if not organisation.active:
        errors["organisation"] = [_("Diese Organisation ist nicht mehr aktiv; bitte wählen Sie eine andere.")]
    if contact is not None:
        if not contact.active:
            errors["contact"] = [_("Diese Kontaktperson ist nicht mehr aktiv.")]
        elif contact.organisation_id not in (None, organisation.pk):
            errors["contact"] = [_("Die Kontaktperson gehört nicht zu der gewählten Organisation.")]
    if not reason.strip():
        errors["reason"] = [_("Bitte nennen Sie den Anlass der Vermittlung.")]
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(person=person, organisation=organisation, contact=contact,
                                       reason=reason.strip(), protocol=protocol, created_by=actor)
    record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=referral,
           details={"organisation": organisation.pk, "contact": contact.pk if contact else None,
                    "protocol": protocol.pk if protocol else None})
    return referral
