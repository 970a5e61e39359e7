"""ModelForms for every fact kind, built from the registry so that all 18 kinds behave alike."""

from __future__ import annotations

from functools import cache

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput

from .models import CheckedList, Fact, FactSource, ListCheck

#: Set by the service, never by the form.
EXCLUDED_FIELDS = ("person", "recorded_by", "recorded_at", "version")


class KernSelect(forms.Select):
    """A select inside the KERN wrapper (which draws the arrow and the focus ring)."""

    template_name = "facts/widgets/kern_select.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"class": "kern-form-input__select", **(attrs or {})}, choices=choices)


class YesNoUnknownSelect(KernSelect):
    """Yes / no / not known. "unbekannt" is the empty choice so an untouched answer stays unknown (null)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("unbekannt")), ("true", _("ja")), ("false", _("nein"))])

    def format_value(self, value):
        if value in (True, "True", "true", "1"):
            return ["true"]
        if value in (False, "False", "false", "0"):
            return ["false"]
        return [""]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "True": True, "false": False, "False": False}.get(value)


def _widget_for(field: models.Field, form_field: forms.Field) -> forms.Widget:
    if isinstance(field, models.BooleanField):
        return YesNoUnknownSelect()
    if isinstance(field, models.DateField):
        return DateInput(attrs={"class": "kern-form-input__input"})
    if isinstance(form_field.widget, forms.Select):
        return KernSelect(choices=form_field.widget.choices)
    if isinstance(field, models.TextField):
        return forms.Textarea(attrs={"class": "kern-form-input__input", "rows": 4})
    widget = form_field.widget
    widget.attrs.setdefault("class", "kern-form-input__input")
    return widget


def _formfield_callback(field: models.Field, **kwargs) -> forms.Field | None:
    form_field = field.formfield(**kwargs)
    if form_field is None:
        return None
    if isinstance(field, models.BooleanField):
        # A model BooleanField(null=True) becomes a NullBooleanField: never required, None for "unbekannt".
        form_field = forms.NullBooleanField(label=form_field.label, help_text=form_field.help_text, required=False)
    form_field.widget = _widget_for(field, form_field)
    if isinstance(form_field, forms.TypedChoiceField) and not field.blank:
        # Drop Django's "---------" placeholder text in favour of a German prompt.
        form_field.choices = [("", _("bitte wählen")), *[c for c in form_field.choices if c[0] != ""]]
        form_field.widget.choices = form_field.choices
    return form_field


class FactForm(forms.ModelForm):
    """Base for the generated forms: adds the version for optimistic locking and accessible descriptions."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        # Stored values before the form touches the instance, to tell real changes from re-typed ones.
        self._stored = {name: getattr(self.instance, name, None) for name in self.fields if name != "version"}
        for name, field in self.fields.items():
            if field.help_text and not field.widget.is_hidden:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [i for i in widget.attrs.get("aria-describedby", "").split() if i]
                widget.attrs["aria-describedby"] = " ".join([*ids, f"id_{name}_error"])
                widget.attrs["aria-invalid"] = "true"

    def changed_fact_fields(self) -> list[str]:
        """Names of model fields whose stored value changes (for the update and the audit trail).

        Compared on the cleaned model values, so "sy" re-typed for a stored "SY" is no change.
        """
        return [name for name, before in self._stored.items() if getattr(self.instance, name, None) != before]


@cache
def form_for(model: type[Fact]) -> type[FactForm]:
    """One ModelForm class per fact model, with the kind's own fields first and provenance last."""
    specific = [
        f.name for f in model._meta.concrete_fields
        if f.editable and f.name not in EXCLUDED_FIELDS and f.name not in ("id", "source", "source_date", "note")
    ]
    return forms.modelform_factory(
        model, form=FactForm, fields=[*specific, "source", "source_date", "note"],
        formfield_callback=_formfield_callback,
    )


class ListCheckForm(forms.ModelForm):
    """“Keine Einträge – geprüft am …”: one check of one list; ``subjects`` are those the user may record."""

    class Meta:
        model = ListCheck
        fields = ["subject", "checked_on", "source", "note"]

    def __init__(self, *args, subjects: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name] = _formfield_callback(ListCheck._meta.get_field(name))
        allowed = [c for c in CheckedList.choices if subjects is None or c[0] in subjects]
        subject = self.fields["subject"]
        subject.choices = [("", _("bitte wählen")), *allowed]
        subject.widget.choices = subject.choices
        self.fields["source"].initial = FactSource.VERIFIED
