"""Scarce slots released by lottery: requests are collected in a window, then drawn at random.

The draw is reproducible and checkable: the seed is stored, entries are shuffled in a fixed order (by id) with
``random.Random(seed)``, and each entry keeps its rank.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class RoundStatus(models.TextChoices):
    COLLECTING = "collecting", gettext_lazy("sammelt Anfragen")
    DRAWN = "drawn", gettext_lazy("verlost")
    CANCELLED = "cancelled", gettext_lazy("abgebrochen")


class LotteryRound(models.Model):
    service = models.ForeignKey("appointments.Service", verbose_name=gettext_lazy("Leistung"),
                                on_delete=models.PROTECT, related_name="lottery_rounds")
    opens_at = models.DateTimeField(gettext_lazy("Anfragen ab"))
    closes_at = models.DateTimeField(gettext_lazy("Anfragen bis"))
    status = models.CharField(gettext_lazy("Status"), max_length=16, choices=RoundStatus.choices,
                              default=RoundStatus.COLLECTING)
    seed = models.CharField(max_length=64, blank=True, editable=False)
    drawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("Verlosungsrunde")
        verbose_name_plural = gettext_lazy("Verlosungsrunden")
        ordering = ["-opens_at"]
        constraints = [models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                              name="lottery_closes_after_opens")]


class EntryResult(models.TextChoices):
    PENDING = "pending", gettext_lazy("wartet auf Verlosung")
    WON = "won", gettext_lazy("Termin erhalten")
    LOST = "lost", gettext_lazy("kein Termin")


class LotteryEntry(models.Model):
    round = models.ForeignKey(LotteryRound, on_delete=models.CASCADE, related_name="entries")
    requester = models.ForeignKey("appointments.Requester", on_delete=models.PROTECT, related_name="entries")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    language = models.CharField(max_length=8, default="de")
    created_at = models.DateTimeField(default=timezone.now)
    result = models.CharField(max_length=16, choices=EntryResult.choices, default=EntryResult.PENDING)
    rank = models.PositiveIntegerField(null=True, blank=True)
    appointment = models.OneToOneField("appointments.Appointment", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="lottery_entry")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "requester"], name="lottery_one_entry_per_requester")]
