"""Forms: record a consent (recipient from the network directory, categories, purpose, validity, signature)
and revoke one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.policy import DataCategory
from wegweiser.core.forms import DateInput
from wegweiser.network.models import Contact, Organisation
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .categories import LABELS
from .models import SignedHow
from .services import default_valid_until, today

_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte ein Datum angeben.")}


def recipient_choices() -> list[tuple[str, Any]]:
    """Active organisations and contacts of the network directory, as ``org-<pk>`` / ``contact-<pk>``."""
    organisations = [(f"org-{o.pk}", o.name) for o in Organisation.objects.filter(active=True).order_by("name")]
    contacts = [(f"contact-{c.pk}", str(c)) for c in
                Contact.objects.filter(active=True).select_related("organisation").order_by("name")]
    return [("", _("– bitte wählen –")), (_("Organisationen"), organisations), (_("Personen"), contacts)]


class ConsentForm(KernFormMixin, forms.Form):
    recipient = forms.ChoiceField(
        label=_("Empfänger"), help_text=_("Eine Organisation oder eine Person aus dem Netzwerkverzeichnis."),
        error_messages={"required": _("Bitte wählen Sie den Empfänger.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Datenkategorien"), choices=[(c.value, label) for c, label in LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Datenkategorie.")},
    )
    purpose = forms.CharField(
        label=_("Zweck"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wofür der Empfänger die Angaben braucht, z. B. „Begleitung bei der Arbeitssuche“."),
        error_messages={"required": _("Bitte nennen Sie den Zweck.")},
    )
    valid_from = forms.DateField(label=_("gültig ab"), widget=DateInput(), error_messages=_DATE_ERRORS)
    valid_until = forms.DateField(label=_("gültig bis"), widget=DateInput(), error_messages=_DATE_ERRORS,
                                  help_text=_("Üblich ist ein Jahr; höchstens zwei Jahre."))
    signed_how = forms.ChoiceField(label=_("Unterschrift"), choices=SignedHow.choices, widget=forms.RadioSelect,
                                   initial=SignedHow.IN_OFFICE)
    signed_on = forms.DateField(label=_("unterschrieben am"), widget=DateInput(), error_messages=_DATE_ERRORS)
    signed_scan = forms.FileField(
        label=_("Unterschriebene Erklärung (Scan)"), required=False,
        help_text=_("Nur bei „eingescannt“: PDF, JPEG oder PNG. Der Scan wird zu den Dokumenten der Person gelegt."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, recipient: str = "", **kwargs: Any) -> None:
        """``recipient`` presets the recipient (e.g. a supporter named in a counselling protocol), if it is one
        of the active choices; anything else is ignored."""
        if not args and "initial" not in kwargs:
            start = today()
            kwargs["initial"] = {"valid_from": start, "valid_until": default_valid_until(start), "signed_on": start,
                                 "categories": [DataCategory.IDENTITY.value], "signed_how": SignedHow.IN_OFFICE}
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = recipient_choices()
        if recipient and not args and recipient in {value for _label, group in self.fields["recipient"].choices[1:]
                                                    for value, _name in group}:
            self.initial["recipient"] = recipient
        _apply_kern(self)
        for name in ("categories", "signed_how"):
            self.fields[name].widget.attrs.pop("class", None)
            self.fields[name].widget.attrs["class"] = "kern-form-check__checkbox" if name == "categories" \
                else "kern-form-check__radio"

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        kind, _sep, pk = data.pop("recipient").partition("-")
        data["recipient_organisation"] = Organisation.objects.filter(pk=pk).first() if kind == "org" else None
        data["recipient_contact"] = Contact.objects.filter(pk=pk).first() if kind == "contact" else None
        data.pop("signed_scan", None)
        return data


class RevokeForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Grund des Widerrufs"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("z. B. „Widerruf durch die Person am Schalter, schriftlich“"),
        error_messages={"required": _("Bitte nennen Sie den Grund des Widerrufs.")},
    )
    confirm = forms.BooleanField(
        label=_("Ich bestätige den Widerruf. Er gilt sofort und kann nicht rückgängig gemacht werden."),
        error_messages={"required": _("Bitte bestätigen Sie den Widerruf.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
