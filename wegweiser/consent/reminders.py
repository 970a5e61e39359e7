"""Expiry reminders: when a valid consent ends within ``CONSENT_EXPIRY_REMINDER_DAYS``, the staff who look
after the person hear about it once, in Wegweiser and by e-mail, so that a new consent can be asked for before
the partner loses access. Revoked and already expired consents get none (nothing is left to renew in time).

Who is told: the person's Integrationslotse/-lotsin if there is one, else the staff member who recorded the
consent, in each case only if that account may still see consents of the person.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.notifications.services.delivery import notify

from .models import Consent, ExpiryReminder

SYSTEM_PURPOSE = "Einwilligung: Erinnerung an den Ablauf"


def reminder_days() -> int:
    return int(getattr(settings, "CONSENT_EXPIRY_REMINDER_DAYS", 14))


def expiring_consents(today: date) -> list[Consent]:
    """Valid today (not revoked, started, not ended), ending within the reminder window, not reminded yet."""
    reminded = ExpiryReminder.objects.filter(consent=OuterRef("pk"))
    return list(
        Consent.objects.filter(revoked_at__isnull=True, valid_from__lte=today, valid_until__gte=today,
                               valid_until__lte=today + timedelta(days=reminder_days()))
        .exclude(Exists(reminded))
        .select_related("person__lotse", "recorded_by", "recipient_organisation", "recipient_contact")
        .order_by("valid_until", "pk")
    )


def recipient_for(consent: Consent) -> Any:
    """The Lotse of the person, else the recorder; None if neither may (still) see the person's consents."""
    for user in (consent.person.lotse, consent.recorded_by):
        if user is not None and policy.may(user, Action.CONSENT_VIEW, consent.person):
            return user
    return None


def send_expiry_reminders(today: date | None = None) -> int:
    """Remind about every expiring consent once; returns how many consents were reminded."""
    today = today or timezone.localdate()
    count = 0
    for consent in expiring_consents(today):
        user = recipient_for(consent)
        if user is None:
            continue
        message = _("Die Einwilligung von %(person)s für %(recipient)s läuft am %(date)s ab. Bitte klären Sie, ob "
                    "eine neue Einwilligung eingeholt werden soll.") % {
            "person": consent.person.display_name, "recipient": consent.recipient,
            "date": consent.valid_until.strftime("%d.%m.%Y")}
        try:
            with transaction.atomic():
                ExpiryReminder.objects.create(consent=consent, valid_until=consent.valid_until)
                record(actor=None, action=AuditAction.VIEW, purpose=SYSTEM_PURPOSE, person=consent.person,
                       obj=consent, details={"valid_until": consent.valid_until.isoformat(),
                                             "recipients": [user.pk]})
                notify(user, message=message, person=consent.person, send_email=True,
                       url=reverse("consent:detail", kwargs={"pk": consent.pk}))
        except IntegrityError:
            continue  # another run sent it just now
        count += 1
    return count
