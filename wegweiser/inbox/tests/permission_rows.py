"""Permission-matrix rows for every URL of the inbox app (see wegweiser/core/permission_matrix.py).

Partner pages are for external roles only: OK with a valid consent of ``world.person`` that grants the
category (identity and documents here), 404 without one (no consent, after revocation, another person), 403
with a consent of another category. Staff pages: INBOX_VIEW for the case roles; handling is SUBMISSION_HANDLE,
team-bound (a file of another team: only Teamleitung). External accounts never see the staff inbox.
"""

from __future__ import annotations

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import EXTERNAL_ROLES, Role
from wegweiser.core.permission_matrix import NOT_FOUND, Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)
EXTERNAL = tuple(sorted(EXTERNAL_ROLES))
HIDDEN = {role: NOT_FOUND for role in EXTERNAL}


def _external_consents(world, *, person=None, categories=None, revoked: bool = False) -> None:
    """Each external user of the world gets a network contact and a consent of ``world.person``."""
    from django.utils import timezone

    from wegweiser.consent.tests.samples import grant
    from wegweiser.network.models import Contact

    for role in EXTERNAL:
        user = world.user(role)
        Contact.objects.create(name=f"Kontakt {role.value}", account=user)
        consent = grant(person or world.person, to=user,
                        categories=categories or [DataCategory.IDENTITY, DataCategory.DOCUMENTS])
        if revoked:
            type(consent).objects.filter(pk=consent.pk).update(revoked_at=timezone.now())


def _person_with_consent(world) -> dict:
    _external_consents(world)
    return {"pk": world.person.pk}


def _person_without_consent(world) -> dict:
    return {"pk": world.person.pk}


def _person_after_revocation(world) -> dict:
    _external_consents(world, revoked=True)
    return {"pk": world.person.pk}


def _other_person(world) -> dict:
    _external_consents(world)
    return {"pk": world.other_team_person.pk}


def _person_other_category(world) -> dict:
    _external_consents(world, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION])
    return {"pk": world.person.pk}


def _evidence_post(world) -> dict:
    from wegweiser.documents.tests.samples import pdf_upload

    return {"file": pdf_upload(), "kind": "certificate", "title": "Zertifikat Deutsch B1", "text": ""}


def _message_post(world) -> dict:
    return {"subject": "Termin", "text": "Kann Frau Musterfrau am Montag kommen?"}


def _submission(world, *, kind: str = "message", person=None) -> dict:
    """A submission of a supporter with consent (made through the service, as the partner page does)."""
    from wegweiser.consent.tests.samples import grant, partner
    from wegweiser.inbox.tests.samples import evidence, message

    person = person or world.person
    sender = partner(Role.UNTERSTUETZENDE, username="row-sender")
    grant(person, to=sender, categories=[DataCategory.IDENTITY, DataCategory.DOCUMENTS])
    world.submission = evidence(sender, person) if kind == "evidence" else message(sender, person)
    return {"pk": world.submission.pk}


def _submission_with_external_consents(world) -> dict:
    _external_consents(world)
    return _submission(world)


def _handle_post(field: str, value: str):
    return lambda world: {"version": str(world.submission.version), field: value}


ROWS: list[Row] = [
    # Partner pages.
    Row("inbox:submit_evidence", allowed=EXTERNAL, setup=_person_with_consent),
    Row("inbox:submit_evidence", allowed=EXTERNAL, method="post", setup=_person_with_consent, data=_evidence_post),
    Row("inbox:submit_evidence", allowed=(), setup=_person_without_consent, overrides=HIDDEN),
    Row("inbox:submit_evidence", allowed=(), setup=_person_after_revocation, overrides=HIDDEN),
    Row("inbox:submit_evidence", allowed=(), setup=_other_person, overrides=HIDDEN),
    Row("inbox:submit_evidence", allowed=(), setup=_person_other_category),
    Row("inbox:submit_evidence", allowed=(), method="post", setup=_person_other_category, data=_evidence_post),
    Row("inbox:send_message", allowed=EXTERNAL, setup=_person_with_consent),
    Row("inbox:send_message", allowed=EXTERNAL, method="post", setup=_person_with_consent, data=_message_post),
    Row("inbox:send_message", allowed=(), setup=_person_without_consent, overrides=HIDDEN),
    Row("inbox:send_message", allowed=(), method="post", setup=_person_after_revocation, data=_message_post,
        overrides=HIDDEN),
    Row("inbox:send_message", allowed=(), setup=_other_person, overrides=HIDDEN),
    Row("inbox:my_submissions", allowed=EXTERNAL),
    Row("inbox:my_submissions", allowed=EXTERNAL, setup=lambda w: (_external_consents(w), {})[1]),
    # Staff inbox.
    Row("inbox:list", allowed=CASE),
    Row("inbox:list", allowed=CASE, setup=lambda w: (_submission(w), {})[1], query="status=alle&art=message"),
    Row("inbox:detail", allowed=CASE, setup=_submission),
    # Consent for the person does not open the office's inbox to partners.
    Row("inbox:detail", allowed=CASE, setup=_submission_with_external_consents),
    Row("inbox:verify", allowed=CASE, method="post", setup=lambda w: _submission(w, kind="evidence"),
        data=_handle_post("note", "")),
    Row("inbox:reject", allowed=CASE, method="post", setup=lambda w: _submission(w, kind="evidence"),
        data=_handle_post("reason", "Unleserlich")),
    Row("inbox:answer", allowed=CASE, method="post", setup=_submission, data=_handle_post("answer", "Ja")),
    # A file of another team: only Teamleitung handles it (team-bound).
    Row("inbox:answer", allowed=(TL,), method="post",
        setup=lambda w: _submission(w, person=w.other_team_person), data=_handle_post("answer", "Ja")),
]
