"""Proactive service before a residence title expires: invite with an appointment offer, see who has not
reacted, record the extension application and the Fiktionsbescheinigung step.

Legal basis (Aufenthaltsgesetz as of 19.08.2026; § 81 reads the same in the version of 31.12.2025):

* § 81 Abs. 4 S. 1 AufenthG: whoever applies for the extension *before* the title expires keeps it — "gilt der
  bisherige Aufenthaltstitel vom Zeitpunkt seines Ablaufs bis zur Entscheidung der Ausländerbehörde als
  fortbestehend". Hence the invitation comes before the expiry date, with an appointment before that date.
* § 81 Abs. 4 S. 2: not for a visa under § 6 Abs. 1 (Schengen visa); such visas are left out.
* § 81 Abs. 4 S. 3: a late application has no such effect by law; the office *may* order it to avoid undue
  hardship. That is a decision of the office, so a late application opens no Fiktion step here.
* § 81 Abs. 5: the person receives a certificate of that effect (Fiktionsbescheinigung).

Which periods are invited (decided cautiously): current periods with an end date of the statuses
Aufenthaltserlaubnis and Visum. A Niederlassungserlaubnis and the Daueraufenthalt-EU are unlimited titles; an
end date recorded for them is that of the card, not of the title, so they are not invited. The lead time is
the office's setting ``BookingSettings.invitation_weeks``, never a number of this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person, ResidencePeriod, ResidenceStatus
from wegweiser.persons.services import residence
from wegweiser.printing.render import PrintMeta, client_language, format_date, isolated, ltr, render_pdf

from ..models import (
    Appointment,
    BookingSettings,
    ExtensionApplication,
    FiktionStatus,
    Invitation,
    InvitationStatus,
    Service,
    Status,
)
from . import booking, notify
from .availability import Offer, offers

logger = logging.getLogger(__name__)

PURPOSE = "Einladung vor Ablauf des Aufenthaltstitels"
#: The service an invitation offers, when the catalogue has it (BookingSettings names none).
RENEWAL_SERVICE_CODE = "verlaengerung"
#: Statuses whose end date is the end of the title itself (see the module docstring).
INVITED_STATUSES = (ResidenceStatus.AUFENTHALTSERLAUBNIS, ResidenceStatus.VISUM)
#: A visa under § 6 Abs. 1 AufenthG, as case workers write it in the legal basis.
SCHENGEN_VISA = r"§ *6 *(Abs\.?|Absatz) *1([^0-9]|$)"
LEGAL_BASIS = "§ 81 Abs. 4 AufenthG"
LAW_VERSION = "AufenthG, Fassung vom 19.08.2026"
#: Appointments that count as the person's reaction (the offer was confirmed, or they came).
REACTED = frozenset({Status.BOOKED, Status.CHECKED_IN, Status.CALLED, Status.DONE})


class InvitationRefused(ValidationError):
    """The step cannot be done; the message says why (staff language)."""


# --- who is due ------------------------------------------------------------------------------------------


def _is_schengen_visa(period: ResidencePeriod) -> bool:
    import re

    return period.status == ResidenceStatus.VISUM and bool(re.search(SCHENGEN_VISA, period.legal_basis or ""))


def due_permits(today: date | None = None) -> QuerySet[ResidencePeriod]:
    """Current titles ending within ``invitation_weeks`` (today included), not yet invited, with no later
    period recorded for the person (then the title was already renewed or replaced)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(weeks=BookingSettings.current().invitation_weeks)
    later = ResidencePeriod.objects.filter(person=OuterRef("person"), valid_from__gt=OuterRef("valid_from"))
    invited = Invitation.objects.filter(residence_period=OuterRef("pk"))
    return (ResidencePeriod.objects
            .filter(status__in=INVITED_STATUSES, valid_until__isnull=False, valid_from__lte=today,
                    valid_until__gte=today, valid_until__lte=horizon)
            .exclude(Exists(later)).exclude(Exists(invited))
            .exclude(status=ResidenceStatus.VISUM, legal_basis__iregex=SCHENGEN_VISA)
            .select_related("person", "person__team").order_by("valid_until", "pk"))


