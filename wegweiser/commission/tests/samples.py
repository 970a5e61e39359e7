"""Test helpers (unit, permission matrix, browser): a Beratungskommission, a consent for it, a case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from wegweiser.accounts.policy import DataCategory
from wegweiser.commission.models import CommissionCase
from wegweiser.commission.services import cases
from wegweiser.consent.models import Consent, SignedHow
from wegweiser.network.models import Organisation, OrganisationKind

ABK_NAME = "Ausländerrechtliche Beratungskommission Kreis Beispielstadt"
#: What a typical consent for the commission covers.
DEFAULT_CATEGORIES = (DataCategory.IDENTITY, DataCategory.RESIDENCE, DataCategory.INTEGRATION)


def commission(name: str = ABK_NAME) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": OrganisationKind.BERATUNGSKOMMISSION, "address": "Am Kreishaus 1"})
    return organisation


def consent_for(person: Any, recipient: Any = None, *, categories: tuple[DataCategory, ...] = DEFAULT_CATEGORIES,
                valid_from: date | None = None, valid_until: date | None = None) -> Consent:
    """A consent of ``person`` for ``recipient`` (an Organisation or a Contact; default the commission)."""
    recipient = recipient if recipient is not None else commission()
    start = valid_from or timezone.localdate() - timedelta(days=10)
    field = "recipient_organisation" if isinstance(recipient, Organisation) else "recipient_contact"
    return Consent.objects.create(
        person=person, categories=[c.value for c in categories], purpose="Vorlage an die Beratungskommission",
        valid_from=start, valid_until=valid_until or start + timedelta(days=364), signed_how=SignedHow.IN_OFFICE,
        signed_on=start, **{field: recipient},
    )


def draft(user: Any, person: Any, consent: Consent | None = None, organisation: Organisation | None = None,
          ) -> CommissionCase:
    return cases.create_case(user, person, {
        "commission": organisation or commission(), "consent": consent,
        "question": "Empfiehlt die Kommission eine Aufenthaltserlaubnis nach § 25 Abs. 5 AufenthG?",
        "summary": "Seit 2016 geduldet, Passbeschaffung ohne Erfolg, arbeitet in Vollzeit.",
    })


def submitted(user: Any, person: Any, consent: Consent | None = None) -> CommissionCase:
    case = draft(user, person, consent if consent is not None else consent_for(person))
    return cases.submit(user, case, submitted_on=timezone.localdate(), expected_version=case.version)


def recommended(user: Any, person: Any, kind: str = "favourable") -> CommissionCase:
    case = submitted(user, person)
    return cases.record_recommendation(user, case, {
        "session_date": timezone.localdate(), "kind": kind,
        "text": "Die Kommission befürwortet die Erteilung einer Aufenthaltserlaubnis.",
    }, expected_version=case.version)
