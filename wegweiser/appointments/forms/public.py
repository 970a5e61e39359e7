"""Forms of the public booking pages. Labels and messages are what the person reads: context "client"."""

from __future__ import annotations

from datetime import time

from django import forms
from django.utils import formats
from django.utils.translation import pgettext_lazy

from ..services import bot_defence


def time_value(at: time) -> str:
    """The URL/form value of a start time, "0830"."""
    return at.strftime("%H%M")


def parse_time_value(value: str) -> time | None:
    if len(value) != 4 or not value.isdigit():
        return None
    hour, minute = int(value[:2]), int(value[2:])
    return time(hour, minute) if hour < 24 and minute < 60 else None


class _TimeField(forms.ChoiceField):
    """A start time among ``choices``; with ``any_time`` set, any well-formed time (the service decides)."""

    any_time = False

    def valid_value(self, value: str) -> bool:
        return parse_time_value(str(value)) is not None if self.any_time else super().valid_value(value)


class TimeChoiceForm(forms.Form):
    """Choose one of the free start times of a day (booking and rebooking).

    ``times=None`` accepts any well-formed time without knowing the free ones: the booking service checks
    under a lock whether it is free, so a submitted form need not ask the database twice. Set the choices with
    ``show_times`` before such a form is rendered again."""

    time = _TimeField(
        label=pgettext_lazy("client", "Uhrzeit"), widget=forms.RadioSelect,
        error_messages={"required": pgettext_lazy("client", "Bitte wählen Sie eine Uhrzeit."),
                        "invalid_choice": pgettext_lazy("client", "Diese Uhrzeit ist nicht mehr frei. Bitte "
                                                                  "wählen Sie eine andere Uhrzeit.")})

    def __init__(self, *args, times: list[time] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time"].any_time = times is None
        self.show_times(times or [])

    def show_times(self, times: list[time]) -> None:
        """The free times the form offers when it is rendered."""
        self.fields["time"].choices = [(time_value(t), formats.time_format(t, "TIME_FORMAT")) for t in times]

    def chosen_time(self) -> time:
        return parse_time_value(self.cleaned_data["time"])  # type: ignore[return-value]


class BookingForm(TimeChoiceForm):
    """Time and contact details; the honeypot and the signed timestamp keep simple bots out."""

    name = forms.CharField(
        label=pgettext_lazy("client", "Ihr Name"), max_length=200,
        error_messages={"required": pgettext_lazy("client", "Bitte geben Sie Ihren Namen ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "kern-form-input__input", "dir": "auto"}))
    email = forms.EmailField(
        label=pgettext_lazy("client", "Ihre E-Mail-Adresse"), max_length=254,
        help_text=pgettext_lazy("client", "Wir schicken Ihnen die Bestätigung und einen Link zum Absagen."),
        error_messages={"required": pgettext_lazy("client", "Bitte geben Sie Ihre E-Mail-Adresse ein."),
                        "invalid": pgettext_lazy("client", "Bitte prüfen Sie die E-Mail-Adresse. Beispiel: "
                                                           "name@example.org")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "kern-form-input__input", "dir": "ltr"}))
    phone = forms.CharField(
        label=pgettext_lazy("client", "Ihre Telefonnummer"), max_length=64, required=False,
        help_text=pgettext_lazy("client", "Nur wenn wir Sie anrufen sollen, falls sich etwas ändert."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "class": "kern-form-input__input",
                                      "dir": "ltr"}))
    consent = forms.BooleanField(
        label=pgettext_lazy("client", "Ich habe die Hinweise zum Datenschutz gelesen. Die Behörde darf meine "
                                      "Angaben für diesen Termin verwenden."),
        error_messages={"required": pgettext_lazy("client", "Bitte bestätigen Sie die Hinweise zum Datenschutz.")},
        widget=forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}))
    # Honeypot: hidden from people (and from screen readers); bots fill it.
    website = forms.CharField(required=False, label=pgettext_lazy("client", "Bitte lassen Sie dieses Feld leer."),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not bot_defence.honeypot_ok(cleaned.get("website", "")):
            raise forms.ValidationError(pgettext_lazy("client", "Ihre Anfrage konnte nicht angenommen werden."),
                                        code="honeypot")
        if not bot_defence.stamp_ok(cleaned.get("stamp", "")):
            raise forms.ValidationError(
                pgettext_lazy("client", "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal."),
                code="stamp")
        return cleaned