def renewal_service() -> Service | None:
    """The catalogue's renewal service (code ``verlaengerung``), if it exists and is active."""
    return Service.objects.filter(code=RENEWAL_SERVICE_CODE, active=True).first()


# --- inviting --------------------------------------------------------------------------------------------


def _require(actor: Any, person: Person) -> None:
    """Staff need INVITATION_SEND on the person (team-bound); the daily job (actor None) runs as the office."""
    if actor is not None:
        policy.require(actor, Action.INVITATION_SEND, person)


def offer_expiry(starts_at: datetime, booking_settings: BookingSettings, now: datetime) -> datetime:
    """Until when an offer is held: until the reminder time before the appointment (an office setting), so an
    unconfirmed slot goes back to others in time; never in the past."""
    held_until = starts_at - timedelta(hours=booking_settings.reminder_hours)
    return held_until if held_until > now else starts_at


def _candidates(service: Service, settings_row: BookingSettings, soonest: datetime,
                expires_on: date) -> list[Offer]:
    """Free starts before the title ends, from ``invitation_notice_days`` after today on, so the letter arrives
    in time. If the title ends before any of them, the earliest free starts: an offer that may come short is
    better than none, and the e-mail (where known) arrives at once."""
    free = [o for o in offers(service, now=soonest, booking=settings_row, public=False)
            if timezone.localdate(o.starts_at) < expires_on]
    notice = soonest + timedelta(days=settings_row.invitation_notice_days)
    after_notice = [o for o in free if o.starts_at >= notice]
    return after_notice or free


def invite(actor: Any, period: ResidencePeriod, service: Service | None = None, *,
           now: datetime | None = None) -> Invitation:
    """Offer the first free appointment of ``service`` before the title ends, write the letter (a document of
    the person) and e-mail the person when an address is known (after the commit)."""
    person = period.person
    _require(actor, person)
    now = now or timezone.now()
    service = service or renewal_service()
    if service is None:
        raise InvitationRefused(_("Bitte eine Leistung für den Termin wählen."), code="no_service")
    if period.valid_until is None or period.status not in INVITED_STATUSES or _is_schengen_visa(period):
        raise InvitationRefused(_("Zu diesem Aufenthaltszeitraum wird nicht eingeladen."), code="not_due")
    if period.valid_until < timezone.localdate(now):
        raise InvitationRefused(_("Der Titel ist bereits abgelaufen; ein rechtzeitiger Antrag ist nicht mehr "
                                  "möglich."), code="expired")
    language = client_language(person.letter_language or "de")
    settings_row = BookingSettings.current()
    soonest = now + timedelta(hours=settings_row.min_lead_hours)
    with transaction.atomic():
        if Invitation.objects.select_for_update().filter(residence_period=period).exists():
            raise InvitationRefused(_("Zu diesem Titel ist bereits eingeladen worden."), code="already")
        candidates = _candidates(service, settings_row, soonest, period.valid_until)
        appointment = None
        for offer in candidates[:10]:
            try:
                appointment = booking.book(
                    service=service, starts_at=offer.starts_at, counter_id=offer.counter_id,
                    name=person.display_name, email=person.email, phone=person.phone, language=language,
                    person=person, actor=actor, status=Status.OFFERED, public=False, now=now,
                    offer_expires_at=offer_expiry(offer.starts_at, settings_row, now))
                break
            except booking.BookingRefused:
                continue
        if appointment is None:
            raise InvitationRefused(
                _("Vor Ablauf des Titels am %(date)s ist kein Termin für „%(service)s“ frei. Bitte Zeitfenster "
                  "veröffentlichen oder eine andere Leistung wählen.")
                % {"date": formats.date_format(period.valid_until, "SHORT_DATE_FORMAT"), "service": service},
                code="no_offer")
        invitation = Invitation.objects.create(
            person=person, residence_period=period, expires_on=period.valid_until, appointment=appointment,
            language=language, created_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=now)
        invitation.letter = _store_letter(actor, invitation, appointment)
        invitation.save(update_fields=["letter"])
        record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=invitation,
               details={"period": period.pk, "appointment": appointment.reference, "language": language,
                        "letter": invitation.letter_id, "email_known": bool(person.email)})
        if person.email:
            _queue_email(invitation.pk)
    return invitation


