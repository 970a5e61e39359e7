"""A screening run assesses the whole caseload on one date; its results become visible only when it is done.

Results are written under their run. Worklists read the results of the *current* run only — the latest run
that completed — so a run that fails half-way never shows half-written results; it keeps its cursor
(``last_person_id``) and can be resumed from there.

A worker that dies mid-run (killed, machine restarted) cannot mark its run failed. ``heartbeat_at`` is the
run's last sign of life (queued, started, each stored chunk); a queued or running run without one for longer
than ``SCREENING_STALE_MINUTES`` counts as failed, so that it neither blocks new runs nor stays unresumable.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

#: Stored as the error of a run whose worker stopped answering; German source, translated when shown.
STALE_ERROR = gettext_noop("Keine Rückmeldung des Hintergrunddienstes; der Prüflauf gilt als abgebrochen.")
#: Minutes without a heartbeat after which a queued or running run counts as failed (setting's default).
DEFAULT_STALE_MINUTES = 30


def stale_cutoff() -> datetime:
    """Runs whose last sign of life is older than this have lost their worker."""
    minutes = getattr(settings, "SCREENING_STALE_MINUTES", DEFAULT_STALE_MINUTES)
    return timezone.now() - timedelta(minutes=minutes)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Wartet")
    RUNNING = "running", _("Läuft")
    FAILED = "failed", _("Abgebrochen")
    COMPLETED = "completed", _("Abgeschlossen")


class ScreeningRun(models.Model):
    as_of = models.DateField(_("Stichtag"))
    status = models.CharField(_("Status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Gestartet von"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("Leer: nächtlicher Lauf."),
    )
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    started_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Beendet"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("Letzte Rückmeldung"), null=True, blank=True,
        help_text=_("Zuletzt vom Hintergrunddienst bestätigt (beim Einreihen, beim Start und nach jedem Abschnitt)."),
    )
    total = models.PositiveIntegerField(_("Personen gesamt"), default=0)
    processed = models.PositiveIntegerField(_("Personen geprüft"), default=0)
    last_person_id = models.BigIntegerField(_("Zuletzt geprüfte Person (ID)"), default=0)
    engine_version = models.CharField(_("Version der Regeln"), max_length=64, blank=True)
    error = models.TextField(_("Fehler"), blank=True)
    invalid = models.PositiveIntegerField(
        _("Nicht prüfbare Akten"), default=0,
        help_text=_("Akten mit unplausiblen Angaben, die die Regeln nicht lesen können; sie wurden übersprungen."),
    )
    is_current = models.BooleanField(_("Aktuelles Ergebnis"), default=False)
    #: True while queued or running; the database allows one such run at a time.
    active = models.BooleanField(default=False, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("Prüflauf")
        verbose_name_plural = _("Prüfläufe")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=models.Q(is_current=True),
                                    name="screening_one_current_run"),
            models.UniqueConstraint(fields=["active"], condition=models.Q(active=True),
                                    name="screening_one_active_run"),
        ]

    def __str__(self) -> str:
        return f"{self.as_of:%d.%m.%Y} ({self.get_status_display()})"

    @property
    def last_sign_of_life(self) -> datetime | None:
        return self.heartbeat_at or self.started_at or self.created_at

    @property
    def is_stale(self) -> bool:
        """Queued or running, but the worker has not answered for ``SCREENING_STALE_MINUTES``."""
        seen = self.last_sign_of_life
        return self.active and seen is not None and seen < stale_cutoff()

    @property
    def error_text(self) -> str:
        """The error as shown: the stale-worker reason in the reader's language, others as recorded."""
        return gettext(STALE_ERROR) if self.error == STALE_ERROR else self.error

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.processed / self.total))


class ScreeningResult(models.Model):
    """The outcome of one pathway for one person in one run (the vectorised engine's figures)."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="results")
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="screening_results")
    pathway = models.CharField(_("Weg"), max_length=32)
    outcome = models.CharField(_("Ergebnis"), max_length=24)
    earliest_date = models.DateField(_("Frühestens am"), null=True, blank=True)
    gaps = models.PositiveSmallIntegerField(_("Offene Bedingungen"), default=0)
    achievable_gaps = models.PositiveSmallIntegerField(
        _("Erreichbare offene Bedingungen"), default=0,
        help_text=_("Offene Bedingungen, die die Person erreichen oder nachweisen kann (keine Ausschlüsse)."),
    )

    class Meta:
        verbose_name = _("Prüfergebnis")
        verbose_name_plural = _("Prüfergebnisse")
        constraints = [
            models.UniqueConstraint(fields=["run", "person", "pathway"], name="screening_one_result_per_pathway"),
        ]
        # (run, person) lookups use the unique constraint's index; a second index on the same prefix would
        # only slow down writing a million results per run
        indexes = [
            models.Index(fields=["run", "pathway", "outcome"]),
        ]

    def __str__(self) -> str:
        return f"{self.pathway}: {self.outcome}"
