"""Permission-matrix rows for every URL of the network app (see wegweiser/core/permission_matrix.py).

The directory is read by every internal case role (NETWORK_VIEW: SB, IL, TL) and edited by IL and TL
(NETWORK_CHANGE). Referrals need REFERRAL_CREATE (SB, IL, TL) on a visible person; the "Angebote für Sie" sheet
needs PERSON_VIEW and EXPORT. External roles see none of it.
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
VIEW = (SB, IL, TL)
CHANGE = (IL, TL)


def _organisation(world) -> dict:
    from wegweiser.network.models import Organisation

    world.organisation = Organisation.objects.create(
        name="Migrationsberatung Beispielstadt", kind="mbe", languages=["de", "ar"], topics=["sprache"]
    )
    return {"pk": world.organisation.pk}


def _contact(world) -> dict:
    from wegweiser.network.models import Contact

    _organisation(world)
    world.contact = Contact.objects.create(organisation=world.organisation, name="Samira Haddad", languages=["ar"])
    return {"pk": world.contact.pk}


def _organisation_post(world) -> dict:
    return {"name": "Jugendmigrationsdienst Beispielstadt", "kind": "jmd", "languages": "de, uk",
            "topics": ["schule", "ausbildung"], "address": "Schulstraße 5", "phone": "", "email": "",
            "website": "", "opening_hours": "Mo–Fr 10–16 Uhr", "description": "", "active": "on",
            "version": str(getattr(getattr(world, "organisation", None), "version", ""))}


def _contact_post(world) -> dict:
    organisation = getattr(world, "organisation", None)
    return {"organisation": str(organisation.pk) if organisation else "", "name": "Olena Koval",
            "function": "Beraterin", "languages": "uk, ru", "email": "", "phone": "", "account": "",
            "active": "on", "version": str(getattr(getattr(world, "contact", None), "version", ""))}


def _referral_setup(world, person=None) -> dict:
    _organisation(world)
    return {"person_pk": (person or world.person).pk}


def _referral_post(world) -> dict:
    return {"organisation": str(world.organisation.pk), "contact": "", "reason": "Anerkennung des Abschlusses"}


def _referral_from_protocol(world) -> dict:
    from wegweiser.counselling.tests.samples import draft

    kwargs = _referral_setup(world)
    world.protocol = draft(world.user(TL), world.person)
    return kwargs


def _referral_from_protocol_post(world) -> dict:
    return {**_referral_post(world), "protocol": str(world.protocol.pk)}


ROWS: list[Row] = [
    Row("network:directory", allowed=VIEW),
    Row("network:directory", allowed=VIEW, query="kind=mbe&language=ar&topic=sprache&q=Beratung&inactive=on"),
    Row("network:organisation_detail", allowed=VIEW, setup=_organisation),
    Row("network:organisation_create", allowed=CHANGE),
    Row("network:organisation_create", allowed=CHANGE, method="post", data=_organisation_post),
    Row("network:organisation_edit", allowed=CHANGE, setup=_organisation),
    Row("network:organisation_edit", allowed=CHANGE, method="post", setup=_organisation, data=_organisation_post),
    Row("network:contact_create", allowed=CHANGE),
    Row("network:contact_create", allowed=CHANGE, method="post", setup=lambda w: (_organisation(w), {})[1],
        data=_contact_post),
    Row("network:contact_edit", allowed=CHANGE, setup=_contact),
    Row("network:contact_edit", allowed=CHANGE, method="post", setup=_contact, data=_contact_post),
    Row("network:referral_create", allowed=VIEW, setup=_referral_setup),
    Row("network:referral_create", allowed=VIEW, method="post", setup=_referral_setup, data=_referral_post),
    Row("network:referral_create", allowed=VIEW, method="post",
        setup=lambda w: _referral_setup(w, w.other_team_person), data=_referral_post),
    Row("network:referral_create", allowed=VIEW, method="post", setup=_referral_from_protocol,
        data=_referral_from_protocol_post),
    Row("network:offers_pdf", allowed=VIEW, setup=lambda w: {"person_pk": w.person.pk}, query="lang=ar"),
    Row("network:offers_pdf", allowed=VIEW, setup=lambda w: {"person_pk": w.person.pk}),
]
