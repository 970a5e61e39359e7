"""Forms of the lottery: opening a round (staff) and entering one (public, client texts).

They check the shape of the input; ``services.lottery`` decides and says why.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.core.forms import DateInput
from wegweiser.persons.forms import KernFormMixin, KernSelect

from ..models import Service
from ..services import bot_defence

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
_DATETIME_ERRORS = {"invalid": _("Bitte Datum und Uhrzeit angeben, z. B. 14.03.2027 08:00."),
                    "required": _("Bitte Datum und Uhrzeit angeben.")}
_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte ein Datum angeben.")}


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time field (local time of the office)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"class": "kern-form-input__input", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class RoundForm(KernFormMixin, forms.Form):
    """A new round: which service, when requests are taken, and the days whose free slots are drawn."""

    service = forms.ModelChoiceField(
        label=_("Leistung"), queryset=Service.objects.none(), widget=KernSelect,
        error_messages={"required": _("Bitte eine Leistung wählen."),
                        "invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")})
    opens_at = forms.DateTimeField(label=_("Anfragen ab"), widget=DateTimeLocalInput(),
                                   input_formats=DATETIME_FORMATS, error_messages=_DATETIME_ERRORS)
    closes_at = forms.DateTimeField(
        label=_("Anfragen bis"), widget=DateTimeLocalInput(), input_formats=DATETIME_FORMATS,
        error_messages=_DATETIME_ERRORS,
        help_text=_("Danach wird verlost (automatisch oder mit „Jetzt verlosen“)."))
    first_day = forms.DateField(label=_("Termine vom"), widget=DateInput(attrs={"class": "kern-form-input__input"}),
                                error_messages=_DATE_ERRORS)
    last_day = forms.DateField(
        label=_("Termine bis"), widget=DateInput(attrs={"class": "kern-form-input__input"}),
        error_messages=_DATE_ERRORS,
        help_text=_("Alle freien Zeitfenster der Schalter dieser Leistung in diesen Tagen, die nach dem Ende der "
                    "Anfragefrist beginnen, werden für die Verlosung zurückgehalten."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(active=True)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Das Ende der Anfragefrist muss nach ihrem Beginn liegen."))
        if data.get("first_day") and data.get("last_day") and data["last_day"] < data["first_day"]:
            self.add_error("last_day", _("Der letzte Tag darf nicht vor dem ersten liegen."))
        return data


class EntryForm(forms.Form):
    """A request to take part (public): name, e-mail, the data notice, and a field only bots fill in."""

    name = forms.CharField(
        label=pgettext_lazy("client", "Ihr Name"), max_length=200,
        widget=forms.TextInput(attrs={"class": "kern-form-input__input", "autocomplete": "name", "dir": "auto"}),
        error_messages={"required": pgettext_lazy("client", "Bitte geben Sie Ihren Namen ein."),
                        "max_length": pgettext_lazy("client", "Der Name ist zu lang.")})
    email = forms.EmailField(
        label=pgettext_lazy("client", "Ihre E-Mail-Adresse"), max_length=254,
        help_text=pgettext_lazy("client", "Dorthin schicken wir das Ergebnis der Verlosung."),
        widget=forms.EmailInput(attrs={"class": "kern-form-input__input", "autocomplete": "email", "dir": "ltr"}),
        error_messages={"required": pgettext_lazy("client", "Bitte geben Sie Ihre E-Mail-Adresse ein."),
                        "invalid": pgettext_lazy("client", "Bitte prüfen Sie die E-Mail-Adresse. Beispiel: "
                                                           "name@example.org"),
                        "max_length": pgettext_lazy("client", "Die E-Mail-Adresse ist zu lang.")})
    data_notice = forms.BooleanField(
        label=pgettext_lazy("client", "Ich habe die Hinweise zum Datenschutz gelesen."),
        widget=forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}),
        error_messages={"required": pgettext_lazy("client", "Bitte bestätigen Sie die Hinweise zum Datenschutz.")})
    # Hidden from people (CSS and aria-hidden in the template); a bot that fills every field gives itself away.
    website = forms.CharField(required=False, label=pgettext_lazy("client", "Bitte lassen Sie dieses Feld leer."),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    # Signed time the form was issued (services.bot_defence): a post faster than a person can type is refused.
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["stamp"] = bot_defence.stamp()
        else:  # a re-rendered form keeps its stamp while valid, so the time already spent counts
            data = self.data.copy()
            data["stamp"] = bot_defence.restamp(self.data.get("stamp", ""))
            self.data = data

    def is_bot(self) -> bool:
        return not bot_defence.honeypot_ok(self.data.get("website", ""))

    def clean(self) -> dict:
        data = super().clean()
        if not bot_defence.stamp_ok(data.get("stamp", "")):  # a form-wide message: the field is hidden
            self.add_error(None, forms.ValidationError(pgettext_lazy(
                "client", "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal."),
                code="too_fast"))
        return data

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                hint = f"id_{name}_helptext " if self.fields[name].help_text else ""
                widget.attrs["aria-describedby"] = f"{hint}id_{name}_error"
