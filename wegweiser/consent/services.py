"""Recording, revoking and asking consents. The policy module calls ``valid_consents`` and ``grants``.

A consent grants its categories of its person to its recipient from ``valid_from`` to ``valid_until``
(both days included) unless revoked. Revocation takes effect at once; expiry needs nothing done.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE

from .categories import ordered
from .models import Consent, SignedHow

#: Default validity of a new consent, and the longest the office records (never unlimited).
DEFAULT_VALIDITY = timedelta(days=365)
MAX_VALIDITY = timedelta(days=2 * 365)
#: Kind under which the signed scan is filed with the person's documents.
SIGNED_KIND = "letter"


class StaleConsent(ValidationError):
    """Someone else changed the consent since the form was loaded."""

    def __init__(self, current: Consent) -> None:
        super().__init__(_("Diese Einwilligung wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie "
                           "den aktuellen Stand."), code="stale")
        self.current = current


def today() -> date:
    return timezone.localdate()


def default_valid_until(valid_from: date) -> date:
    return valid_from + DEFAULT_VALIDITY - timedelta(days=1)


# --- asking -----------------------------------------------------------------------------------------


def valid_consents(user: Any, on: date | None = None) -> QuerySet[Consent]:
    """The consents that grant something to this (external) user on ``on`` (default today).

    The user is a recipient through their network contact: named as the contact, or belonging to the named
    organisation. A deactivated contact or organisation receives nothing.
    """
    if user is None or getattr(user, "pk", None) is None:
        return Consent.objects.none()
    contact = getattr(user, "network_contact", None)
    if contact is None or not contact.active:
        return Consent.objects.none()
    recipient = Q(recipient_contact=contact)
    if contact.organisation_id is not None:
        recipient |= Q(recipient_organisation_id=contact.organisation_id, recipient_organisation__active=True)
    on = on or today()
    return Consent.objects.filter(recipient, valid_from__lte=on, valid_until__gte=on, revoked_at__isnull=True)


def valid_consent_naming(person: Any, contact: Any, on: date | None = None) -> Consent | None:
    """A valid consent of ``person`` that reaches ``contact`` (named itself or through its organisation)."""
    recipient = Q(recipient_contact=contact)
    if contact.organisation_id is not None:
        recipient |= Q(recipient_organisation_id=contact.organisation_id)
    on = on or today()
    return (Consent.objects.filter(recipient, person=person, valid_from__lte=on, valid_until__gte=on,
                                   revoked_at__isnull=True).order_by("-valid_until").first())


def granted_categories(user: Any, person: Any, on: date | None = None) -> set[str]:
    """All categories of ``person`` that valid consents grant to ``user``."""
    rows = valid_consents(user, on).filter(person_id=person.pk).values_list("categories", flat=True)
    return {category for categories in rows for category in categories}


def grants(user: Any, person: Any, category: DataCategory | str) -> bool:
    """Whether a valid consent of ``person`` grants ``category`` to ``user`` today."""
    if person is None or getattr(person, "pk", None) is None:
        return False
    return DataCategory(category).value in granted_categories(user, person)


# --- recording and revoking -------------------------------------------------------------------------


def _validate(data: dict[str, Any], *, has_upload: bool) -> None:
    errors: dict[str, list[str]] = {}
    organisation, contact = data.get("recipient_organisation"), data.get("recipient_contact")
    if bool(organisation) == bool(contact):
        errors["recipient"] = [_("Bitte wählen Sie genau einen Empfänger: eine Organisation oder eine Person.")]
    elif not (organisation or contact).active:
        errors["recipient"] = [_("Dieser Eintrag des Netzwerks ist nicht mehr aktiv.")]
    categories = ordered(data.get("categories") or [])
    if not categories:
        errors["categories"] = [_("Bitte wählen Sie mindestens eine Datenkategorie.")]
    elif DataCategory.IDENTITY not in categories:
        # Without the identity basics the recipient could not tell whose data the other categories are.
        errors["categories"] = [_("Die Angaben zur Person gehören immer dazu: ohne sie kann der Empfänger die "
                                  "übrigen Angaben niemandem zuordnen.")]
    if not (data.get("purpose") or "").strip():
        errors["purpose"] = [_("Bitte nennen Sie den Zweck.")]
    valid_from, valid_until, signed_on = data.get("valid_from"), data.get("valid_until"), data.get("signed_on")
    if valid_from and valid_until:
        if valid_until < valid_from:
            errors["valid_until"] = [_("Das Ende der Gültigkeit liegt vor ihrem Beginn.")]
        elif valid_until - valid_from >= MAX_VALIDITY:
            errors["valid_until"] = [_("Eine Einwilligung gilt höchstens zwei Jahre. Danach muss die Person neu "
                                       "einwilligen.")]
    if signed_on and signed_on > today():
        errors["signed_on"] = [_("Das Datum der Unterschrift liegt in der Zukunft.")]
    elif signed_on and valid_from and valid_from < signed_on:
        errors["valid_from"] = [_("Eine Einwilligung kann nicht vor ihrer Unterschrift gelten.")]
    if data.get("signed_how") == SignedHow.SCAN and not has_upload:
        errors["signed_scan"] = [_("Bitte laden Sie die unterschriebene Erklärung hoch.")]
    if errors:
        raise ValidationError(errors)


def record_consent(user: Any, person: Any, data: dict[str, Any], *, upload: UploadedFile | None = None) -> Consent:
    """Record a signed consent. With ``signed_how=scan`` the scan is filed with the person's documents first
    (the document service commits file and row itself); the consent and its audit entry follow in one
    transaction. Signed in the office: date and the recording staff member are kept."""
    policy.require(user, Action.CONSENT_CHANGE, person)
    is_scan = data.get("signed_how") == SignedHow.SCAN
    _validate(data, has_upload=upload is not None)
    document = None
    if is_scan and upload is not None:
        from wegweiser.documents.services import store_document

        document = store_document(user=user, person=person, upload=upload, kind=SIGNED_KIND,
                                  title=_("Einwilligung / Schweigepflichtentbindung (unterschrieben)"))
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person, recipient_organisation=data.get("recipient_organisation"),
            recipient_contact=data.get("recipient_contact"),
            categories=[c.value for c in ordered(data["categories"])], purpose=data["purpose"].strip(),
            valid_from=data["valid_from"], valid_until=data["valid_until"], signed_how=data["signed_how"],
            signed_document=document, signed_on=data["signed_on"], recorded_by=user,
        )
        record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=consent,
               details={"recipient": str(consent.recipient), "categories": consent.categories,
                        "valid_from": consent.valid_from.isoformat(),
                        "valid_until": consent.valid_until.isoformat(), "signed_how": consent.signed_how,
                        "signed_document": document.pk if document else None})
    return consent


def revoke(user: Any, consent: Consent, reason: str, *, expected_version: int) -> Consent:
    """Revoke with immediate effect. A revoked consent stays on file (who, when, why); it grants nothing."""
    policy.require(user, Action.CONSENT_CHANGE, consent.person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte nennen Sie den Grund des Widerrufs (z. B. „Widerruf durch "
                                            "die Person am Schalter“).")]})
    with transaction.atomic():
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.revoked_at is not None:
            raise ValidationError(_("Diese Einwilligung ist bereits widerrufen."), code="revoked")
        if current.version != expected_version:
            raise StaleConsent(current)
        now = timezone.now()
        Consent.objects.filter(pk=consent.pk).update(revoked_at=now, revoked_by=user, revocation_reason=reason,
                                                     version=current.version + 1)
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=consent.person, obj=consent,
               details={"revoked": True, "reason": reason})
    consent.refresh_from_db()
    return consent
