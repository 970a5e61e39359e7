"""The "Integrationslotse/-lotsin" line on the person page, with the assign form for those who may assign.

A template tag, so that the person page needs one line and the persons app does not import this one.
"""

from __future__ import annotations

from typing import Any

from django import template

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

register = template.Library()


@register.inclusion_tag("screening/includes/lotse_line.html", takes_context=True)
def lotse_line(context: dict[str, Any], person: Any) -> dict[str, Any]:
    from ..forms import AssignForm

    request = context.get("request")
    user = getattr(request, "user", None)
    may_assign = policy.may(user, Action.LOTSE_ASSIGN, person)
    return {
        "person": person,
        "form": AssignForm(initial={"lotse": person.lotse_id}, auto_id="lotse-%s") if may_assign else None,
        "next_url": request.get_full_path() if request is not None else "",
    }
