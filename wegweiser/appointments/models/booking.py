"""Slots and appointments.

A slot is a published piece of a counter's time (``BookingSettings.slot_minutes`` long). An appointment holds
one or more consecutive slots through ``SlotBooking``, whose primary key *is* the slot: the database itself
refuses to give a slot twice, whatever happens in the application. Cancelling deletes the slot bookings (the
appointment keeps its times as history), which frees the slots.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class Slot(models.Model):
    counter = models.ForeignKey("appointments.Counter", on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Set while a lottery round collects requests for this slot: then it is not bookable first-come.
    lottery_round = models.ForeignKey("appointments.LotteryRound", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="slots")

    class Meta:
        verbose_name = gettext_lazy("Zeitfenster")
        verbose_name_plural = gettext_lazy("Zeitfenster")
        ordering = ["starts_at", "counter"]
        constraints = [
            models.UniqueConstraint(fields=["counter", "starts_at"], name="slot_unique_per_counter_start"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at"])]


class Status(models.TextChoices):
    OFFERED = "offered", gettext_lazy("angeboten")  # held for an invited person until they confirm
    BOOKED = "booked", gettext_lazy("gebucht")
    CANCELLED = "cancelled", gettext_lazy("abgesagt")
    CHECKED_IN = "checked_in", gettext_lazy("angemeldet")  # arrived, waiting with a queue number
    CALLED = "called", gettext_lazy("aufgerufen")
    DONE = "done", gettext_lazy("erledigt")
    NO_SHOW = "no_show", gettext_lazy("nicht erschienen")
    EXPIRED = "expired", gettext_lazy("Angebot verfallen")


#: States in which an appointment holds its slots.
HOLDING = frozenset({Status.OFFERED, Status.BOOKED, Status.CHECKED_IN, Status.CALLED, Status.DONE,
                     Status.NO_SHOW})
#: The only transitions there are.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.OFFERED: frozenset({Status.BOOKED, Status.CANCELLED, Status.EXPIRED}),
    Status.BOOKED: frozenset({Status.CANCELLED, Status.CHECKED_IN, Status.NO_SHOW}),
    Status.CHECKED_IN: frozenset({Status.CALLED, Status.NO_SHOW}),
    Status.CALLED: frozenset({Status.DONE, Status.NO_SHOW, Status.CHECKED_IN}),
    Status.CANCELLED: frozenset(),
    Status.DONE: frozenset(),
    Status.NO_SHOW: frozenset(),
    Status.EXPIRED: frozenset(),
}


class Requester(models.Model):
    """Whoever books with one e-mail address: the row the service locks to enforce per-person limits."""

    email_key = models.CharField(max_length=254, unique=True)  # lower-cased, trimmed
    created_at = models.DateTimeField(default=timezone.now)


class Appointment(models.Model):
    reference = models.CharField(gettext_lazy("Buchungsnummer"), max_length=12, unique=True)
    service = models.ForeignKey("appointments.Service", verbose_name=gettext_lazy("Leistung"),
                                on_delete=models.PROTECT, related_name="appointments")
    counter = models.ForeignKey("appointments.Counter", verbose_name=gettext_lazy("Schalter"),
                                on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField(gettext_lazy("Beginn"))
    ends_at = models.DateTimeField(gettext_lazy("Ende"))
    status = models.CharField(gettext_lazy("Status"), max_length=16, choices=Status.choices, default=Status.BOOKED)
    name = models.CharField(gettext_lazy("Name"), max_length=200)
    email = models.EmailField(gettext_lazy("E-Mail"), blank=True)
    phone = models.CharField(gettext_lazy("Telefon"), max_length=64, blank=True)
    language = models.CharField(gettext_lazy("Sprache"), max_length=8, default="de")
    requester = models.ForeignKey(Requester, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="appointments")
    # The case file, when the office knows who comes (an invitation, or staff linked the booking).
    person = models.ForeignKey("persons.Person", verbose_name=gettext_lazy("Person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="appointments")
    rebooked_from = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="rebooked_to")
    # Part of the signed manage link; a new value invalidates links sent before (after cancel or rebook).
    link_nonce = models.CharField(max_length=32, editable=False)
    offer_expires_at = models.DateTimeField(gettext_lazy("Angebot gilt bis"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("gebucht am"), default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    queue_day = models.DateField(null=True, blank=True)
    queue_number = models.PositiveIntegerField(gettext_lazy("Wartenummer"), null=True, blank=True)
    checked_in_at = models.DateTimeField(gettext_lazy("angemeldet um"), null=True, blank=True)
    called_at = models.DateTimeField(gettext_lazy("aufgerufen um"), null=True, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("erledigt um"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = gettext_lazy("Termin")
        verbose_name_plural = gettext_lazy("Termine")
        ordering = ["starts_at", "counter"]
        constraints = [
            models.UniqueConstraint(fields=["queue_day", "queue_number"], name="appointment_unique_queue_number",
                                    condition=models.Q(queue_number__isnull=False)),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="appointment_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"]), models.Index(fields=["counter", "starts_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def holds_slots(self) -> bool:
        return self.status in HOLDING


class SlotBooking(models.Model):
    """The slot is the primary key: one slot, at most one appointment, enforced by the database."""

    slot = models.OneToOneField(Slot, primary_key=True, on_delete=models.PROTECT, related_name="booking")
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="slot_bookings")
