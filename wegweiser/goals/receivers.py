"""React to committed changes of facts and residence history: goals whose condition is met are achieved."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from wegweiser.facts.signals import fact_changed
from wegweiser.persons.signals import residence_changed


@receiver(fact_changed, dispatch_uid="goals.auto_achieve.fact")
@receiver(residence_changed, dispatch_uid="goals.auto_achieve.residence")
def auto_achieve(sender: Any, person_id: int, **kwargs: Any) -> None:
    from .services.auto_achieve import check_person

    check_person(person_id)
