"""Changing what the office offers: services, counters, opening hours, absences and the booking settings.

Every change is validated here (not only in the forms, so that a command or a later API cannot store what the
pages refuse), audited without names in the details, and followed by publishing the slots of the counters it
affects, so the public booking pages never offer a time the office no longer has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Absence, BookingSettings, Counter, OpeningHours, Service
from . import slots
from .calendar import holiday_name, valid_lands

PURPOSE = "Terminverwaltung"
CLIENT_LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.CLIENT_LANGUAGES)
SERVICE_FIELDS = ("code", "duration_minutes", "allocation", "public", "active", "position")


def _texts(values: dict[str, str] | None) -> dict[str, str]:
    """Only client languages, only non-empty texts, trimmed: an empty translation falls back to German."""
    return {code: values[code].strip() for code in CLIENT_LANGUAGE_CODES
            if values and (values.get(code) or "").strip()}


def save_service(actor: Any, data: dict[str, Any], service: Service | None = None) -> Service:
    """Create or change a catalogue entry. ``data``: the SERVICE_FIELDS, ``name`` and ``what_to_bring`` per
    language, ``counters``. Raises ValidationError (German name missing, code taken, duration below 1)."""
    created = service is None
    service = service or Service()
    for field in SERVICE_FIELDS:
        if field in data:
            setattr(service, field, data[field])
    service.name = _texts(data.get("name"))
    service.what_to_bring = _texts(data.get("what_to_bring"))
    service.full_clean()
    with transaction.atomic():
        service.save()
        if "counters" in data:
            service.counters.set(data["counters"])
        record(actor=actor, action=AuditAction.CREATE if created else AuditAction.CHANGE, purpose=PURPOSE,
               obj=service, details={"code": service.code, "active": service.active, "public": service.public,
                                     "languages": sorted(service.name)})
    return service


def save_counter(actor: Any, data: dict[str, Any], counter: Counter | None = None, *,
                 publish: bool = True) -> Counter:
    """Create or change a counter and publish its slots (a counter switched off withdraws its free slots);
    ``publish=False`` when the caller sets the hours next, which publishes anyway."""
    created = counter is None
    counter = counter or Counter()
    for field in ("name", "location", "staff", "active"):
        if field in data:
            setattr(counter, field, data[field])
    counter.full_clean()
    with transaction.atomic():
        counter.save()
        record(actor=actor, action=AuditAction.CREATE if created else AuditAction.CHANGE, purpose=PURPOSE,
               obj=counter, details={"active": counter.active, "staff_id": counter.staff_id})
    if publish:
        slots.publish(counters=[counter])
    return counter


def check_hours(rows: Iterable[tuple[int, time, time]]) -> list[tuple[int, time, time]]:
    """Sorted windows; ValidationError if one ends before it starts or two overlap on the same weekday."""
    by_day: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for weekday, opens, closes in rows:
        if closes <= opens:
            raise ValidationError(_("Eine Öffnungszeit muss nach ihrem Beginn enden."), code="order")
        by_day[weekday].append((opens, closes))
    for windows in by_day.values():
        windows.sort()
        for (_o1, c1), (o2, _c2) in zip(windows, windows[1:], strict=False):
            if o2 < c1:
                raise ValidationError(_("Öffnungszeiten desselben Wochentags dürfen sich nicht überschneiden."),
                                      code="overlap")
    return sorted((day, o, c) for day, windows in by_day.items() for o, c in windows)


def set_hours(actor: Any, counter: Counter, rows: Iterable[tuple[int, time, time]]) -> slots.PublishResult:
    """Replace the counter's opening hours and publish: new times become bookable, dropped free ones vanish."""
    rows = check_hours(rows)
    with transaction.atomic():
        counter.hours.all().delete()
        OpeningHours.objects.bulk_create([OpeningHours(counter=counter, weekday=d, opens=o, closes=c)
                                          for d, o, c in rows])
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, obj=counter,
               details={"hours": [[d, o.isoformat("minutes"), c.isoformat("minutes")] for d, o, c in rows]})
    return slots.publish(counters=[counter])


def _counters_of(absence: Absence) -> list[Counter]:
    who = Q(pk=absence.counter_id) if absence.counter_id else Q()
    if absence.user_id:
        who |= Q(staff_id=absence.user_id)
    return list(Counter.objects.filter(who)) if who else []


def add_absence(actor: Any, data: dict[str, Any]) -> Absence:
    """Record an absence (of a counter or a staff member) and withdraw the free slots it covers.

    Booked appointments in that time stay; the day plan shows them so staff can move them."""
    absence = Absence(counter=data.get("counter"), user=data.get("user"), starts_at=data["starts_at"],
                      ends_at=data["ends_at"], reason=data.get("reason", ""))
    if absence.counter is None and absence.user is None:
        raise ValidationError(_("Bitte wählen Sie einen Schalter oder eine Mitarbeiterin/einen Mitarbeiter."),
                              code="who")
    if absence.ends_at <= absence.starts_at:
        raise ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="order")
    absence.full_clean()
    with transaction.atomic():
        absence.save()
        record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, obj=absence,
               details={"counter_id": absence.counter_id, "user_id": absence.user_id,
                        "starts_at": absence.starts_at.isoformat(), "ends_at": absence.ends_at.isoformat()})
    slots.publish(counters=_counters_of(absence))
    return absence


def remove_absence(actor: Any, absence: Absence) -> None:
    """Delete an absence and publish again, so its time is bookable again."""
    counters = _counters_of(absence)
    with transaction.atomic():
        record(actor=actor, action=AuditAction.DELETE, purpose=PURPOSE, obj=absence,
               details={"counter_id": absence.counter_id, "user_id": absence.user_id})
        absence.delete()
    slots.publish(counters=counters)


def save_settings(actor: Any, data: dict[str, Any]) -> BookingSettings:
    """Change the booking settings; the Land must be one the holidays package knows. Publishes all counters
    (a new slot length or horizon changes every counter's slots)."""
    row = BookingSettings.current()
    land = data.get("land", row.land)
    if land not in valid_lands():
        raise ValidationError({"land": _("Unbekanntes Bundesland. Erlaubt sind: %(lands)s")
                               % {"lands": ", ".join(valid_lands())}}, code="land")
    changed = sorted(k for k, v in data.items() if hasattr(row, k) and getattr(row, k) != v)
    for key, value in data.items():
        if hasattr(row, key) and key not in ("id", "pk"):
            setattr(row, key, value)
    row.full_clean()
    with transaction.atomic():
        row.save()
        record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, obj=row, details={"changed": changed})
    publish_now(actor)
    return row


def publish_now(actor: Any) -> slots.PublishResult:
    """Publish the slots of every counter now (normally a nightly task does it) and audit the counts."""
    result = slots.publish(counters=list(Counter.objects.all()))
    record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, object_type="appointments.slot",
           details={"published": result.created, "withdrawn": result.withdrawn})
    return result


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


def coming_holidays(land: str, *, days: int = 60, today: date | None = None) -> list[Holiday]:
    """The Land's public holidays from today for ``days`` days: the office is closed then."""
    today = today or timezone.localdate()
    result = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        name = holiday_name(day, land)
        if name:
            result.append(Holiday(day, name))
    return result


def local_bounds(day: date) -> tuple[datetime, datetime]:
    """Start and end of a day in the office's time zone."""
    from .calendar import local

    return local(day, time.min), local(day + timedelta(days=1), time.min)
