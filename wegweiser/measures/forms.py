"""Forms of the measures pages. They only check the shape of the input; the services decide (and say why)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import (
    CancelReason,
    DepartureEvidence,
    DepartureKind,
    EventKind,
    OfficeSafeguardPolicy,
    PlaceKind,
    PlanStatus,
)
from .presentation import RULE_LABELS
from .safeguards import WARNING_RULES
from .safeguards.config import MAX_CERTIFICATE_MAX_AGE_DAYS

_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte ein Datum angeben.")}
_DATETIME_ERRORS = {"invalid": _("Bitte Datum und Uhrzeit angeben, z. B. 14.03.2027 08:00.")}
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
#: Events that cannot be undone: the form asks for an explicit confirmation.
IRREVERSIBLE = frozenset({EventKind.STARTED, EventKind.LIFE_THREATENING, EventKind.COMPLETED, EventKind.CANCELLED})


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time field (accessible picker, local time of the office)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _checkboxes(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].widget.attrs.pop("class", None)
        form.fields[name].widget.attrs["class"] = "kern-form-check__checkbox"


class PlanForm(KernFormMixin, forms.Form):
    """The plan: affected persons (from the family shown), window, place, medical notes, transport, escort."""

    persons = forms.MultipleChoiceField(
        label=_("Betroffene Personen"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Aus Familie und Haushalt. Die Schutzregeln prüfen, ob die Familie getrennt würde."),
        error_messages={"required": _("Bitte mindestens eine betroffene Person wählen."),
                        "invalid_choice": _("Diese Person gehört nicht zur gezeigten Familie.")},
    )
    window_start = forms.DateTimeField(label=_("Zeitfenster von"), required=False, widget=DateTimeLocalInput(),
                                       input_formats=DATETIME_FORMATS, error_messages=_DATETIME_ERRORS)
    window_end = forms.DateTimeField(label=_("Zeitfenster bis"), required=False, widget=DateTimeLocalInput(),
                                     input_formats=DATETIME_FORMATS, error_messages=_DATETIME_ERRORS)
    place_kind = forms.ChoiceField(label=_("Art des Abholorts"), required=False,
                                   choices=[("", _("– bitte wählen –")), *PlaceKind.choices])
    place_text = forms.CharField(label=_("Abholort"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("Anschrift und Hinweise zum Ort."))
    medical_notes = forms.CharField(label=_("Medizinische Hinweise"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    transport = forms.CharField(label=_("Transport"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    escort = forms.CharField(label=_("Begleitung"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("z. B. Dolmetschung, medizinisches Personal, Vertrauensperson."))
    force_planned = forms.BooleanField(label=_("Zwangsmittel geplant"), required=False)
    force_reason = forms.CharField(label=_("Begründung der Zwangsmittel"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    perspective_reason = forms.CharField(
        label=_("Begründung trotz Bleibeperspektive"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nötig, wenn oben eine mögliche oder offene Bleibeperspektive steht: warum trotzdem weiter "
                    "geplant wird."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["persons"].choices = [(str(c.person.pk), c.person.display_name) for c in candidates]
        _apply_kern(self)
        _checkboxes(self, "persons")

    def selected(self) -> set[str]:
        """The person ids to show as ticked (bound: what was sent, so that nothing typed is lost)."""
        if self.is_bound:
            return set(self.data.getlist("persons")) if hasattr(self.data, "getlist") else set()
        return {str(v) for v in self.initial.get("persons", [])}

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("persons", "version"):
            data.pop(name, None)
        return data


class VersionForm(forms.Form):
    """Buttons that act on the plan as the user saw it (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AcknowledgeForm(KernFormMixin, forms.Form):
    rule_id = forms.ChoiceField(choices=[(r, r) for r in sorted(WARNING_RULES)], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Bitte begründen Sie, warum die Warnung in Kauf genommen wird.")})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class CertificateForm(KernFormMixin, forms.Form):
    """A fitness-to-travel certificate as issued (recorded once, never changed)."""

    person = forms.ChoiceField(label=_("Betroffene Person"), error_messages={"required": _("Bitte die Person wählen.")})
    author = forms.CharField(label=_("Ausgestellt von"), max_length=200, error_messages={"required": _("Bitte angeben.")})
    qualification = forms.CharField(label=_("Qualifikation"), max_length=200,
                                    help_text=_("z. B. Fachärztin für Psychiatrie, Gesundheitsamt"),
                                    error_messages={"required": _("Bitte angeben.")})
    issued_on = forms.DateField(label=_("Ausgestellt am"), widget=DateInput(), error_messages=_DATE_ERRORS)
    states_unfit = forms.TypedChoiceField(
        label=_("Ergebnis der Bescheinigung"), widget=forms.RadioSelect, coerce=lambda v: v == "unfit",
        choices=[("unfit", _("bescheinigt Reiseunfähigkeit")), ("fit", _("bescheinigt Reisefähigkeit"))],
        error_messages={"required": _("Bitte angeben, ob Reiseunfähigkeit bescheinigt wird.")})
    content = forms.CharField(
        label=_("Inhalt"), widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": _("Bitte angeben.")},
        help_text=_("Tatsächliche Umstände, Methode, Diagnose (ICD-10), Schweregrad, Folgen, Medikamente "
                    "(§ 60a Abs. 2c AufenthG)"))

    def __init__(self, *args: Any, persons: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("– bitte wählen –"))] + [(str(p.pk), p.display_name) for p in persons]
        _apply_kern(self)
        self.fields["states_unfit"].widget.attrs["class"] = "kern-form-check__radio"


class SetAsideForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Bewertung: warum wird die Bescheinigung nicht zugrunde gelegt?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte die Bewertung begründen.")})
    confirm = forms.BooleanField(
        label=_("Ich lege die Bescheinigung mit dieser Bewertung beiseite. Das wird protokolliert und nicht "
                "zurückgenommen."), error_messages={"required": _("Bitte bestätigen Sie.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class EventForm(KernFormMixin, forms.Form):
    """One entry of the execution log. Each event has its own form on the page (prefix = the event kind)."""

    text = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    person = forms.ChoiceField(label=_("Betroffene Person"), required=False)
    medical_staff_name = forms.CharField(label=_("Medizinisches Fachpersonal (Name)"), max_length=200, required=False)
    medical_staff_qualification = forms.CharField(label=_("Qualifikation"), max_length=200, required=False,
                                                  help_text=_("z. B. Notärztin, Rettungssanitäter"))
    cancel_reason = forms.ChoiceField(label=_("Grund der Stornierung"), required=False,
                                      choices=[("", _("– bitte wählen –")), *CancelReason.choices])
    confirm = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS: dict[str, tuple[str, ...]] = {
        EventKind.STARTED: ("text", "confirm"),
        EventKind.MEDICAL_EMERGENCY: ("person", "text"),
        EventKind.FITNESS_CONFIRMED: ("medical_staff_name", "medical_staff_qualification", "text"),
        EventKind.LIFE_THREATENING: ("person", "text", "confirm"),
        EventKind.COMPLETED: ("text", "confirm"),
        EventKind.CANCELLED: ("cancel_reason", "text", "confirm"),
    }
    CONFIRM_LABELS = {
        EventKind.STARTED: _("Ich bestätige den Beginn der Maßnahme."),
        EventKind.LIFE_THREATENING: _("Ich bestätige: lebensbedrohlicher Zustand. Die Maßnahme wird endgültig "
                                      "abgebrochen."),
        EventKind.COMPLETED: _("Ich bestätige, dass die Maßnahme durchgeführt ist."),
        EventKind.CANCELLED: _("Ich bestätige die Stornierung. Sie kann nicht zurückgenommen werden."),
    }

    def __init__(self, *args: Any, kind: str, persons: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.label = EventKind(kind).label
        for name in list(self.fields):
            if name not in self.FIELDS[kind] and name != "version":
                del self.fields[name]
        if "person" in self.fields:
            self.fields["person"].choices = [("", _("– nicht auf eine Person bezogen –"))] + [
                (str(p.pk), p.display_name) for p in persons]
        if "text" in self.fields and kind in (EventKind.MEDICAL_EMERGENCY, EventKind.LIFE_THREATENING):
            self.fields["text"].required = True
            self.fields["text"].label = _("Was ist geschehen?")
            self.fields["text"].error_messages["required"] = _("Bitte kurz beschreiben, was geschehen ist.")
        if kind == EventKind.LIFE_THREATENING:
            self.fields["text"].help_text = _("z. B. akute Atemnot, Krampfanfall, bedrohliche Blutung, "
                                              "Bewusstlosigkeit, Atem- und Kreislaufstillstand")
        if kind == EventKind.FITNESS_CONFIRMED:
            for name in ("medical_staff_name", "medical_staff_qualification"):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _("Die Reisefähigkeit stellt medizinisches "
                                                                 "Fachpersonal fest: bitte angeben.")
        if kind == EventKind.CANCELLED:
            self.fields["cancel_reason"].required = True
            self.fields["cancel_reason"].error_messages["required"] = _("Bitte den Grund der Stornierung angeben.")
        if "confirm" in self.fields:
            self.fields["confirm"].required = True
            self.fields["confirm"].label = self.CONFIRM_LABELS[kind]
            self.fields["confirm"].error_messages["required"] = _("Bitte bestätigen Sie diesen Schritt.")
        _apply_kern(self)
        if "text" in self.fields and self.fields["text"].help_text:
            self.fields["text"].widget.attrs["aria-describedby"] = f"id_{kind}-text_hint"

    def service_kwargs(self, persons: list[Any]) -> dict[str, Any]:
        data = self.cleaned_data
        person = None
        if data.get("person"):
            person = next((p for p in persons if str(p.pk) == data["person"]), None)
        return {"text": data.get("text", ""), "person": person,
                "medical_staff_name": data.get("medical_staff_name", ""),
                "medical_staff_qualification": data.get("medical_staff_qualification", ""),
                "cancel_reason": data.get("cancel_reason", "")}


class OfficePolicyForm(KernFormMixin, forms.Form):
    preset = forms.ChoiceField(label=_("Voreinstellung der Nachtzeit"), widget=forms.RadioSelect,
                               choices=OfficeSafeguardPolicy._meta.get_field("preset").choices)
    certificate_max_age_days = forms.IntegerField(
        label=_("Höchstalter ärztlicher Bescheinigungen (Tage)"), min_value=1, max_value=MAX_CERTIFICATE_MAX_AGE_DAYS,
        help_text=_("Entscheidung des Amts, keine gesetzliche Frist. Ältere Bescheinigungen werden zur Prüfung "
                    "markiert, nicht übergangen."),
        error_messages={"required": _("Bitte eine Zahl von Tagen angeben."),
                        "min_value": _("Mindestens 1 Tag."), "max_value": _("Höchstens 3650 Tage."),
                        "invalid": _("Bitte eine ganze Zahl angeben.")})
    hard_warnings = forms.MultipleChoiceField(
        label=_("Warnregeln, die das Amt verbindlich macht"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(r, RULE_LABELS[r]) for r in sorted(WARNING_RULES)],
        help_text=_("Eine verbindliche Warnregel sperrt den Plan, statt nur zu warnen."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
        self.fields["preset"].widget.attrs["class"] = "kern-form-check__radio"
        _checkboxes(self, "hard_warnings")


class ReportForm(KernFormMixin, forms.Form):
    date_from = forms.DateField(label=_("von"), widget=DateInput(), error_messages=_DATE_ERRORS)
    date_to = forms.DateField(label=_("bis"), widget=DateInput(), error_messages=_DATE_ERRORS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Das Ende liegt vor dem Anfang."))
        return data


class ListFilterForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("alle"))] + list(PlanStatus.choices))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class RadioFirstLabel(forms.RadioSelect):
    """Radio buttons whose field "label" target is the first option, so that the error summary can link to it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class DepartureForm(KernFormMixin, forms.Form):
    """A voluntary departure as it happened (recorded once; a wrong record is withdrawn, not edited)."""

    departed_on = forms.DateField(label=_("Tag der Ausreise"), widget=DateInput(), error_messages={
        "invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte den Tag der Ausreise angeben.")})
    kind = forms.ChoiceField(
        label=_("Art der Ausreise"), widget=RadioFirstLabel,
        choices=[(k.value, k.label) for k in (DepartureKind.VOLUNTARY, DepartureKind.ASSISTED)],
        help_text=_("Eine Abschiebung wird im Ablaufprotokoll des Maßnahmeplans erfasst, nicht hier."),
        error_messages={"required": _("Bitte die Art der Ausreise wählen."),
                        "invalid_choice": _("Bitte die Art der Ausreise wählen.")})
    programme = forms.CharField(
        label=_("Rückkehrprogramm"), max_length=200, required=False,
        help_text=_("Nur bei geförderter Ausreise: der Name des Programms, wie auf der Bestätigung angegeben."))
    evidence = forms.ChoiceField(
        label=_("Nachweis der Ausreise"), widget=RadioFirstLabel,
        choices=[(e.value, e.label) for e in DepartureEvidence if e != DepartureEvidence.EXECUTION_LOG],
        error_messages={"required": _("Bitte angeben, wie die Ausreise nachgewiesen ist."),
                        "invalid_choice": _("Bitte angeben, wie die Ausreise nachgewiesen ist.")})
    evidence_note = forms.CharField(
        label=_("Anmerkung zum Nachweis"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nötig bei „Anderer Nachweis“: was liegt vor, von wem ausgestellt, mit welchem Datum?"))
    plan = forms.ChoiceField(label=_("Zugehöriger Maßnahmeplan"), required=False,
                             error_messages={"invalid_choice": _("Diesen Plan gibt es für die Person nicht.")})

    def __init__(self, *args: Any, plans: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = {str(p.pk): p for p in plans}
        self.fields["plan"].choices = [("", _("– kein Plan –"))] + [
            (str(p.pk), _("Plan %(number)s (%(status)s)") % {"number": p.pk, "status": p.get_status_display()})
            for p in plans]
        _apply_kern(self)
        for name in ("kind", "evidence"):
            self.fields[name].widget.attrs["class"] = "kern-form-check__radio"

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["plan"] = self.plans.get(data.get("plan") or "")
        return data


class WithdrawDepartureForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Warum wird der Eintrag zurückgenommen?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte begründen Sie, warum der Eintrag zurückgenommen wird.")})
    confirm = forms.BooleanField(
        label=_("Ich nehme den Eintrag mit dieser Begründung zurück. Das wird protokolliert; ein stornierter "
                "Maßnahmeplan wird dadurch nicht wieder geöffnet."),
        error_messages={"required": _("Bitte bestätigen Sie.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
