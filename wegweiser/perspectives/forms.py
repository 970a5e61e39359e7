"""Forms of the perspectives pages: the what-if questions and storing an assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput, apply_kern_classes
from wegweiser.facts.forms import KernSelect
from wegweiser.persons.forms import KernFormMixin
from wegweiser.persons.services.common import today
from wegweiser.rules.situation import CEFR

from . import services
from .models import SnapshotPurpose

SCOPES = [("", _("bitte wählen")), ("oral", _("nur mündlich")), ("complete", _("vollständig (mündlich und schriftlich)"))]
QUALIFICATIONS = [
    ("", _("bitte wählen")),
    ("hauptschule", _("Hauptschulabschluss")),
    ("mittlere_reife", _("Mittlerer Schulabschluss")),
    ("abitur", _("Abitur / Fachhochschulreife")),
    ("vocational", _("Berufsabschluss")),
    ("academic", _("Hochschulabschluss")),
    ("foreign", _("ausländischer Abschluss")),
]
DATE_REQUIRED = _("Bitte das Datum angeben, ab dem die Änderung gelten soll.")
AFTER_AS_OF = _("Das Datum liegt nach dem Stichtag; die Änderung würde sich auf die Prüfung nicht auswirken.")


def _date(label: Any, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=DateInput(attrs={"class": "kern-form-input__input"}))


def _select(label: Any, choices: list) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=KernSelect(choices=choices))


def _check(label: Any, initial: bool = True) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial)


#: Groups of the form: (legend, change kind, date field, other fields that switch the group on).
GROUPS: tuple[tuple[Any, str, str, tuple[str, ...]], ...] = (
    (_("Sprachzertifikat"), services.LANGUAGE_CERTIFICATE, "certificate_on", ("certificate_level", "certificate_scope")),
    (_("Beschäftigung"), services.EMPLOYMENT, "employment_on", ("employment_hours",)),
    (_("Lebensunterhalt gesichert"), services.LIVELIHOOD, "livelihood_on", ()),
    (_("Pass erhalten"), services.PASSPORT, "passport_on", ("passport_until",)),
    (_("Identität geklärt"), services.IDENTITY, "identity_on", ()),
    (_("Schul- oder Berufsabschluss"), services.QUALIFICATION, "qualification_on", ("qualification_kind",)),
)
#: Check boxes belong to a group but do not switch it on (they have a default).
GROUP_CHECKS = {
    services.EMPLOYMENT: ("employment_insured",),
    services.LIVELIHOOD: ("livelihood_by_employment",),
    services.QUALIFICATION: ("qualification_in_germany",),
}


class WhatIfForm(KernFormMixin, forms.Form):
    """Hypothetical changes, each from a date, and the date to look at. A group counts once anything in it
    (other than a check box) is filled in; then its required fields must be complete."""

    as_of = _date(_("Stichtag der Betrachtung"), required=True,
                  help_text=_("Der Tag, für den geprüft wird – auch ein Tag in der Zukunft."))
    certificate_level = _select(_("Niveau"), [("", _("bitte wählen")), *[(level, level) for level in CEFR]])
    certificate_scope = _select(_("Umfang"), SCOPES)
    certificate_on = _date(_("Datum des Zertifikats"))
    employment_on = _date(_("Beschäftigt ab"))
    employment_hours = forms.DecimalField(label=_("Stunden pro Woche"), required=False, min_value=1, max_value=80,
                                          max_digits=4, decimal_places=1)
    employment_insured = _check(_("sozialversicherungspflichtig"))
    livelihood_on = _date(_("Lebensunterhalt gesichert ab"))
    livelihood_by_employment = _check(_("überwiegend durch Erwerbstätigkeit"))
    passport_on = _date(_("Pass gültig ab"))
    passport_until = _date(_("Pass gültig bis"))
    identity_on = _date(_("Identität geklärt am"))
    qualification_kind = _select(_("Abschluss"), QUALIFICATIONS)
    qualification_on = _date(_("Abschluss erworben am"))
    qualification_in_germany = _check(_("in Deutschland erworben"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"as_of": today()})
        super().__init__(*args, **kwargs)
        apply_kern_classes(self)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "kern-form-check__checkbox"
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def groups(self) -> list[dict[str, Any]]:
        """The fieldsets for the template."""
        out = []
        for legend, kind, date_field, others in GROUPS:
            names = [*others, date_field, *GROUP_CHECKS.get(kind, ())]
            out.append({"legend": legend, "kind": kind, "fields": [self[name] for name in names]})
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        as_of: date | None = data.get("as_of")
        required = {
            services.LANGUAGE_CERTIFICATE: {"certificate_level": _("Bitte das Niveau wählen."),
                                            "certificate_scope": _("Bitte den Umfang wählen.")},
            services.EMPLOYMENT: {"employment_hours": _("Bitte die Stunden pro Woche angeben.")},
            services.QUALIFICATION: {"qualification_kind": _("Bitte den Abschluss wählen.")},
        }
        for _legend, kind, date_field, others in GROUPS:
            if not any(data.get(name) not in (None, "") for name in (date_field, *others)):
                continue
            if date_field in self.errors or any(name in self.errors for name in others):
                continue
            on = data.get(date_field)
            if on is None:
                self.add_error(date_field, DATE_REQUIRED)
            elif as_of is not None and on > as_of:
                self.add_error(date_field, AFTER_AS_OF)
            for name, message in required.get(kind, {}).items():
                if data.get(name) in (None, ""):
                    self.add_error(name, message)
        return data

    def changes(self) -> list[services.Change]:
        """The chosen changes (call after ``is_valid``)."""
        d = self.cleaned_data
        out: list[services.Change] = []
        if d.get("certificate_on"):
            out.append(services.Change(services.LANGUAGE_CERTIFICATE, d["certificate_on"],
                                       {"level": d["certificate_level"], "scope": d["certificate_scope"]}))
        if d.get("employment_on"):
            out.append(services.Change(services.EMPLOYMENT, d["employment_on"], {
                "hours_per_week": d["employment_hours"], "social_insurance": bool(d.get("employment_insured"))}))
        if d.get("livelihood_on"):
            out.append(services.Change(services.LIVELIHOOD, d["livelihood_on"],
                                       {"by_employment": bool(d.get("livelihood_by_employment"))}))
        if d.get("passport_on"):
            out.append(services.Change(services.PASSPORT, d["passport_on"], {"valid_until": d.get("passport_until")}))
        if d.get("identity_on"):
            out.append(services.Change(services.IDENTITY, d["identity_on"]))
        if d.get("qualification_on"):
            out.append(services.Change(services.QUALIFICATION, d["qualification_on"], {
                "kind": d["qualification_kind"], "obtained_in_germany": bool(d.get("qualification_in_germany"))}))
        return out

    def field_for_pointer(self, pointer: str) -> str | None:
        """The form field an engine error (JSON pointer into the situation) most likely concerns."""
        parts = pointer.strip("/").split("/")
        top, leaf = parts[0], parts[-1]
        mapping = {
            ("as_of", "as_of"): "as_of",
            ("passports", "valid_until"): "passport_until",
            ("passports", "valid_from"): "passport_on",
            ("employment", "hours_per_week"): "employment_hours",
            ("employment", "starts_on"): "employment_on",
            ("language_certificates", "issued_on"): "certificate_on",
            ("livelihood", "period_from"): "livelihood_on",
            ("qualifications", "obtained_on"): "qualification_on",
            ("identity", "clarified_on"): "identity_on",
        }
        return mapping.get((top, leaf))


class SnapshotForm(forms.Form):
    """Store today's (or the shown date's) assessment; the button pressed gives the purpose."""

    purpose = forms.ChoiceField(choices=SnapshotPurpose.choices)
    as_of = forms.DateField()
    note = forms.CharField(label=_("Vermerk"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "kern-form-input__input"}))
    decision_reference = forms.CharField(label=_("Bezug der Entscheidung (z. B. Aktenzeichen des Antrags)"),
                                         required=False, max_length=100,
                                         widget=forms.TextInput(attrs={"class": "kern-form-input__input"}))
