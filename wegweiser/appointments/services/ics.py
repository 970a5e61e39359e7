"""Calendar files (RFC 5545) for an appointment, in the language of the person who booked.

E-mails carry iTIP messages (RFC 5546): METHOD:REQUEST when a time is booked, METHOD:CANCEL with the same UID
and a higher SEQUENCE when it is cancelled, so calendar programs update or remove the entry. The download on
the manage page is METHOD:PUBLISH: a plain import, which needs no organizer and answers nobody.
"""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext
from icalendar import Calendar, Event, vCalAddress, vText

from ..models import Appointment, Status

METHODS = frozenset({"REQUEST", "CANCEL", "PUBLISH"})


def uid(appointment: Appointment) -> str:
    """Stable per appointment: a rebooking is a new appointment with a new UID (the old one is cancelled)."""
    host = urlsplit(settings.SITE_URL).hostname or "wegweiser"
    return f"{appointment.reference}@{host}"


def _place(appointment: Appointment) -> str:
    counter = appointment.counter
    return f"{counter.location}, {counter.name}" if counter.location else counter.name


def calendar(appointment: Appointment, *, method: str = "REQUEST", language: str | None = None) -> bytes:
    """The .ics file; texts (summary, description) in ``language`` or the booking's language."""
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    language = language or appointment.language or "de"
    with translation.override(language):
        name = appointment.service.name_in(language)[0]
        bring = appointment.service.what_to_bring_in(language)[0]
        description = [pgettext("client", "Buchungsnummer: %(reference)s") % {"reference": appointment.reference}]
        if bring:
            description.append(pgettext("client", "Bitte bringen Sie mit: %(things)s") % {"things": bring})
        summary = pgettext("client", "Termin: %(service)s") % {"service": name}
    cal = Calendar()
    cal.add("prodid", "-//Wegweiser//Terminvergabe//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    event = Event()
    event.add("uid", uid(appointment))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", appointment.starts_at.astimezone(UTC))
    event.add("dtend", appointment.ends_at.astimezone(UTC))
    # Every change (cancel, confirm, …) raises ``version``; calendars take the highest SEQUENCE as current.
    event.add("sequence", appointment.version)
    event.add("summary", summary)
    event.add("location", _place(appointment))
    event.add("description", "\n".join(description))
    cancelled = method == "CANCEL" or appointment.status == Status.CANCELLED
    offered = appointment.status == Status.OFFERED  # held for an invited person until they confirm it
    event.add("status", "CANCELLED" if cancelled else "TENTATIVE" if offered else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if method != "PUBLISH":  # iTIP messages name who organises and who attends (RFC 5546, 3.2.2 and 3.2.5)
        organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
        organizer.params["cn"] = vText(settings.OFFICE_NAME)
        event.add("organizer", organizer)
        if appointment.email:
            attendee = vCalAddress(f"mailto:{appointment.email}")
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            attendee.params["partstat"] = vText("NEEDS-ACTION" if offered else "ACCEPTED")
            event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()
