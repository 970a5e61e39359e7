"""Form helpers shared by all apps."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .partial_dates import PartialDate


class PartialDateFormField(forms.CharField):
    """Accepts 14.03.1990, 00.03.1990, 00.00.1990, 03.1990, 1990 or ISO dates; rejects impossible dates."""

    default_error_messages = {
        "invalid": _(
            "Bitte ein gültiges Datum angeben, z. B. 14.03.1990 oder 00.00.1990, wenn Tag und Monat unbekannt sind."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", _("TT.MM.JJJJ; unbekannte Teile als 00"))
        super().__init__(*args, max_length=10, **kwargs)
        # max_length only sizes the input; the length check would run on the parsed PartialDate.
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def prepare_value(self, value):
        return str(value) if isinstance(value, PartialDate) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DateInput(forms.DateInput):
    """HTML date input so browsers offer their accessible date picker."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def apply_kern_classes(form: forms.BaseForm) -> None:
    """Give every widget its KERN UX class (selects, check boxes and text-like inputs differ)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "kern-form-input__select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "kern-form-check__input")
        else:
            widget.attrs.setdefault("class", "kern-form-input__input")
