"""Forms of the proactive service: they parse dates and choices; the rules (timely, no future dates) live in
``services.invitations`` and come back onto the fields through ``add_service_error``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput, apply_kern_classes
from wegweiser.persons.forms import KernFormMixin, KernSelect

from ..models import Service

DATE_ERRORS = {"required": _("Bitte ein Datum angeben."), "invalid": _("Bitte ein gültiges Datum angeben.")}


class InviteForm(KernFormMixin, forms.Form):
    """Which service the offered appointment is for (asked only when the catalogue has no renewal service)."""

    service = forms.ModelChoiceField(
        label=_("Leistung für den Termin"), queryset=Service.objects.none(), widget=KernSelect,
        error_messages={"required": _("Bitte eine Leistung wählen."),
                        "invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")})

    def __init__(self, *args: Any, need_service: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(active=True)
        if not need_service:
            del self.fields["service"]
        apply_kern_classes(self)


class ApplicationForm(KernFormMixin, forms.Form):
    applied_on = forms.DateField(label=_("Antrag gestellt am"), widget=DateInput, error_messages=DATE_ERRORS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_kern_classes(self)


class FiktionForm(KernFormMixin, forms.Form):
    issued_on = forms.DateField(label=_("ausgestellt am"), widget=DateInput, error_messages=DATE_ERRORS)
    document_number = forms.CharField(
        label=_("Nummer der Bescheinigung"), max_length=64,
        error_messages={"required": _("Bitte die Nummer der Bescheinigung angeben.")})
    valid_until = forms.DateField(
        label=_("gültig bis (laut Bescheinigung)"), required=False, widget=DateInput, error_messages=DATE_ERRORS,
        help_text=_("Leer lassen, wenn die Bescheinigung bis zur Entscheidung gilt."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_kern_classes(self)
