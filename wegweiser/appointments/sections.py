"""The "Termine und Einladungen" section of the person page: the person's appointments, invitations before a
title expires and extension applications with their Fiktionsbescheinigung step, with the links to act."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section


def appointments_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.APPOINTMENT_VIEW, person):
        return None
    from wegweiser.persons.models import ResidencePeriod
    from wegweiser.persons.services.residence import TITLES

    from .models import ExtensionApplication
    from .services.invitations import current_appointment

    invitations = list(person.invitations.select_related("appointment", "letter", "residence_period")
                       .order_by("-expires_on"))
    applications = list(person.extension_applications.select_related("residence_period").order_by("-applied_on"))
    may_send = policy.may(user, Action.INVITATION_SEND, person)
    open_titles = []
    if may_send:
        later = ResidencePeriod.objects.filter(person=person, valid_from__gt=OuterRef("valid_from"))
        applied = ExtensionApplication.objects.filter(residence_period=OuterRef("pk"))
        open_titles = list(person.residence_periods.filter(status__in=TITLES, valid_until__isnull=False)
                           .exclude(Exists(later)).exclude(Exists(applied)).order_by("valid_from"))
    return Section(
        key="termine", title=_("Termine und Einladungen"), template="appointments/invitations/_person_section.html",
        order=55, context={
            "person": person, "may_send": may_send, "today": timezone.localdate(),
            "appointments": list(person.appointments.select_related("service", "counter").order_by("-starts_at")[:20]),
            "invitations": [{"invitation": i, "appointment": current_appointment(i)} for i in invitations],
            "applications": applications, "open_titles": open_titles,
        },
    )
