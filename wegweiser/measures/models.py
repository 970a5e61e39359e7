"""Plans of measures ending a stay, their affected persons, medical certificates and the execution log.

The state machine and the append-only log are enforced here (and by database triggers, migration 0002), not
only in services or pages: ``MeasurePlan.save`` refuses a status change the machine does not allow, a change
of a terminal plan, and an execution status without the matching latest event; ``ExecutionEvent`` rows are
never updated or deleted (model, queryset and trigger).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .safeguards.config import DEFAULT_CERTIFICATE_MAX_AGE_DAYS, DEFAULT_PRESET


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    APPROVED = "approved", _("freigegeben")
    IN_PROGRESS = "in_progress", _("läuft")
    INTERRUPTED = "interrupted", _("unterbrochen")
    COMPLETED = "completed", _("durchgeführt")
    ABORTED = "aborted", _("abgebrochen")
    CANCELLED = "cancelled", _("storniert")


class EventKind(models.TextChoices):
    STARTED = "started", _("Maßnahme begonnen")
    MEDICAL_EMERGENCY = "medical_emergency", _("Medizinischer Notfall – Maßnahme unterbrochen")
    FITNESS_CONFIRMED = "fitness_confirmed", _("Reisefähigkeit durch medizinisches Fachpersonal festgestellt")
    LIFE_THREATENING = "life_threatening", _("Lebensbedrohlicher Zustand – Maßnahme abgebrochen")
    COMPLETED = "completed", _("Maßnahme durchgeführt")
    CANCELLED = "cancelled", _("Maßnahme storniert")


class CancelReason(models.TextChoices):
    VOLUNTARY_DEPARTURE = "voluntary_departure", _("Freiwillige Ausreise")
    STAY_PERSPECTIVE = "stay_perspective", _("Bleibeperspektive / Aufenthaltsrecht")
    OBSTACLE = "obstacle", _("Abschiebungshindernis")
    OTHER = "other", _("Sonstiges")


class PlaceKind(models.TextChoices):
    HOME = "home", _("Wohnung")
    HOSPITAL = "hospital", _("Krankenhaus oder Klinik")
    SOCIAL_INSTITUTION = "social_institution", _("Soziale oder Jugendhilfe-Einrichtung")
    SCHOOL = "school", _("Schule")
    SHARED_ACCOMMODATION = "shared_accommodation", _("Gemeinschaftsunterkunft")
    OTHER = "other", _("Anderer Ort")


TERMINAL = frozenset({PlanStatus.COMPLETED, PlanStatus.ABORTED, PlanStatus.CANCELLED})
S = PlanStatus
#: Allowed status changes. Aborted, completed and cancelled are final.
ALLOWED: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.APPROVED, S.CANCELLED}),
    S.APPROVED: frozenset({S.DRAFT, S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.INTERRUPTED, S.COMPLETED, S.ABORTED, S.CANCELLED}),
    S.INTERRUPTED: frozenset({S.IN_PROGRESS, S.ABORTED, S.CANCELLED}),
    S.COMPLETED: frozenset(),
    S.ABORTED: frozenset(),
    S.CANCELLED: frozenset(),
}
#: The event that must be the plan's newest when it enters a status (None: no event needed).
REQUIRED_EVENT: dict[tuple[str, str], str] = {
    (S.APPROVED, S.IN_PROGRESS): EventKind.STARTED,
    (S.INTERRUPTED, S.IN_PROGRESS): EventKind.FITNESS_CONFIRMED,
    (S.IN_PROGRESS, S.INTERRUPTED): EventKind.MEDICAL_EMERGENCY,
    (S.IN_PROGRESS, S.COMPLETED): EventKind.COMPLETED,
    (S.IN_PROGRESS, S.ABORTED): EventKind.LIFE_THREATENING,
    (S.INTERRUPTED, S.ABORTED): EventKind.LIFE_THREATENING,
    (S.DRAFT, S.CANCELLED): EventKind.CANCELLED,
    (S.APPROVED, S.CANCELLED): EventKind.CANCELLED,
    (S.IN_PROGRESS, S.CANCELLED): EventKind.CANCELLED,
    (S.INTERRUPTED, S.CANCELLED): EventKind.CANCELLED,
}
#: What each event does to the plan: (allowed current statuses, new status).
EVENT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    EventKind.STARTED: (frozenset({S.APPROVED}), S.IN_PROGRESS),
    EventKind.MEDICAL_EMERGENCY: (frozenset({S.IN_PROGRESS}), S.INTERRUPTED),
    EventKind.FITNESS_CONFIRMED: (frozenset({S.INTERRUPTED}), S.IN_PROGRESS),
    EventKind.LIFE_THREATENING: (frozenset({S.IN_PROGRESS, S.INTERRUPTED}), S.ABORTED),
    EventKind.COMPLETED: (frozenset({S.IN_PROGRESS}), S.COMPLETED),
    EventKind.CANCELLED: (frozenset({S.DRAFT, S.APPROVED, S.IN_PROGRESS, S.INTERRUPTED}), S.CANCELLED),
}
#: Fields whose change is bookkeeping, not a change of the plan's content.
_BOOKKEEPING = frozenset({"id", "status", "version", "updated_at", "approver", "approved_at", "evaluation"})


class TransitionRefused(ValidationError):
    """A status change or log entry the state machine does not allow (raised by the model itself)."""


class AppendOnly(ValidationError):
    """An execution event was about to be changed or deleted."""

    def __init__(self) -> None:
        super().__init__(_("Einträge im Ablaufprotokoll können weder geändert noch gelöscht werden."),
                         code="append_only")


class OfficeSafeguardPolicy(models.Model):
    """The office's safeguard settings (one row). Plans copy it as ``MeasurePlan.config`` when they change."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    preset = models.CharField(
        _("Voreinstellung"), max_length=16, default=DEFAULT_PRESET,
        choices=[("unna", _("Kreis Unna (22–6 Uhr, unter 18 Jahren)")),
                 ("nrw_erlass", _("NRW-Erlass (21–6 Uhr, unter 14 Jahren) – zu prüfen"))],
    )
    certificate_max_age_days = models.PositiveIntegerField(
        _("Höchstalter ärztlicher Bescheinigungen (Tage)"), default=DEFAULT_CERTIFICATE_MAX_AGE_DAYS,
        help_text=_("Entscheidung des Amts, keine gesetzliche Frist. Ältere Bescheinigungen werden zur Prüfung "
                    "markiert, nicht übergangen."),
    )
    hard_warnings = models.JSONField(_("Als verbindlich festgelegte Warnregeln"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("Schutzregeln des Amts")
        verbose_name_plural = _("Schutzregeln des Amts")


class MeasurePlanQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if "status" in kwargs:
            raise TransitionRefused(_("Der Status eines Plans ändert sich nur über den Plan selbst."),
                                    code="bulk_status")
        return super().update(**kwargs)

    def delete(self) -> Any:
        raise TransitionRefused(_("Pläne werden nicht gelöscht, sondern storniert."), code="no_delete")


class MeasurePlan(models.Model):
    status = models.CharField(_("Status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    planner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("geplant von"), on_delete=models.PROTECT,
                                related_name="+")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("freigegeben von"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    window_start = models.DateTimeField(_("Zeitfenster von"), null=True, blank=True)
    window_end = models.DateTimeField(_("Zeitfenster bis"), null=True, blank=True)
    place_kind = models.CharField(_("Art des Abholorts"), max_length=24, choices=PlaceKind.choices, blank=True)
    place_text = models.TextField(_("Abholort"), blank=True)
    transport = models.TextField(_("Transport"), blank=True)
    escort = models.TextField(_("Begleitung"), blank=True)
    medical_notes = models.TextField(_("Medizinische Hinweise"), blank=True)
    force_planned = models.BooleanField(_("Zwangsmittel geplant"), default=False)
    force_reason = models.TextField(_("Begründung der Zwangsmittel"), blank=True)
    perspective_reason = models.TextField(
        _("Begründung trotz Bleibeperspektive"), blank=True,
        help_text=_("Warum trotz einer möglichen oder offenen Bleibeperspektive weiter geplant wird."),
    )
    #: The office policy the plan is judged by (``SafeguardConfig.to_dict``), refreshed on every change.
    config = models.JSONField(default=dict, editable=False)
    #: The stored "before any measure" check (counselling, supporters, staying perspectives), see services.before.
    before_check = models.JSONField(default=dict, editable=False)
    #: Acknowledged warnings: {rule_id: {"reason_de": warning acknowledged, "text": why, "by": id, "at": iso}}.
    acknowledgements = models.JSONField(default=dict, editable=False)
    #: The rule outcomes at the last change ({rule_id: outcome}), for reporting without re-evaluating old plans.
    evaluation = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasurePlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahmeplan")
        verbose_name_plural = _("Maßnahmepläne")
        ordering = ["-window_start", "-pk"]
        constraints = [
            # Four eyes, in the database: the planner never approves their own plan.
            models.CheckConstraint(condition=~models.Q(approver=models.F("planner")), name="measure_four_eyes"),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approver__isnull=False, approved_at__isnull=False),
                name="measure_approved_has_approver"),
            models.CheckConstraint(
                condition=models.Q(window_start__isnull=True) | models.Q(window_end__isnull=True)
                | models.Q(window_end__gt=models.F("window_start")), name="measure_window_order"),
        ]

    def __str__(self) -> str:
        return f"{_('Maßnahmeplan')} {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self._state.adding:
                if self.status != PlanStatus.DRAFT:
                    raise TransitionRefused(_("Ein Plan beginnt als Entwurf."), code="not_draft")
            else:
                self._check_change()
            super().save(*args, **kwargs)

    def _check_change(self) -> None:
        stored = type(self).objects.select_for_update().get(pk=self.pk)
        if stored.status in TERMINAL:
            raise TransitionRefused(
                _("Der Plan ist abgeschlossen (%(status)s) und kann nicht mehr geändert werden.")
                % {"status": stored.get_status_display()}, code="terminal")
        changed = [f.name for f in self._meta.concrete_fields
                   if f.name not in _BOOKKEEPING and getattr(stored, f.attname) != getattr(self, f.attname)]
        if changed and stored.status != PlanStatus.DRAFT and not (
            stored.status == PlanStatus.APPROVED and self.status == PlanStatus.DRAFT
        ):
            raise TransitionRefused(_("Ein freigegebener oder laufender Plan kann nur geändert werden, indem er in "
                                      "den Entwurf zurückgeht."), code="changed_after_approval")
        if stored.status == self.status:
            return
        if self.status not in ALLOWED.get(stored.status, frozenset()):
            raise TransitionRefused(
                _("Der Status kann nicht von „%(from)s“ auf „%(to)s“ wechseln.")
                % {"from": stored.get_status_display(), "to": PlanStatus(self.status).label}, code="not_allowed")
        needed = REQUIRED_EVENT.get((stored.status, self.status))
        if needed and self.latest_event_kind() != needed:
            raise TransitionRefused(
                _("Dieser Statuswechsel braucht den Eintrag „%(event)s“ im Ablaufprotokoll.")
                % {"event": EventKind(needed).label}, code="event_missing")
        if self.status == PlanStatus.APPROVED and (
            self.approver_id is None or self.approver_id == self.planner_id or self.approved_at is None
        ):
            raise TransitionRefused(_("Freigeben kann nur eine zweite Person, nicht wer geplant hat."),
                                    code="four_eyes")
        if self.status == PlanStatus.DRAFT:
            self.approver, self.approved_at = None, None

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise TransitionRefused(_("Pläne werden nicht gelöscht, sondern storniert."), code="no_delete")

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    def latest_event_kind(self) -> str | None:
        return self.events.order_by("-pk").values_list("kind", flat=True).first() if self.pk else None


class PlanPerson(models.Model):
    """A person affected by the plan (chosen from the household and family)."""

    plan = models.ForeignKey(MeasurePlan, on_delete=models.PROTECT, related_name="plan_persons")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="measure_plans")

    class Meta:
        verbose_name = _("Betroffene Person")
        verbose_name_plural = _("Betroffene Personen")
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="measure_person_once")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        _require_draft(self.plan_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _require_draft(self.plan_id)
        return super().delete(*args, **kwargs)


def _require_draft(plan_id: int | None) -> None:
    status = MeasurePlan.objects.filter(pk=plan_id).values_list("status", flat=True).first()
    if status != PlanStatus.DRAFT:
        raise TransitionRefused(_("Betroffene Personen ändern sich nur im Entwurf."), code="not_draft")


class FitnessCertificate(models.Model):
    """A medical certificate on fitness to travel (Reisefähigkeit) of a person, optionally tied to a plan.

    Once recorded it is not changed; the only later entry is the documented assessment that sets it aside.
    """

    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="fitness_certificates")
    plan = models.ForeignKey(MeasurePlan, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="certificates")
    author = models.CharField(_("Ausgestellt von"), max_length=200)
    qualification = models.CharField(_("Qualifikation"), max_length=200,
                                     help_text=_("z. B. Fachärztin für Psychiatrie, Gesundheitsamt"))
    issued_on = models.DateField(_("Ausgestellt am"))
    states_unfit = models.BooleanField(_("Bescheinigt Reiseunfähigkeit"))
    content = models.TextField(_("Inhalt"), help_text=_(
        "Tatsächliche Umstände, Methode, Diagnose (ICD-10), Schweregrad, Folgen, Medikamente (§ 60a Abs. 2c AufenthG)"))
    set_aside_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Beiseitegelegt von"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    set_aside_reason = models.TextField(_("Bewertung (warum beiseitegelegt)"), blank=True)
    set_aside_at = models.DateTimeField(_("Beiseitegelegt am"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Ärztliche Bescheinigung")
        verbose_name_plural = _("Ärztliche Bescheinigungen")
        ordering = ["-issued_on", "-pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(set_aside_by__isnull=True, set_aside_at__isnull=True, set_aside_reason="")
            | (models.Q(set_aside_by__isnull=False, set_aside_at__isnull=False) & ~models.Q(set_aside_reason="")),
            name="measure_certificate_set_aside_complete")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            stored = FitnessCertificate.objects.get(pk=self.pk)
            if stored.set_aside_at is not None:
                raise ValidationError(_("Eine beiseitegelegte Bescheinigung wird nicht mehr geändert."))
            fixed = ("person_id", "plan_id", "author", "qualification", "issued_on", "states_unfit", "content")
            if any(getattr(stored, f) != getattr(self, f) for f in fixed):
                raise ValidationError(_("Eine erfasste Bescheinigung wird nicht geändert; erfassen Sie eine neue."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("Ärztliche Bescheinigungen werden nicht gelöscht."))


class ExecutionEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly()

    def delete(self) -> Any:
        raise AppendOnly()

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:
        raise TransitionRefused(_("Einträge im Ablaufprotokoll werden einzeln erfasst."), code="bulk")


class ExecutionEvent(models.Model):
    """One timestamped entry of the day. Inserting it moves the plan (in the same transaction)."""

    plan = models.ForeignKey(MeasurePlan, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("Ereignis"), max_length=24, choices=EventKind.choices)
    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), on_delete=models.PROTECT,
                                    related_name="+")
    person = models.ForeignKey("persons.Person", verbose_name=_("Betroffene Person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Beschreibung"), blank=True)
    medical_staff_name = models.CharField(_("Medizinisches Fachpersonal (Name)"), max_length=200, blank=True)
    medical_staff_qualification = models.CharField(_("Qualifikation"), max_length=200, blank=True)
    cancel_reason = models.CharField(_("Grund der Stornierung"), max_length=24, choices=CancelReason.choices,
                                     blank=True)

    objects = ExecutionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Eintrag im Ablaufprotokoll")
        verbose_name_plural = _("Ablaufprotokoll")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="fitness_confirmed")
                | (~models.Q(medical_staff_name="") & ~models.Q(medical_staff_qualification="")),
                name="measure_fitness_needs_medical_staff"),
            models.CheckConstraint(condition=~models.Q(kind="cancelled") | ~models.Q(cancel_reason=""),
                                   name="measure_cancel_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d.%m.%Y %H:%M})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or (self.pk and ExecutionEvent.objects.filter(pk=self.pk).exists()):
            raise AppendOnly()
        if self.kind not in EVENT_TRANSITIONS:
            raise TransitionRefused(_("Unbekanntes Ereignis."), code="unknown_kind")
        if self.kind == EventKind.FITNESS_CONFIRMED and not (
            self.medical_staff_name.strip() and self.medical_staff_qualification.strip()
        ):
            raise TransitionRefused(_("Die Reisefähigkeit stellt medizinisches Fachpersonal fest: Name und "
                                      "Qualifikation sind nötig."), code="medical_staff")
        if self.kind == EventKind.CANCELLED and not self.cancel_reason:
            raise TransitionRefused(_("Bitte den Grund der Stornierung angeben."), code="cancel_reason")
        kwargs["force_insert"] = True
        with transaction.atomic():
            plan = MeasurePlan.objects.select_for_update().get(pk=self.plan_id)
            allowed_from, new_status = EVENT_TRANSITIONS[self.kind]
            if plan.status not in allowed_from:
                raise TransitionRefused(
                    _("„%(event)s“ ist im Status „%(status)s“ nicht möglich.")
                    % {"event": EventKind(self.kind).label, "status": plan.get_status_display()}, code="not_allowed")
            super().save(*args, **kwargs)
            plan.status = new_status
            plan.version += 1
            plan.save()
            self.plan = plan

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly()


class DepartureKind(models.TextChoices):
    VOLUNTARY = "voluntary", _("Freiwillige Ausreise (selbst organisiert)")
    ASSISTED = "assisted", _("Geförderte freiwillige Ausreise (Rückkehrprogramm)")
    REMOVAL = "removal", _("Abschiebung (durchgeführte Maßnahme)")


#: Departures the person chose (counted as voluntary in the report); a removal is recorded by the execution log.
VOLUNTARY_KINDS = frozenset({DepartureKind.VOLUNTARY, DepartureKind.ASSISTED})


class DepartureEvidence(models.TextChoices):
    BORDER_CERTIFICATE = "border_certificate", _("Grenzübertrittsbescheinigung zurückgegeben")
    PROGRAMME_CONFIRMATION = "programme_confirmation", _("Bestätigung des Rückkehrprogramms")
    EXECUTION_LOG = "execution_log", _("Ablaufprotokoll der Maßnahme")
    OTHER = "other", _("Anderer Nachweis")


class DepartureQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ValidationError(_("Erfasste Ausreisen werden einzeln über den Dienst geändert."), code="bulk")

    def delete(self) -> Any:
        raise ValidationError(_("Erfasste Ausreisen werden nicht gelöscht, sondern mit Begründung zurückgenommen."),
                              code="no_delete")


class Departure(models.Model):
    """A person has left Germany: voluntarily, with a return programme, or removed.

    A record is never edited or deleted (model ``save``/``delete``): what the office once recorded stays
    visible. A wrong record is withdrawn once, with who, when and why (like a certificate set aside); the
    correct facts are then recorded as a new record that names the one it corrects (``corrects``). Because no
    field of a record ever changes after it was stored, two people cannot overwrite each other's work, so no
    version field is needed; withdrawing twice is refused under a row lock. Removals are recorded only by the
    execution log when a plan is completed (one per affected person) and are not withdrawn here.
    """

    person = models.ForeignKey("persons.Person", verbose_name=_("Person"), on_delete=models.PROTECT,
                               related_name="departures")
    departed_on = models.DateField(_("Tag der Ausreise"))
    kind = models.CharField(_("Art der Ausreise"), max_length=16, choices=DepartureKind.choices)
    programme = models.CharField(_("Rückkehrprogramm"), max_length=200, blank=True,
                                 help_text=_("Name des Programms, z. B. wie auf der Bestätigung angegeben."))
    evidence = models.CharField(_("Nachweis"), max_length=24, choices=DepartureEvidence.choices)
    evidence_note = models.TextField(_("Anmerkung zum Nachweis"), blank=True)
    plan = models.ForeignKey(MeasurePlan, verbose_name=_("Maßnahmeplan"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="departures")
    corrects = models.ForeignKey("self", verbose_name=_("berichtigt Eintrag"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("zurückgenommen von"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("zurückgenommen am"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("Grund der Rücknahme"), blank=True)

    objects = DepartureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ausreise")
        verbose_name_plural = _("Ausreisen")
        ordering = ["-departed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="assisted") | ~models.Q(programme=""),
                                   name="measure_departure_assisted_programme"),
            models.CheckConstraint(condition=~models.Q(kind="removal") | models.Q(plan__isnull=False),
                                   name="measure_departure_removal_has_plan"),
            models.CheckConstraint(
                condition=models.Q(withdrawn_by__isnull=True, withdrawn_at__isnull=True, withdrawn_reason="")
                | (models.Q(withdrawn_by__isnull=False, withdrawn_at__isnull=False) & ~models.Q(withdrawn_reason="")),
                name="measure_departure_withdrawal_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.departed_on:%d.%m.%Y})"

    #: Fields that never change once stored.
    FIXED = ("person_id", "departed_on", "kind", "programme", "evidence", "evidence_note", "plan_id", "corrects_id",
             "recorded_by_id", "recorded_at")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            stored = Departure.objects.get(pk=self.pk)
            if stored.withdrawn_at is not None:
                raise ValidationError(_("Ein zurückgenommener Eintrag wird nicht mehr geändert."), code="withdrawn")
            if any(getattr(stored, f) != getattr(self, f) for f in self.FIXED):
                raise ValidationError(_("Eine erfasste Ausreise wird nicht geändert; nehmen Sie den Eintrag zurück "
                                        "und erfassen Sie ihn neu."), code="fixed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("Erfasste Ausreisen werden nicht gelöscht, sondern mit Begründung zurückgenommen."),
                              code="no_delete")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