# --- the letter ------------------------------------------------------------------------------------------

LETTER_TEMPLATE = "appointments/invitations/letter.html"
LETTER_TITLE_DE = "Einladung zur Verlängerung des Aufenthaltstitels"

TEXTS = {
    "title": pgettext_lazy("client", "Einladung: Ihr Aufenthaltstitel läuft bald ab"),
    "name": pgettext_lazy("client", "Name"),
    "file_number": pgettext_lazy("client", "Aktenzeichen"),
    "date": pgettext_lazy("client", "Datum"),
    "intro": pgettext_lazy(
        "client",
        "Ihr Aufenthaltstitel ist gültig bis %(expires)s. Bitte stellen Sie vor diesem Tag den Antrag auf "
        "Verlängerung. Dafür haben wir einen Termin für Sie reserviert."),
    "appointment": pgettext_lazy("client", "Ihr Termin"),
    "when": pgettext_lazy("client", "Datum und Uhrzeit"),
    "where": pgettext_lazy("client", "Ort"),
    "service": pgettext_lazy("client", "Anliegen"),
    "reference": pgettext_lazy("client", "Buchungsnummer"),
    "confirm": pgettext_lazy(
        "client",
        "Bitte bestätigen Sie den Termin bis %(until)s. Über diesen Link können Sie den Termin bestätigen, "
        "verschieben oder absagen:"),
    "bring": pgettext_lazy("client", "Bitte bringen Sie mit"),
    "not_translated": pgettext_lazy("client", "Dieser Text liegt nur auf Deutsch vor."),
    "law": pgettext_lazy(
        "client",
        "Wenn Sie den Antrag vor Ablauf Ihres Titels stellen, gilt Ihr bisheriger Aufenthaltstitel weiter, bis "
        "die Ausländerbehörde entschieden hat (§ 81 Abs. 4 Aufenthaltsgesetz). Darüber erhalten Sie eine "
        "Bescheinigung, die Fiktionsbescheinigung (§ 81 Abs. 5 Aufenthaltsgesetz)."),
    "official_language": pgettext_lazy(
        "client", "Die Amtssprache ist Deutsch. Der deutsche Text steht jeweils unter der Übersetzung."),
    "checksum_note": pgettext_lazy(
        "client",
        "Die Prüfsumme in der Fußzeile ist über die Inhaltsdaten dieses Dokuments berechnet (SHA-256), nicht "
        "über die Datei. Mit ihr lässt sich ein Ausdruck mit den bei der Ausländerbehörde gespeicherten Daten "
        "vergleichen."),
}


def _when(moment: datetime) -> str:
    return ltr(formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
               .replace("\u200f", "").replace("\u200e", ""))


def _letter_texts(language: str, values: dict[str, Any]) -> dict[str, str]:
    """Every text of the letter in ``language``, with dates formatted for that language."""
    with translation.override(language):
        formatted = {"expires": format_date(values["expires"]), "until": _when(values["until"])}
        texts = {key: str(text) for key, text in TEXTS.items()}
        texts["intro"] = texts["intro"] % formatted
        texts["confirm"] = texts["confirm"] % formatted
        texts["issued_on"] = format_date(values["issued_on"])
        texts["starts_at"] = _when(values["starts_at"])
    return texts


