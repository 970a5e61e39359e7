"""E-mails to the person who booked: confirmation, cancellation, rebooking and reminder.

Each e-mail is written in the language of the booking, in plain words, as text only. It carries the signed
link to cancel or rebook (absolute, from ``settings.SITE_URL``: the task runs without a request) and the
appointment as a calendar file (METHOD:REQUEST, or METHOD:CANCEL when it is cancelled).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import pgettext

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Appointment
from . import ics, links

KINDS = frozenset({"confirmation", "cancellation", "rebooking", "reminder"})
#: Bookings in a language the office does not offer (should not happen) are written in German.
FALLBACK = "de"


def language_of(appointment: Appointment) -> str:
    codes = {code for code, _name in settings.CLIENT_LANGUAGES}
    return appointment.language if appointment.language in codes else FALLBACK


def manage_url(appointment: Appointment, language: str | None = None) -> str:
    lang = language or language_of(appointment)
    path = reverse("booking:manage", kwargs={"lang": lang, "token": links.make_token(appointment)})
    return settings.SITE_URL + path


def when(appointment: Appointment) -> str:
    """"Montag, 1. März 2027, 08:00" in the active language, office time."""
    start = timezone.localtime(appointment.starts_at)
    return pgettext("client", "%(weekday)s, %(date)s, %(time)s") % {
        "weekday": formats.date_format(start, "l"), "date": formats.date_format(start, "DATE_FORMAT"),
        "time": formats.time_format(start, "TIME_FORMAT")}


def place(appointment: Appointment) -> str:
    counter = appointment.counter
    return f"{counter.location} ({counter.name})" if counter.location else counter.name


def details(appointment: Appointment, language: str) -> list[str]:
    """What, when, where, booking number and what to bring: the block every e-mail about an appointment shows."""
    lines = [
        pgettext("client", "Was: %(service)s") % {"service": appointment.service.name_in(language)[0]},
        pgettext("client", "Wann: %(when)s") % {"when": when(appointment)},
        pgettext("client", "Wo: %(place)s") % {"place": place(appointment)},
        pgettext("client", "Buchungsnummer: %(reference)s") % {"reference": appointment.reference},
    ]
    bring = appointment.service.what_to_bring_in(language)[0]
    if bring:
        lines.append(pgettext("client", "Bitte bringen Sie mit: %(things)s") % {"things": bring})
    return lines


def greeting_for(name: str) -> str:
    return pgettext("client", "Guten Tag %(name)s,") % {"name": name} if name else pgettext("client", "Guten Tag,")


def closing() -> str:
    return pgettext("client", "Freundliche Grüße\n%(office)s") % {"office": settings.OFFICE_NAME}


def attach_calendar(message: EmailMessage, appointment: Appointment, method: str, language: str) -> None:
    """The appointment as an iTIP calendar file (RFC 5546), so a calendar program can add or remove it."""
    message.attach("termin.ics", ics.calendar(appointment, method=method, language=language).decode(),
                   f"text/calendar; method={method}")


def compose(appointment: Appointment, kind: str) -> EmailMessage:
    """The e-mail for ``kind`` (one of KINDS), not yet sent."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice {kind!r}")
    language = language_of(appointment)
    with translation.override(language):
        greeting = greeting_for(appointment.name)
        if kind == "cancellation":
            subject = pgettext("client", "Ihr Termin ist abgesagt: %(reference)s")
            intro = pgettext("client", "Ihr Termin ist abgesagt. Sie müssen nicht kommen.")
        elif kind == "rebooking":
            subject = pgettext("client", "Ihr Termin ist verschoben: %(reference)s")
            intro = pgettext("client", "Ihr Termin ist verschoben. Der alte Termin gilt nicht mehr. "
                                       "Das ist Ihr neuer Termin:")
        elif kind == "reminder":
            subject = pgettext("client", "Erinnerung an Ihren Termin: %(reference)s")
            intro = pgettext("client", "Wir erinnern Sie an Ihren Termin:")
        else:
            subject = pgettext("client", "Ihr Termin ist gebucht: %(reference)s")
            intro = pgettext("client", "Ihr Termin ist gebucht:")
        parts = [greeting, intro, "\n".join(details(appointment, language))]
        if kind == "cancellation":
            new = settings.SITE_URL + reverse("booking:services", kwargs={"lang": language})
            parts.append(pgettext("client", "Einen neuen Termin buchen Sie hier:\n%(url)s") % {"url": new})
        else:
            parts.append(pgettext("client", "Termin absagen oder verschieben:\n%(url)s")
                         % {"url": manage_url(appointment, language)})
            parts.append(pgettext("client", "Bitte geben Sie diesen Link nicht weiter. Den Termin für Ihren "
                                            "Kalender finden Sie im Anhang."))
        parts.append(closing())
        message = EmailMessage(subject=subject % {"reference": appointment.reference}, body="\n\n".join(parts),
                               to=[appointment.email])
        attach_calendar(message, appointment, "CANCEL" if kind == "cancellation" else "REQUEST", language)
        previous = appointment.rebooked_from if kind == "rebooking" else None
        if previous is not None:  # take the old time out of the calendar as well
            message.attach("alter-termin.ics", ics.calendar(previous, method="CANCEL", language=language).decode(),
                           "text/calendar; method=CANCEL")
    return message


def send(appointment: Appointment, kind: str) -> bool:
    """Send the notice; False when the booking has no e-mail address. Mail errors propagate (the task
    retries). Recorded in the audit trail: the e-mail reads the booking's personal data."""
    if not appointment.email:
        return False
    compose(appointment, kind).send()
    record(actor=None, action=AuditAction.EXPORT, purpose="Terminvergabe", person=appointment.person_id,
           obj=appointment, details={"notice": kind})
    return True
