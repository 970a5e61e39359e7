"""The panel of a counselling protocol's page that offers the person's copy and records its handover.

An inclusion tag rather than a bare include, because it asks the policy (may this user record a handover?)
and compares each recorded handover with the copy as it prints today (a later addendum changes the checksum).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import HandoverForm
from ..render import client_language, is_rtl
from ..services.protocol_copy import copy_meta

register = template.Library()


@register.inclusion_tag("printing/_protocol_copy_panel.html", takes_context=True)
def protocol_copy_panel(context: dict[str, Any], protocol: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    person = protocol.person
    own = client_language(person.letter_language or None)
    names = dict(settings.CLIENT_LANGUAGES)
    order = [own, *(code for code, _name in settings.CLIENT_LANGUAGES if code != own)]
    languages = [{"code": code, "name": names[code], "own": code == own, "rtl": is_rtl(code)} for code in order]
    handovers = []
    if protocol.is_final:
        current: dict[str, str] = {}
        for handover in protocol.handovers.select_related("handed_over_by"):
            if handover.language not in current:
                current[handover.language] = copy_meta(protocol, handover.language).sha256
            handovers.append({"record": handover, "language_name": names.get(handover.language, handover.language),
                              "outdated": current[handover.language] != handover.checksum})
    may_export = policy.may(user, Action.EXPORT, person)
    may_record = protocol.is_final and policy.may(user, Action.COUNSELLING_CHANGE, person)
    return {
        "protocol": protocol, "final": protocol.is_final, "languages": languages, "handovers": handovers,
        "may_export": may_export, "may_record": may_record,
        "form": HandoverForm(initial={"language": own}) if may_record else None,
        "csrf_token": context.get("csrf_token"),
    }
