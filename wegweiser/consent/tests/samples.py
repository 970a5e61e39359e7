"""Test helpers: an external account in the network directory and a consent for it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import Role
from wegweiser.consent.models import Consent, SignedHow
from wegweiser.core.testing import make_user
from wegweiser.network.models import Contact, Organisation, OrganisationKind


def organisation(name: str = "Caritas Beispielstadt", kind: str = OrganisationKind.MBE) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind)


def partner(role: Role = Role.UNTERSTUETZENDE, *, org: Organisation | None = None, username: str = "") -> Any:
    """An external user with a network contact (optionally in ``org``)."""
    user = make_user(role, username=username or f"ext-{role.value}-{Contact.objects.count()}", team=None)
    Contact.objects.create(organisation=org, name=f"Kontakt {user.username}", account=user)
    return user


def grant(person: Any, *, to: Any, categories: list[DataCategory] | None = None, valid_from: date | None = None,
          valid_until: date | None = None) -> Consent:
    """A consent of ``person`` for ``to`` (a user with a network contact, an Organisation or a Contact)."""
    start = valid_from or timezone.localdate()
    recipient: dict[str, Any] = {}
    if isinstance(to, Organisation):
        recipient["recipient_organisation"] = to
    elif isinstance(to, Contact):
        recipient["recipient_contact"] = to
    else:
        recipient["recipient_contact"] = to.network_contact
    return Consent.objects.create(
        person=person, categories=[c.value for c in (categories or [DataCategory.IDENTITY])],
        purpose="Begleitung bei der Arbeitssuche", valid_from=start,
        valid_until=valid_until or start + timedelta(days=364), signed_how=SignedHow.IN_OFFICE, signed_on=start,
        **recipient,
    )
