"""Residence history: status periods, entries into Germany and stays abroad.

Periods of one person must not overlap: at any day a person holds one residence status, and the residence
time that many decisions count on (e.g. § 25b, § 9 AufenthG) is read from this history. The one
exception: a Fiktionsbescheinigung may start on the last day of the title it continues, because it is
issued when the extension is applied for, which is often the day the old title expires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.core.partial_dates import PartialDate

from ..models import DuldungKind, Entry, Person, ResidencePeriod, ResidenceStatus, StayAbroad
from ..signals import announce as announce_residence
from .common import PURPOSE, format_date, merge_errors, today

PERIOD_FIELDS = ("status", "legal_basis", "duldung_kind", "valid_from", "valid_until", "document_number", "note")
ENTRY_FIELDS = ("date", "is_first_entry", "note")
STAY_FIELDS = ("left_on", "returned_on", "destination", "reason")

#: Residence titles a Fiktionsbescheinigung (§ 81 Abs. 4 AufenthG) can continue.
TITLES = frozenset({
    ResidenceStatus.AUFENTHALTSERLAUBNIS, ResidenceStatus.NIEDERLASSUNGSERLAUBNIS,
    ResidenceStatus.DAUERAUFENTHALT_EU, ResidenceStatus.VISUM,
})

#: Legal bases offered as suggestions in the form (free text stays allowed).
LEGAL_BASIS_SUGGESTIONS = (
    ("§ 4a AufenthG", gettext_lazy("Erwerbstätigkeit")),
    ("§ 7 Abs. 1 S. 3 AufenthG", gettext_lazy("begründeter Fall")),
    ("§ 9 AufenthG", gettext_lazy("Niederlassungserlaubnis")),
    ("§ 9a AufenthG", gettext_lazy("Daueraufenthalt-EU")),
    ("§ 16a AufenthG", gettext_lazy("Berufsausbildung")),
    ("§ 16b AufenthG", gettext_lazy("Studium")),
    ("§ 18a AufenthG", gettext_lazy("Fachkräfte mit Berufsausbildung")),
    ("§ 18b AufenthG", gettext_lazy("Fachkräfte mit akademischer Ausbildung")),
    ("§ 18g AufenthG", gettext_lazy("Blaue Karte EU")),
    ("§ 19c AufenthG", gettext_lazy("sonstige Beschäftigung")),
    ("§ 22 AufenthG", gettext_lazy("Aufnahme aus dem Ausland")),
    ("§ 23 Abs. 1 AufenthG", gettext_lazy("Aufnahme durch die Länder")),
    ("§ 23 Abs. 2 AufenthG", gettext_lazy("Aufnahme durch den Bund")),
    ("§ 24 AufenthG", gettext_lazy("vorübergehender Schutz")),
    ("§ 25 Abs. 1 AufenthG", gettext_lazy("Asylberechtigung")),
    ("§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", gettext_lazy("Flüchtlingseigenschaft")),
    ("§ 25 Abs. 2 S. 1 Alt. 2 AufenthG", gettext_lazy("subsidiärer Schutz")),
    ("§ 25 Abs. 3 AufenthG", gettext_lazy("Abschiebungsverbot")),
    ("§ 25 Abs. 4 AufenthG", gettext_lazy("vorübergehender Aufenthalt")),
    ("§ 25 Abs. 5 AufenthG", gettext_lazy("Ausreise unmöglich")),
    ("§ 25a AufenthG", gettext_lazy("gut integrierte Jugendliche")),
    ("§ 25b AufenthG", gettext_lazy("nachhaltige Integration")),
    ("§ 26 Abs. 3 AufenthG", gettext_lazy("Niederlassungserlaubnis nach Schutz")),
    ("§ 28 Abs. 1 AufenthG", gettext_lazy("Familiennachzug zu Deutschen")),
    ("§ 29 AufenthG", gettext_lazy("Familiennachzug")),
    ("§ 30 AufenthG", gettext_lazy("Ehegattennachzug")),
    ("§ 32 AufenthG", gettext_lazy("Kindernachzug")),
    ("§ 36a AufenthG", gettext_lazy("Familiennachzug zu subsidiär Schutzberechtigten")),
    ("§ 104c AufenthG", gettext_lazy("Chancen-Aufenthaltsrecht")),
    ("§ 55 AsylG", gettext_lazy("Aufenthaltsgestattung")),
    ("§ 60a Abs. 2 S. 1 AufenthG", gettext_lazy("Duldung")),
    ("§ 60b AufenthG", gettext_lazy("Duldung ungeklärte Identität")),
    ("§ 60c AufenthG", gettext_lazy("Ausbildungsduldung")),
    ("§ 60d AufenthG", gettext_lazy("Beschäftigungsduldung")),
    ("§ 81 Abs. 3 AufenthG", gettext_lazy("Fiktion des erlaubten Aufenthalts")),
    ("§ 81 Abs. 4 AufenthG", gettext_lazy("Fortgeltungsfiktion")),
)


# --- shared helpers ------------------------------------------------------------------------------------


def _reject_unknown(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)}},
            code="unknown_field",
        )


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("Bitte ein gültiges Datum angeben.")}) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _lock_person(person: Person) -> Person:
    """Lock the person row so two concurrent saves cannot both pass the overlap check."""
    locked = Person.objects.select_for_update().filter(pk=person.pk).first()
    if locked is None:
        raise ValidationError(_("Diese Akte gibt es nicht mehr."), code="gone")
    return locked


def _require(actor: Any, person: Person) -> None:
    policy.require(actor, Action.RESIDENCE_CHANGE, person, DataCategory.RESIDENCE)


def _field_errors(instance: Any, exclude: list[str]) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


# --- residence periods ---------------------------------------------------------------------------------


def describe_period(period: ResidencePeriod) -> str:
    """"Duldung (§ 60a Abs. 2 S. 1 AufenthG), 01.01.2020 bis 31.12.2020" – names a period in messages."""
    status = str(ResidenceStatus(period.status).label) if period.status in ResidenceStatus.values else period.status
    if period.legal_basis:
        status = f"{status} ({period.legal_basis})"
    if period.valid_until:
        span = _("%(start)s bis %(end)s") % {"start": format_date(period.valid_from), "end": format_date(period.valid_until)}
    else:
        span = _("ab %(start)s, ohne Ende") % {"start": format_date(period.valid_from)}
    return f"{status}, {span}"


def _end(value: date | None) -> date:
    return value or date.max


def _overlaps(a: ResidencePeriod, b: ResidencePeriod) -> bool:
    return a.valid_from <= _end(b.valid_until) and b.valid_from <= _end(a.valid_until)


def _fiktion_follows(earlier: ResidencePeriod, later: ResidencePeriod) -> bool:
    """A Fiktionsbescheinigung starting on the last day of the title it continues."""
    return (
        later.status == ResidenceStatus.FIKTIONSBESCHEINIGUNG
        and earlier.status in TITLES
        and earlier.valid_until is not None
        and later.valid_from == earlier.valid_until
        and later.valid_from > earlier.valid_from
    )


def _conflict(period: ResidencePeriod, other: ResidencePeriod) -> bool:
    if not _overlaps(period, other):
        return False
    return not (_fiktion_follows(other, period) or _fiktion_follows(period, other))


def _normalise_period(data: dict[str, Any]) -> dict[str, Any]:
    _reject_unknown(data, PERIOD_FIELDS)
    values: dict[str, Any] = {}
    for name, value in data.items():
        values[name] = _date(value, name) if name in ("valid_from", "valid_until") else _text(value)
    return values


def _validate_period(period: ResidencePeriod, person: Person) -> None:
    errors: dict[str, list[str]] = {}
    if period.status not in ResidenceStatus.values:
        errors["status"] = [_("Bitte einen Status aus der Liste wählen.")]
    if period.duldung_kind and period.duldung_kind not in DuldungKind.values:
        errors["duldung_kind"] = [_("Bitte eine Art der Duldung aus der Liste wählen.")]
    elif period.status == ResidenceStatus.DULDUNG and not period.duldung_kind:
        errors["duldung_kind"] = [_("Bitte die Art der Duldung angeben.")]
    elif period.status != ResidenceStatus.DULDUNG and period.duldung_kind:
        errors["duldung_kind"] = [_("Eine Art der Duldung gibt es nur beim Status „Duldung“.")]
    if period.valid_from is None:
        errors["valid_from"] = [_("Bitte angeben, ab wann der Status gilt.")]
    elif period.valid_until is not None and period.valid_until < period.valid_from:
        errors["valid_until"] = [_("„gültig bis“ darf nicht vor „gültig ab“ liegen.")]
    errors.update({
        k: v for k, v in _field_errors(period, ["person", "status", "duldung_kind", "valid_from", "valid_until"]).items()
        if k not in errors
    })
    if not errors:
        for other in person.residence_periods.exclude(pk=period.pk).order_by("valid_from", "pk"):
            if _conflict(period, other):
                message = _("Der Zeitraum überschneidet sich mit „%(other)s“.") % {"other": describe_period(other)}
                if other.valid_until is None and other.valid_from < period.valid_from:
                    message += " " + _("Tragen Sie dort zuerst ein Ende ein.")
                errors[NON_FIELD_ERRORS] = [message]
                break
    merge_errors(errors)


def add_period(actor: Any, person: Person, data: dict[str, Any], *, purpose: str = PURPOSE) -> ResidencePeriod:
    _require(actor, person)
    values = _normalise_period(data)
    with transaction.atomic():
        person = _lock_person(person)
        _require(actor, person)
        period = ResidencePeriod(person=person, **values)
        _validate_period(period, person)
        period.save(force_insert=True)
        record(
            actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=period,
            details={"fields": [name for name, value in values.items() if value not in (None, "")]},
        )
        announce_residence(person.pk, "create")
    return period


def update_period(actor: Any, period: ResidencePeriod, data: dict[str, Any], *, purpose: str = PURPOSE) -> ResidencePeriod:
    _require(actor, period.person)
    values = _normalise_period(data)
    with transaction.atomic():
        person = _lock_person(period.person)
        _require(actor, person)
        current = ResidencePeriod.objects.filter(pk=period.pk, person=person).first()
        if current is None:
            raise ValidationError(_("Diesen Aufenthaltszeitraum gibt es nicht mehr."), code="gone")
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        for name in changed:
            setattr(current, name, values[name])
        _validate_period(current, person)
        if changed:
            current.save(update_fields=changed)
            record(
                actor=actor, action=AuditAction.CHANGE, purpose=purpose, person=person, obj=current,
                details={"fields": changed},
            )
            announce_residence(person.pk, "update")
    return current


def delete_period(actor: Any, period: ResidencePeriod, *, purpose: str = PURPOSE) -> None:
    _require(actor, period.person)
    with transaction.atomic():
        person = _lock_person(period.person)
        _require(actor, person)
        record(
            actor=actor, action=AuditAction.DELETE, purpose=purpose, person=person, obj=period, details={}
        )
        ResidencePeriod.objects.filter(pk=period.pk, person=person).delete()
        announce_residence(person.pk, "delete")


# --- the timeline and the current status -----------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    """One row of the residence timeline: a recorded period or a gap between periods."""

    start: date
    end: date | None  # None: open (period without end, or a gap lasting until today)
    period: ResidencePeriod | None = None
    state: str = ""  # periods: "current", "expired", "future"

    @property
    def is_gap(self) -> bool:
        return self.period is None

    @property
    def is_current(self) -> bool:
        return self.state == "current"

    @property
    def is_expired(self) -> bool:
        return self.state == "expired"

    @property
    def is_future(self) -> bool:
        return self.state == "future"

    @property
    def days(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1


def period_state(period: ResidencePeriod, on: date) -> str:
    if period.valid_from > on:
        return "future"
    if period.valid_until is not None and period.valid_until < on:
        return "expired"
    return "current"


def timeline(person: Person, on: date | None = None) -> list[TimelineItem]:
    """Periods in order with the gaps between them; a gap after the last expired period runs until today."""
    on = on or today()
    periods = sorted(person.residence_periods.all(), key=lambda p: (p.valid_from, p.pk))
    items: list[TimelineItem] = []
    covered_until: date | None = None  # last day covered so far; date.max once a period has no end
    for period in periods:
        if covered_until is not None and covered_until != date.max and period.valid_from > covered_until + timedelta(days=1):
            items.append(TimelineItem(start=covered_until + timedelta(days=1), end=period.valid_from - timedelta(days=1)))
        items.append(TimelineItem(start=period.valid_from, end=period.valid_until, period=period,
                                  state=period_state(period, on)))
        end = _end(period.valid_until)
        covered_until = end if covered_until is None else max(covered_until, end)
    if covered_until is not None and covered_until < on:
        items.append(TimelineItem(start=covered_until + timedelta(days=1), end=None))
    return items


@dataclass(frozen=True)
class StatusSummary:
    """What a badge says about a person's residence status today."""

    state: str  # "current", "expiring", "expired", "future", "none"
    period: ResidencePeriod | None
    label: str
    tone: str  # KERN badge modifier: success, warning, danger, info

    @property
    def status_label(self) -> str:
        return self.period.get_status_display() if self.period else ""


