"""The "Maßnahmen" section of the person page: plans of measures ending a stay that affect the person, and the
person's recorded departures (withdrawn ones included, marked as such)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section


def measures_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.MEASURE_VIEW, person):
        return None
    from .models import MeasurePlan
    from .services.departures import departures_of

    plans = list(MeasurePlan.objects.filter(plan_persons__person=person).prefetch_related("plan_persons__person")
                 .distinct())
    return Section(
        key="massnahmen", title=_("Aufenthaltsbeendende Maßnahmen"), template="measures/_person_section.html",
        order=60, context={"person": person, "plans": plans, "departures": departures_of(person),
                           "may_plan": policy.may(user, Action.MEASURE_PLAN, person)},
    )
