"""What the office offers and when: services, counters, opening hours, absences and the booking settings.

Texts the public reads (a service's name, what to bring) are stored per language as ``{"de": ..., "ar": ...}``;
German is required, other languages fall back to it (``localized``) and the page marks the fallback with
``lang="de"``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def localized(texts: dict | None, language: str) -> tuple[str, str]:
    """The text in ``language`` and the language it is really in (German when no translation exists)."""
    texts = texts or {}
    if texts.get(language):
        return texts[language], language
    return texts.get("de", ""), "de"


class Allocation(models.TextChoices):
    FIRST_COME = "first_come", gettext_lazy("Sofortbuchung")
    LOTTERY = "lottery", gettext_lazy("Verlosung unter Anfragen eines Zeitfensters")


class Counter(models.Model):
    """A counter or room where appointments take place; its staff member's absences close it."""

    name = models.CharField(gettext_lazy("Bezeichnung"), max_length=100, unique=True)
    location = models.CharField(gettext_lazy("Ort (Gebäude, Raum)"), max_length=200, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("Mitarbeiterin/Mitarbeiter"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="counters",
    )
    active = models.BooleanField(gettext_lazy("aktiv"), default=True)

    class Meta:
        verbose_name = gettext_lazy("Schalter")
        verbose_name_plural = gettext_lazy("Schalter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One entry of the office's service catalogue (e.g. extend a residence permit)."""

    code = models.SlugField(gettext_lazy("Kurzname"), max_length=50, unique=True)
    name = models.JSONField(gettext_lazy("Bezeichnung je Sprache"), default=dict)
    what_to_bring = models.JSONField(gettext_lazy("Mitzubringen je Sprache"), default=dict, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(gettext_lazy("Dauer (Minuten)"), default=15)
    counters = models.ManyToManyField(Counter, verbose_name=gettext_lazy("Schalter"), related_name="services",
                                      blank=True)
    allocation = models.CharField(gettext_lazy("Vergabe"), max_length=16, choices=Allocation.choices,
                                  default=Allocation.FIRST_COME)
    public = models.BooleanField(
        gettext_lazy("online buchbar"), default=True,
        help_text=gettext_lazy("Nicht online buchbare Leistungen vergibt nur die Behörde (z. B. mit Einladung)."),
    )
    active = models.BooleanField(gettext_lazy("aktiv"), default=True)
    position = models.PositiveSmallIntegerField(gettext_lazy("Reihenfolge"), default=0)

    class Meta:
        verbose_name = gettext_lazy("Leistung")
        verbose_name_plural = gettext_lazy("Leistungen")
        ordering = ["position", "code"]
        constraints = [models.CheckConstraint(condition=models.Q(duration_minutes__gte=1),
                                              name="service_duration_positive")]

    def __str__(self) -> str:
        return self.name_in("de")[0] or self.code

    def name_in(self, language: str) -> tuple[str, str]:
        return localized(self.name, language)

    def what_to_bring_in(self, language: str) -> tuple[str, str]:
        return localized(self.what_to_bring, language)

    def clean(self) -> None:
        if not (self.name or {}).get("de", "").strip():
            raise ValidationError({"name": _("Die deutsche Bezeichnung fehlt.")})


class Weekday(models.IntegerChoices):
    MONDAY = 0, gettext_lazy("Montag")
    TUESDAY = 1, gettext_lazy("Dienstag")
    WEDNESDAY = 2, gettext_lazy("Mittwoch")
    THURSDAY = 3, gettext_lazy("Donnerstag")
    FRIDAY = 4, gettext_lazy("Freitag")
    SATURDAY = 5, gettext_lazy("Samstag")
    SUNDAY = 6, gettext_lazy("Sonntag")


class OpeningHours(models.Model):
    """A time window on a weekday in which a counter takes appointments (local time of the office)."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(gettext_lazy("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(gettext_lazy("von"))
    closes = models.TimeField(gettext_lazy("bis"))

    class Meta:
        verbose_name = gettext_lazy("Öffnungszeit")
        verbose_name_plural = gettext_lazy("Öffnungszeiten")
        ordering = ["counter", "weekday", "opens"]
        constraints = [models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")),
                                              name="opening_hours_closes_after_opens")]


class Absence(models.Model):
    """A time in which a counter takes no appointments: its staff member is away, or the counter is closed."""

    counter = models.ForeignKey(Counter, null=True, blank=True, on_delete=models.CASCADE, related_name="absences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="absences")
    starts_at = models.DateTimeField(gettext_lazy("von"))
    ends_at = models.DateTimeField(gettext_lazy("bis"))
    reason = models.CharField(gettext_lazy("Grund (intern)"), max_length=200, blank=True)

    class Meta:
        verbose_name = gettext_lazy("Abwesenheit")
        verbose_name_plural = gettext_lazy("Abwesenheiten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="absence_ends_after_start"),
            models.CheckConstraint(condition=models.Q(counter__isnull=False) | models.Q(user__isnull=False),
                                   name="absence_of_counter_or_user"),
        ]


class BookingSettings(models.Model):
    """The office's booking settings (one row). These are office decisions, not legal thresholds."""

    land = models.CharField(
        gettext_lazy("Bundesland (Feiertage)"), max_length=2, default="NW",
        help_text=gettext_lazy("Kürzel nach ISO 3166-2:DE, z. B. NW, BY, BE."),
    )
    slot_minutes = models.PositiveSmallIntegerField(gettext_lazy("Taktung (Minuten)"), default=15)
    min_lead_hours = models.PositiveSmallIntegerField(
        gettext_lazy("frühestens buchbar (Stunden vorher)"), default=2)
    horizon_days = models.PositiveSmallIntegerField(gettext_lazy("buchbar bis (Tage im Voraus)"), default=42)
    max_open_per_email = models.PositiveSmallIntegerField(
        gettext_lazy("offene Termine je E-Mail-Adresse höchstens"), default=2)
    attempts_per_hour = models.PositiveSmallIntegerField(
        gettext_lazy("Buchungsversuche je Anschluss und Stunde höchstens"), default=20)
    reminder_hours = models.PositiveSmallIntegerField(gettext_lazy("Erinnerung (Stunden vorher)"), default=24)
    invitation_weeks = models.PositiveSmallIntegerField(
        gettext_lazy("Einladung vor Ablauf eines Titels (Wochen)"), default=10)
    invitation_notice_days = models.PositiveSmallIntegerField(
        gettext_lazy("Einladung: Termin frühestens (Tage nach dem Brief)"), default=7,
        help_text=gettext_lazy("Damit der Brief ankommt und die Person den Termin einrichten kann. Läuft der Titel "
                               "früher ab, wird der erste freie Termin angeboten."))

    class Meta:
        verbose_name = gettext_lazy("Einstellungen der Terminvergabe")
        constraints = [
            models.CheckConstraint(condition=models.Q(slot_minutes__gte=5), name="booking_slot_minutes_min"),
            models.CheckConstraint(condition=models.Q(horizon_days__gte=1), name="booking_horizon_min"),
        ]

    @classmethod
    def current(cls) -> BookingSettings:
        return cls.objects.get_or_create(pk=1)[0]
