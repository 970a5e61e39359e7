"""Assigning persons to an Integrationslotse/-lotsin (``Person.lotse``).

The assigned Lotse/Lotsin may work on that file whatever its team (see the policy), so only accounts with
that role can be chosen. The person's ``version`` is left alone: the assignment is not part of the person
form, and bumping it would make a colleague's open edit fail for a field they cannot see.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.models import User
from wegweiser.accounts.policy import Action
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person
from wegweiser.persons.services.common import PURPOSE


def lotsen() -> QuerySet[User]:
    """The accounts a person can be assigned to: active Integrationslotsinnen and -lotsen."""
    return User.objects.filter(role=Role.INTEGRATIONSLOTSE, is_active=True).order_by("last_name", "first_name",
                                                                                     "username")


def check_lotse(lotse: User | None) -> None:
    if lotse is not None and not lotsen().filter(pk=lotse.pk).exists():
        raise ValidationError(
            _("%(name)s ist kein aktives Konto mit der Rolle Integrationslotse/-lotsin; nur solche Konten "
              "können Personen begleiten.") % {"name": lotse.display_name},
            code="not_a_lotse",
        )


def assign_lotse(actor: Any, persons: Iterable[Person], lotse: User | None, *, purpose: str = PURPOSE) -> list[Person]:
    """Assign ``lotse`` (None: remove the assignment) to each person; one CHANGE entry per changed person.

    All or nothing: the policy is asked for every person before anything is saved. Returns the persons
    whose assignment changed.
    """
    persons = list(persons)
    for person in persons:
        policy.require(actor, Action.LOTSE_ASSIGN, person)
    check_lotse(lotse)
    new_id = lotse.pk if lotse is not None else None
    changed: list[Person] = []
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk__in=[p.pk for p in persons]).order_by("pk")
        for person in locked:
            policy.require(actor, Action.LOTSE_ASSIGN, person)
            if person.lotse_id == new_id:
                continue
            previous = person.lotse_id
            person.lotse_id = new_id
            person.save(update_fields=["lotse", "updated_at"])
            record(actor=actor, action=AuditAction.CHANGE, purpose=purpose, person=person, obj=person,
                   details={"fields": ["lotse"], "lotse": new_id, "previous_lotse": previous})
            changed.append(person)
    if lotse is not None and changed and lotse.pk != getattr(actor, "pk", None):
        _tell_lotse(lotse, changed)
    return changed


def _tell_lotse(lotse: User, persons: list[Person]) -> None:
    """The newly assigned Lotse learns of it in the app (no personal data by e-mail: the list is in the app)."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from wegweiser.notifications.services import notify

    if len(persons) == 1:
        person = persons[0]
        notify(lotse, message=_("Ihnen wurde die Akte %(number)s zur Begleitung zugewiesen.") % {
            "number": person.file_number}, url=reverse("persons:detail", kwargs={"pk": person.pk}), person=person)
    else:
        notify(lotse, message=ngettext(
            "Ihnen wurde %(count)d Akte zur Begleitung zugewiesen.",
            "Ihnen wurden %(count)d Akten zur Begleitung zugewiesen.", len(persons)) % {"count": len(persons)},
            url=reverse("caseload:dashboard"))