#: A current status ending within this many days is shown as "läuft ab".
EXPIRY_WARNING_DAYS = 60


def current_status(person: Person, on: date | None = None, periods: list[ResidencePeriod] | None = None) -> StatusSummary:
    """The status valid today (the later one on a Fiktion's first day), else the last expired, else none."""
    on = on or today()
    if periods is None:
        periods = list(person.residence_periods.all())
    ordered = sorted(periods, key=lambda p: (p.valid_from, p.pk))
    current = [p for p in ordered if period_state(p, on) == "current"]
    if current:
        period = current[-1]
        label = period.get_status_display()
        if period.status == ResidenceStatus.NONE:
            return StatusSummary("current", period, label, "danger")
        if period.valid_until and (period.valid_until - on).days <= EXPIRY_WARNING_DAYS:
            label = _("%(status)s, gültig bis %(end)s") % {"status": label, "end": format_date(period.valid_until)}
            return StatusSummary("expiring", period, label, "warning")
        return StatusSummary("current", period, label, "success")
    expired = [p for p in ordered if period_state(p, on) == "expired"]
    if expired:
        period = max(expired, key=lambda p: (p.valid_until, p.valid_from))
        label = _("%(status)s, abgelaufen am %(end)s") % {
            "status": period.get_status_display(), "end": format_date(period.valid_until),
        }
        return StatusSummary("expired", period, label, "danger")
    if ordered:
        period = ordered[0]
        label = _("%(status)s ab %(start)s") % {"status": period.get_status_display(), "start": format_date(period.valid_from)}
        return StatusSummary("future", period, label, "info")
    return StatusSummary("none", None, _("kein Aufenthaltsstatus erfasst"), "info")