def letter_pdf(invitation: Invitation, appointment: Appointment, *, issued_on: date) -> tuple[bytes, PrintMeta]:
    """The invitation letter in the person's language with German below (German only for "de")."""
    person, language = invitation.person, invitation.language
    service = appointment.service
    values = {"expires": invitation.expires_on, "until": appointment.offer_expires_at or appointment.starts_at,
              "issued_on": issued_on, "starts_at": appointment.starts_at}
    local, german = _letter_texts(language, values), _letter_texts("de", values)
    labels = {key: {"local": local[key], "de": german[key]} for key in local}
    service_name, service_language = service.name_in(language)
    bring, bring_language = service.what_to_bring_in(language)
    link = notify.manage_url(appointment, language)
    number = f"EL-{invitation.pk}"
    content = {
        "kind": "einladung", "number": number, "language": language, "issued_on": issued_on,
        "person": {"name": person.display_name, "file_number": person.file_number},
        "expires_on": invitation.expires_on, "appointment": {
            "reference": appointment.reference, "starts_at": appointment.starts_at.isoformat(),
            "counter": appointment.counter.name, "location": appointment.counter.location, "service": service.code},
        "link": link,
    }
    meta = PrintMeta(number=number, title=local["title"], issued_on=issued_on, content=content)
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "person_name": isolated(person.display_name),
        "file_number": ltr(person.file_number), "reference": ltr(appointment.reference),
        "place": isolated(", ".join(p for p in (appointment.counter.name, appointment.counter.location) if p)),
        "service_name": service_name, "service_language": service_language, "bring": bring,
        "bring_language": bring_language, "link": link,
    }
    return render_pdf(LETTER_TEMPLATE, context, language=language), meta


def _store_letter(actor: Any, invitation: Invitation, appointment: Appointment) -> Any:
    """Render the letter and keep it as a document of the person (kind "Schreiben")."""
    from wegweiser.documents import services as documents
    from wegweiser.documents.models import DocumentKind

    pdf, meta = letter_pdf(invitation, appointment, issued_on=timezone.localdate(invitation.created_at))
    upload = SimpleUploadedFile(f"einladung-{invitation.pk}.pdf", pdf, content_type="application/pdf")
    title = f"{LETTER_TITLE_DE} ({invitation.language})"
    if getattr(actor, "is_authenticated", False):
        return documents.store_document(user=actor, person=invitation.person, upload=upload,
                                        kind=DocumentKind.LETTER, title=title)
    return _store_system_letter(invitation, pdf, title)


def _store_system_letter(invitation: Invitation, pdf: bytes, title: str) -> Any:
    """The daily job has no user: the office itself writes the letter. ``documents.services`` only stores
    uploads of a user (``uploaded_by`` is required there), so the file is written the same way here: private
    storage under a random key, written to a temporary name and renamed, the row created last, audited."""
    import hashlib
    import os
    import tempfile

    from wegweiser.documents.models import Document, DocumentKind

    document = Document(person=invitation.person, kind=DocumentKind.LETTER, title=title[:200],
                        original_name=f"einladung-{invitation.pk}.pdf", content_type="application/pdf",
                        size=len(pdf), sha256=hashlib.sha256(pdf).hexdigest(), uploaded_by=None)
    final = document.storage_path
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(prefix=".letter-", dir=final.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, final)
        with transaction.atomic():
            document.save(force_insert=True)
            record(actor=None, action=AuditAction.CREATE, purpose=PURPOSE, person=invitation.person, obj=document,
                   details={"kind": document.kind, "content_type": document.content_type, "size": document.size,
                            "sha256": document.sha256})
    except BaseException:
        from pathlib import Path

        Path(temp).unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        raise
    return document


# --- the e-mail ------------------------------------------------------------------------------------------


