"""Permission-matrix rows for every URL of the commission app (see wegweiser/core/permission_matrix.py).

Cases before the Beratungskommission are read and worked on by every case role (COMMISSION_VIEW /
COMMISSION_CHANGE, not team-bound); only Teamleitung records the office's decision (COMMISSION_DECIDE). The PDF
also needs EXPORT. External roles never reach these pages, even with a consent.
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _today_date():
    from django.utils import timezone

    return timezone.localdate()


def _case(world, state: str = "draft", person=None) -> dict:
    from wegweiser.commission.services import cases

    from .samples import consent_for, draft

    person = person or world.person
    user = world.user(TL)
    case = draft(user, person, consent_for(person))
    if state in ("submitted", "recommended"):
        case = cases.submit(user, case, submitted_on=_today_date(),
                            expected_version=case.version)
    if state == "recommended":
        case = cases.record_recommendation(user, case, {
            "session_date": case.submitted_on, "kind": "favourable", "text": "Befürwortet"},
            expected_version=case.version)
    world.case = case
    return {"pk": case.pk}


def _listed(world) -> dict:
    _case(world, "submitted")
    return {}


def _create_post(world) -> dict:
    from .samples import commission

    return {"commission": commission().pk, "consent": "", "question": "Frage an die Kommission",
            "summary": "Sachverhalt"}


def _edit_post(world) -> dict:
    return {"commission": world.case.commission_id, "consent": world.case.consent_id, "question": "Neue Frage",
            "summary": "Neuer Sachverhalt", "version": world.case.version}


ROWS: list[Row] = [
    Row("commission:create", allowed=CASE, setup=lambda w: {"person_pk": w.person.pk}),
    Row("commission:create", allowed=CASE, method="post", setup=lambda w: {"person_pk": w.other_team_person.pk},
        data=_create_post),
    Row("commission:list", allowed=CASE, setup=_listed),
    Row("commission:list", allowed=CASE, setup=_listed, query="status=offen"),
    Row("commission:detail", allowed=CASE, setup=_case),
    Row("commission:detail", allowed=CASE, setup=lambda w: _case(w, "recommended", w.other_team_person)),
    Row("commission:edit", allowed=CASE, setup=_case),
    Row("commission:edit", allowed=CASE, method="post", setup=_case, data=_edit_post),
    Row("commission:submit", allowed=CASE, setup=_case),
    Row("commission:submit", allowed=CASE, method="post", setup=_case,
        data=lambda w: {"submitted_on": _today(), "version": w.case.version}),
    Row("commission:recommend", allowed=CASE, setup=lambda w: _case(w, "submitted")),
    Row("commission:recommend", allowed=CASE, method="post", setup=lambda w: _case(w, "submitted"),
        data=lambda w: {"session_date": _today(), "kind": "postponed", "text": "Unterlagen fehlen",
                        "version": w.case.version}),
    Row("commission:decide", allowed=(TL,), setup=lambda w: _case(w, "recommended")),
    Row("commission:decide", allowed=(TL,), method="post", setup=lambda w: _case(w, "recommended"),
        data=lambda w: {"outcome": "follows", "reason": "", "text": "Aufenthaltserlaubnis erteilt",
                        "decided_on": _today(), "version": w.case.version}),
    Row("commission:withdraw", allowed=CASE, setup=lambda w: _case(w, "submitted")),
    Row("commission:withdraw", allowed=CASE, method="post", setup=lambda w: _case(w, "submitted"),
        data=lambda w: {"reason": "Person verzogen", "confirm": "on", "version": w.case.version}),
    Row("commission:pdf", allowed=CASE, setup=lambda w: _case(w, "submitted")),
]
