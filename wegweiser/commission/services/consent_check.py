"""Whether a consent lets the office put a person's case before a Beratungskommission.

A case may go to the commission only with a consent of this person, naming this commission (as the
organisation, or one of its contacts), valid on the day of submission and covering at least the identity
basics and the residence history. The same check decides later whether the submission document may still be
printed: a revoked or expired consent stops it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.policy import DataCategory
from wegweiser.consent.categories import LABELS
from wegweiser.consent.models import Consent, ConsentStatus
from wegweiser.persons.services.common import format_date

#: What the commission needs at the very least to look at a case at all.
REQUIRED_CATEGORIES: tuple[DataCategory, ...] = (DataCategory.IDENTITY, DataCategory.RESIDENCE)


def names_commission(consent: Consent, commission: Any) -> bool:
    """The consent's recipient is the commission itself or one of its contacts."""
    if consent.recipient_organisation_id is not None:
        return consent.recipient_organisation_id == commission.pk
    contact = consent.recipient_contact
    return contact is not None and contact.organisation_id == commission.pk


def recipient_problems(consent: Consent | None, person: Any, commission: Any) -> list[str]:
    """What makes ``consent`` the wrong declaration for this case (whatever the date)."""
    if consent is None:
        return []
    problems = []
    if consent.person_id != person.pk:
        problems.append(_("Diese Einwilligung hat eine andere Person gegeben."))
    if commission is not None and not names_commission(consent, commission):
        problems.append(_("Diese Einwilligung nennt nicht die gewählte Beratungskommission als Empfänger."))
    return problems


def consent_problems(consent: Consent | None, person: Any, commission: Any, on: date) -> list[str]:
    """Every reason why the case may not go (or no longer be shown) to the commission on ``on``; empty if fine."""
    if consent is None:
        return [_("Ohne Einwilligung der Person darf der Fall nicht an die Beratungskommission gehen. Bitte wählen "
                  "Sie eine gültige Einwilligung für die Kommission aus oder erfassen Sie sie zuerst.")]
    problems = recipient_problems(consent, person, commission)
    status = consent.status_on(on)
    if status == ConsentStatus.REVOKED:
        problems.append(_("Die Einwilligung wurde am %(date)s widerrufen.")
                        % {"date": format_date(timezone.localtime(consent.revoked_at).date())})
    elif status != ConsentStatus.VALID:
        problems.append(_("Die Einwilligung gilt am %(on)s nicht (gültig vom %(start)s bis %(end)s).") % {
            "on": format_date(on), "start": format_date(consent.valid_from), "end": format_date(consent.valid_until)})
    missing = [c for c in REQUIRED_CATEGORIES if c.value not in (consent.categories or [])]
    if missing:
        problems.append(_("Die Einwilligung deckt nicht ab, was die Kommission mindestens braucht. Es fehlt: "
                          "%(missing)s.") % {"missing": "; ".join(str(LABELS[c]) for c in missing)})
    return problems