def invitation_email(invitation: Invitation) -> EmailMessage:
    """The e-mail in the person's language, with the offered appointment as a calendar file. Only what the
    person needs: no file number, no data of the title."""
    appointment = invitation.appointment
    language = invitation.language
    with translation.override(language):
        until = formats.date_format(timezone.localtime(appointment.offer_expires_at or appointment.starts_at),
                                    "SHORT_DATETIME_FORMAT")
        parts = [
            notify.greeting_for(""),
            pgettext("client", "Ihr Aufenthaltstitel läuft bald ab. Bitte stellen Sie vor dem Ablauf den Antrag auf "
                               "Verlängerung. Wir haben einen Termin für Sie reserviert:"),
            "\n".join(notify.details(appointment, language)),
            pgettext("client", "Bitte bestätigen Sie den Termin bis %(until)s. Über diesen Link können Sie den Termin "
                               "bestätigen, verschieben oder absagen:") % {"until": until},
            notify.manage_url(appointment, language),
            pgettext("client", "Wenn Sie den Antrag vor Ablauf Ihres Titels stellen, gilt Ihr bisheriger "
                               "Aufenthaltstitel weiter, bis die Ausländerbehörde entschieden hat (§ 81 "
                               "Abs. 4 Aufenthaltsgesetz)."),
            notify.closing(),
        ]
        message = EmailMessage(
            subject=pgettext("client", "Einladung: Termin für die Verlängerung Ihres Aufenthaltstitels"),
            body="\n\n".join(parts), to=[invitation.person.email])
        notify.attach_calendar(message, appointment, "REQUEST", language)
    return message


def _queue_email(invitation_id: int) -> None:
    """After the commit, hand the e-mail to the worker; a broker problem is logged, the letter stands."""
    from ..tasks_invitations import send_invitation_email as task

    transaction.on_commit(lambda: task.delay(invitation_id), robust=True)


def send_invitation_email(invitation_id: int) -> bool:
    """Send the e-mail once (False if there is nothing to send). Mail errors propagate: the task retries."""
    invitation = (Invitation.objects.select_related("person", "appointment__service", "appointment__counter")
                  .filter(pk=invitation_id, emailed=False).first())
    if invitation is None or not invitation.person.email or invitation.appointment is None:
        return False
    invitation_email(invitation).send()
    Invitation.objects.filter(pk=invitation_id).update(emailed=True)
    record(actor=None, action=AuditAction.CHANGE, purpose=PURPOSE, person=invitation.person_id, obj=invitation,
           details={"emailed": True})
    return True


# --- who has not reacted ---------------------------------------------------------------------------------


def current_appointment(invitation: Invitation) -> Appointment | None:
    """The invitation's appointment, followed through rebookings to the one that stands now."""
    appointment = invitation.appointment
    seen = set()
    while appointment is not None and appointment.pk not in seen:
        seen.add(appointment.pk)
        following = Appointment.objects.filter(rebooked_from=appointment).first()
        if following is None:
            break
        appointment = following
    return appointment


@dataclass(frozen=True)
class Waiting:
    """An invitation without reaction, for the case worker's list."""

    invitation: Invitation
    appointment: Appointment | None
    days_left: int
    urgent: bool  # the title ends within URGENT_WEEKS
    expired: bool


#: Highlight in the list: the title ends within this many weeks (a display rule of issue 7, not a legal limit).
URGENT_WEEKS = 3


def not_reacted(today: date | None = None, persons: QuerySet | None = None) -> list[Waiting]:
    """Invitations without an application whose appointment was not confirmed (offered, expired, cancelled,
    missed), soonest expiry first; expired titles stay listed, they need the case worker most."""
    today = today or timezone.localdate()
    applied = ExtensionApplication.objects.filter(residence_period=OuterRef("residence_period"))
    queryset = (Invitation.objects.exclude(status=InvitationStatus.CLOSED).exclude(Exists(applied))
                .select_related("person", "residence_period", "appointment", "letter").order_by("expires_on", "pk"))
    if persons is not None:
        queryset = queryset.filter(person__in=persons)
    rows = []
    for invitation in queryset:
        appointment = current_appointment(invitation)
        if appointment is not None and appointment.status in REACTED:
            continue
        days = (invitation.expires_on - today).days
        rows.append(Waiting(invitation, appointment, days, days <= URGENT_WEEKS * 7, days < 0))
    return rows


