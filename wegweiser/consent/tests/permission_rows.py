"""Permission-matrix rows for every URL of the consent app (see wegweiser/core/permission_matrix.py).

Consents are read and recorded by every case role (CONSENT_VIEW / CONSENT_CHANGE, not team-bound); the PDF
also needs EXPORT. The external pages are for external roles only, and show a person only with a valid
consent: the rows give each external account of the world a consent of ``world.person`` where they expect OK,
and check the refusals without one, after revocation and for another person.
"""

from __future__ import annotations

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import EXTERNAL_ROLES, Role
from wegweiser.core.permission_matrix import NOT_FOUND, Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)
EXTERNAL = tuple(sorted(EXTERNAL_ROLES))


def _consent(world, person=None) -> dict:
    from wegweiser.consent.tests.samples import grant, organisation

    world.consent = grant(person or world.person, to=organisation("Beratung im Kreis"))
    return {"pk": world.consent.pk}


def _external_consents(world, *, revoked: bool = False) -> None:
    """Each external user of the world gets a network contact and a consent of ``world.person``."""
    from django.utils import timezone

    from wegweiser.consent.tests.samples import grant
    from wegweiser.network.models import Contact

    for role in EXTERNAL:
        user = world.user(role)
        Contact.objects.create(name=f"Kontakt {role.value}", account=user)
        consent = grant(world.person, to=user, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION])
        if revoked:
            type(consent).objects.filter(pk=consent.pk).update(revoked_at=timezone.now())


def _person_with_consent(world) -> dict:
    _external_consents(world)
    return {"pk": world.person.pk}


def _person_after_revocation(world) -> dict:
    _external_consents(world, revoked=True)
    return {"pk": world.person.pk}


def _other_person(world) -> dict:
    _external_consents(world)
    return {"pk": world.other_team_person.pk}


def _create_post(world) -> dict:
    from django.utils import timezone

    from wegweiser.consent.tests.samples import organisation

    today = timezone.localdate()
    return {"recipient": f"org-{organisation().pk}", "categories": ["identity", "integration"],
            "purpose": "Begleitung bei der Arbeitssuche", "valid_from": today.isoformat(),
            "valid_until": today.replace(year=today.year + 1).isoformat(), "signed_how": "in_office",
            "signed_on": today.isoformat()}


def _revoke_post(world) -> dict:
    return {"reason": "Widerruf am Schalter", "confirm": "on", "version": str(world.consent.version)}


ROWS: list[Row] = [
    Row("consent:create", allowed=CASE, setup=lambda w: {"person_pk": w.person.pk}),
    Row("consent:create", allowed=CASE, method="post", setup=lambda w: {"person_pk": w.other_team_person.pk},
        data=_create_post),
    Row("consent:detail", allowed=CASE, setup=_consent),
    Row("consent:revoke", allowed=CASE, method="post", setup=_consent, data=_revoke_post),
    Row("consent:pdf", allowed=CASE, setup=_consent),
    Row("consent:pdf", allowed=CASE, setup=_consent, query="lang=ar"),
    # The staff pages stay closed to external accounts even for a consenting person.
    Row("consent:detail", allowed=CASE, setup=lambda w: (_external_consents(w), _consent(w))[1]),
    Row("consent:my_persons", allowed=EXTERNAL),
    Row("consent:my_persons", allowed=EXTERNAL, setup=lambda w: (_external_consents(w), {})[1]),
    Row("consent:external_person", allowed=EXTERNAL, setup=_person_with_consent),
    Row("consent:external_person", allowed=(), setup=_person_after_revocation,
        overrides={role: NOT_FOUND for role in EXTERNAL}),
    Row("consent:external_person", allowed=(), setup=_other_person,
        overrides={role: NOT_FOUND for role in EXTERNAL}),
]