# --- entries and stays abroad ----------------------------------------------------------------------------


def _birth_after(person: Person, day: date) -> bool:
    """True only when the person was certainly born after ``day`` (partial birth dates count cautiously)."""
    birth = person.birth_date
    return isinstance(birth, PartialDate) and birth.earliest() > day


def add_entry(actor: Any, person: Person, data: dict[str, Any], *, purpose: str = PURPOSE) -> Entry:
    """Record an entry into Germany; at most one is the first, and no other entry lies before it."""
    _require(actor, person)
    _reject_unknown(data, ENTRY_FIELDS)
    day = _date(data.get("date"), "date")
    is_first = bool(data.get("is_first_entry"))
    with transaction.atomic():
        person = _lock_person(person)
        _require(actor, person)
        entry = Entry(person=person, date=day, is_first_entry=is_first, note=_text(data.get("note")))
        errors: dict[str, list[str]] = _field_errors(entry, ["person", "date"])
        others = list(person.entries.all())
        if day is None:
            errors["date"] = [_("Bitte das Einreisedatum angeben.")]
        elif day > today():
            errors["date"] = [_("Das Einreisedatum liegt in der Zukunft.")]
        elif _birth_after(person, day):
            errors["date"] = [_("Das Einreisedatum liegt vor der Geburt.")]
        elif any(o.date == day for o in others):
            errors["date"] = [_("Für diesen Tag ist bereits eine Einreise erfasst.")]
        else:
            first = next((o for o in others if o.is_first_entry), None)
            if is_first and first is not None:
                errors["is_first_entry"] = [
                    _("Die erste Einreise ist bereits erfasst (%(date)s).") % {"date": format_date(first.date)}
                ]
            elif is_first and (earlier := [o for o in others if o.date < day]):
                errors["is_first_entry"] = [
                    _("Es gibt eine frühere Einreise (%(date)s); diese kann nicht die erste sein.")
                    % {"date": format_date(min(o.date for o in earlier))}
                ]
            elif not is_first and first is not None and day < first.date:
                errors["date"] = [
                    _("Die Einreise liegt vor der als erste erfassten Einreise (%(date)s).") % {"date": format_date(first.date)}
                ]
        merge_errors(errors)
        entry.save(force_insert=True)
        record(
            actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=entry,
            details={"fields": ["date", "is_first_entry"] + (["note"] if entry.note else [])},
        )
        announce_residence(person.pk, "create")
    return entry