def open_fiktion_steps(persons: QuerySet | None = None) -> QuerySet[ExtensionApplication]:
    queryset = ExtensionApplication.objects.filter(fiktion_status=FiktionStatus.OPEN)
    if persons is not None:
        queryset = queryset.filter(person__in=persons)
    return queryset.select_related("person", "residence_period").order_by("residence_period__valid_until", "pk")


# --- application and Fiktionsbescheinigung ---------------------------------------------------------------


def _lock(period: ResidencePeriod) -> ResidencePeriod:
    locked = ResidencePeriod.objects.select_for_update().select_related("person").filter(pk=period.pk).first()
    if locked is None:
        raise InvitationRefused(_("Diesen Aufenthaltszeitraum gibt es nicht mehr."), code="gone")
    return locked


def record_application(actor: Any, period: ResidencePeriod, applied_on: date) -> ExtensionApplication:
    """Record the application to extend ``period``. Timely (on or before the last day of the title, § 81
    Abs. 4 S. 1 AufenthG) opens the Fiktionsbescheinigung step (§ 81 Abs. 5); a late one does not (S. 3:
    the office may order the effect, a decision outside this step)."""
    _require(actor, period.person)
    with transaction.atomic():
        period = _lock(period)
        errors: dict[str, list[str]] = {}
        if period.status not in residence.TITLES or period.valid_until is None:
            raise InvitationRefused(_("Für diesen Aufenthaltszeitraum gibt es keine Verlängerung mit Ablaufdatum."),
                                    code="no_title")
        if ExtensionApplication.objects.filter(residence_period=period).exists():
            raise InvitationRefused(_("Zu diesem Titel ist bereits ein Antrag erfasst."), code="already")
        if applied_on > timezone.localdate():
            errors["applied_on"] = [_("Das Datum des Antrags liegt in der Zukunft.")]
        elif applied_on < period.valid_from:
            errors["applied_on"] = [_("Der Antrag liegt vor dem Beginn des Titels.")]
        if errors:
            raise InvitationRefused(errors)
        timely = applied_on <= period.valid_until
        fiktion = FiktionStatus.OPEN if timely and not _is_schengen_visa(period) else ""
        application = ExtensionApplication.objects.create(
            person=period.person, residence_period=period, applied_on=applied_on, timely=timely,
            fiktion_status=fiktion, created_by=actor if getattr(actor, "is_authenticated", False) else None)
        Invitation.objects.filter(residence_period=period).exclude(status=InvitationStatus.CLOSED).update(
            status=InvitationStatus.APPLIED, reacted_at=timezone.now())
        record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=period.person, obj=application,
               details={"period": period.pk, "applied_on": applied_on.isoformat(), "timely": timely,
                        "fiktion_status": fiktion})
    return application


def fiktion_starts(application: ExtensionApplication) -> date:
    """The first day of the Fiktion: the day after the title ends ("vom Zeitpunkt seines Ablaufs", § 81 Abs. 4
    S. 1), whenever the certificate is issued. Starting earlier would overlap the title, later leave a gap."""
    return application.residence_period.valid_until + timedelta(days=1)


