"""Permission-matrix rows of the proactive service (see wegweiser/core/permission_matrix.py).

INVITATION_SEND: Sachbearbeitung (team-bound: only files of the own team) and Teamleitung. Integrationslotse
sees appointments (APPOINTMENT_VIEW) but does not invite, record applications or issue certificates.
"""

from __future__ import annotations

from datetime import timedelta

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, TL = Role.SACHBEARBEITUNG, Role.TEAMLEITUNG
SENDERS = (SB, TL)


def _period(world, person=None):
    from django.utils import timezone

    from wegweiser.persons.models import ResidencePeriod

    from .factories import office

    today = timezone.localdate()
    if not hasattr(world, "office"):
        world.office = office(today=today)
    world.period = ResidencePeriod.objects.create(
        person=person or world.person, status="aufenthaltserlaubnis", valid_from=today - timedelta(days=365),
        valid_until=today + timedelta(days=20), legal_basis="§ 25 Abs. 2 AufenthG")
    return world.period


def _invite(world, person=None) -> dict:
    return {"period_pk": _period(world, person).pk}


def _application(world) -> dict:
    from django.utils import timezone

    from ..services.invitations import record_application

    world.application = record_application(world.user(TL), _period(world), timezone.localdate())
    return {"pk": world.application.pk}


def _today(world) -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


ROWS: list[Row] = [
    Row("appointments:invitations", allowed=SENDERS),
    Row("appointments:invitation_invite", allowed=SENDERS, method="post", setup=_invite, data=lambda w: {}),
    Row("appointments:invitation_invite", allowed=(TL,), method="post",
        setup=lambda w: _invite(w, w.other_team_person), data=lambda w: {}),
    Row("appointments:application_create", allowed=SENDERS, setup=lambda w: {"period_pk": _period(w).pk}),
    Row("appointments:application_create", allowed=SENDERS, method="post",
        setup=lambda w: {"period_pk": _period(w).pk}, data=lambda w: {"applied_on": _today(w)}),
    Row("appointments:application_create", allowed=(TL,), method="post",
        setup=lambda w: {"period_pk": _period(w, w.other_team_person).pk}, data=lambda w: {"applied_on": _today(w)}),
    Row("appointments:fiktion_issue", allowed=SENDERS, setup=_application),
    Row("appointments:fiktion_issue", allowed=SENDERS, method="post", setup=_application,
        data=lambda w: {"issued_on": _today(w), "document_number": "FB-1"}),
]