def delete_entry(actor: Any, entry: Entry, *, purpose: str = PURPOSE) -> None:
    _require(actor, entry.person)
    with transaction.atomic():
        person = _lock_person(entry.person)
        _require(actor, person)
        record(actor=actor, action=AuditAction.DELETE, purpose=purpose, person=person, obj=entry, details={})
        Entry.objects.filter(pk=entry.pk, person=person).delete()
        announce_residence(person.pk, "delete")


def describe_stay(stay: StayAbroad) -> str:
    if stay.returned_on:
        return _("%(start)s bis %(end)s") % {"start": format_date(stay.left_on), "end": format_date(stay.returned_on)}
    return _("ab %(start)s, noch nicht zurück") % {"start": format_date(stay.left_on)}


def _stays_overlap(a: StayAbroad, b: StayAbroad) -> bool:
    """Leaving again on the day of return is no overlap; anything more is."""
    if a.left_on == b.left_on:
        return True
    return a.left_on < _end(b.returned_on) and b.left_on < _end(a.returned_on)


def add_stay(actor: Any, person: Person, data: dict[str, Any], *, purpose: str = PURPOSE) -> StayAbroad:
    """Record a stay abroad; return not before leaving, no overlap with other stays."""
    _require(actor, person)
    _reject_unknown(data, STAY_FIELDS)
    left_on = _date(data.get("left_on"), "left_on")
    returned_on = _date(data.get("returned_on"), "returned_on")
    with transaction.atomic():
        person = _lock_person(person)
        _require(actor, person)
        stay = StayAbroad(person=person, left_on=left_on, returned_on=returned_on,
                          destination=_text(data.get("destination")), reason=_text(data.get("reason")))
        errors = _field_errors(stay, ["person", "left_on", "returned_on"])
        if left_on is None:
            errors["left_on"] = [_("Bitte das Ausreisedatum angeben.")]
        elif returned_on is not None and returned_on < left_on:
            errors["returned_on"] = [_("Die Rückkehr darf nicht vor der Ausreise liegen.")]
        elif _birth_after(person, left_on):
            errors["left_on"] = [_("Das Ausreisedatum liegt vor der Geburt.")]
        else:
            for other in person.stays_abroad.order_by("left_on"):
                if _stays_overlap(stay, other):
                    errors[NON_FIELD_ERRORS] = [
                        _("Der Aufenthalt überschneidet sich mit dem Auslandsaufenthalt %(other)s.")
                        % {"other": describe_stay(other)}
                    ]
                    break
        merge_errors(errors)
        stay.save(force_insert=True)
        record(
            actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=stay,
            details={"fields": [n for n in STAY_FIELDS if getattr(stay, n) not in (None, "")]},
        )
        announce_residence(person.pk, "create")
    return stay


def delete_stay(actor: Any, stay: StayAbroad, *, purpose: str = PURPOSE) -> None:
    _require(actor, stay.person)
    with transaction.atomic():
        person = _lock_person(stay.person)
        _require(actor, person)
        record(actor=actor, action=AuditAction.DELETE, purpose=purpose, person=person, obj=stay, details={})
        StayAbroad.objects.filter(pk=stay.pk, person=person).delete()
        announce_residence(person.pk, "delete")