def issue_fiktion(actor: Any, application: ExtensionApplication, issued_on: date, document_number: str,
                  valid_until: date | None = None) -> ExtensionApplication:
    """Mark the Fiktionsbescheinigung issued and record the residence period it certifies
    (status Fiktionsbescheinigung, legal basis § 81 Abs. 4 AufenthG) through the persons services."""
    _require(actor, application.person)
    with transaction.atomic():
        current = ExtensionApplication.objects.select_for_update().select_related(
            "person", "residence_period").filter(pk=application.pk).first()
        if current is None or current.fiktion_status != FiktionStatus.OPEN:
            raise InvitationRefused(_("Für diesen Antrag ist keine Fiktionsbescheinigung offen."), code="not_open")
        errors: dict[str, list[str]] = {}
        if issued_on > timezone.localdate():
            errors["issued_on"] = [_("Das Ausstellungsdatum liegt in der Zukunft.")]
        elif issued_on < current.applied_on:
            errors["issued_on"] = [_("Die Bescheinigung kann nicht vor dem Antrag ausgestellt sein.")]
        if not document_number.strip():
            errors["document_number"] = [_("Bitte die Nummer der Bescheinigung angeben.")]
        starts = fiktion_starts(current)
        if valid_until is not None and valid_until < starts:
            errors["valid_until"] = [_("„gültig bis“ liegt vor dem Beginn der Fiktion am %(date)s.")
                                     % {"date": formats.date_format(starts, "SHORT_DATE_FORMAT")}]
        if errors:
            raise InvitationRefused(errors)
        try:
            period = residence.add_period(actor, current.person, {
                "status": ResidenceStatus.FIKTIONSBESCHEINIGUNG, "legal_basis": LEGAL_BASIS, "valid_from": starts,
                "valid_until": valid_until, "document_number": document_number.strip()}, purpose=PURPOSE)
        except ValidationError as exc:
            raise InvitationRefused(exc.messages, code="period") from exc
        current.fiktion_status = FiktionStatus.ISSUED
        current.fiktion_issued_on = issued_on
        current.save(update_fields=["fiktion_status", "fiktion_issued_on"])
        Invitation.objects.filter(residence_period=current.residence_period).update(status=InvitationStatus.CLOSED)
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person, obj=current,
               details={"fiktion_status": current.fiktion_status, "issued_on": issued_on.isoformat(),
                        "period": period.pk})
    return current


def close_when_granted(person_id: int) -> int:
    """Open Fiktion steps of the person whose title was followed by a new title: not needed any more.

    Connected to ``persons.signals.residence_changed``; returns how many steps were closed."""
    closed = 0
    with transaction.atomic():
        for application in (ExtensionApplication.objects.select_for_update().select_related("residence_period")
                            .filter(person_id=person_id, fiktion_status=FiktionStatus.OPEN)):
            granted = ResidencePeriod.objects.filter(
                Q(status__in=residence.TITLES), person_id=person_id,
                valid_from__gt=application.residence_period.valid_from).exists()
            if not granted:
                continue
            application.fiktion_status = FiktionStatus.NOT_NEEDED
            application.save(update_fields=["fiktion_status"])
            Invitation.objects.filter(residence_period=application.residence_period).update(
                status=InvitationStatus.CLOSED)
            record(actor=None, action=AuditAction.CHANGE, purpose=PURPOSE, person=person_id, obj=application,
                   details={"fiktion_status": FiktionStatus.NOT_NEEDED})
            closed += 1
    return closed


def on_residence_changed(sender: Any, person_id: int, action: str, **kwargs: Any) -> None:
    close_when_granted(person_id)


# --- the daily jobs --------------------------------------------------------------------------------------


def invite_due(today: date | None = None) -> dict[str, int]:
    """Invite everyone due with the renewal service; those without a free offer stay on the staff list."""
    service = renewal_service()
    if service is None:
        logger.warning("No active service %r: expiring titles are listed for staff, not invited automatically",
                       RENEWAL_SERVICE_CODE)
        return {"invited": 0, "refused": 0}
    invited = refused = 0
    for period in due_permits(today):
        try:
            invite(None, period, service)
        except InvitationRefused as exc:
            refused += 1
            logger.info("Period %s not invited: %s", period.pk, exc.code)
        else:
            invited += 1
    return {"invited": invited, "refused": refused}


def expire_offers(now: datetime | None = None) -> int:
    """Offers not confirmed in time lapse (their slots are freed)."""
    now = now or timezone.now()
    expired = 0
    for appointment in Appointment.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now):
        try:
            booking.transition(appointment, Status.EXPIRED)
        except booking.BookingRefused:  # confirmed or cancelled meanwhile
            continue
        expired += 1
    return expired
