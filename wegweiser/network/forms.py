"""Forms of the network directory and of referrals. They parse and present; saving is in the services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.roles import EXTERNAL_ROLES
from wegweiser.counselling.models import Protocol
from wegweiser.persons import codes
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import Contact, Organisation, OrganisationKind
from .services.directory import CONTACT_FIELDS, ORGANISATION_FIELDS, DirectoryFilter
from .topics import Topic

_LANGUAGES_HELP = _("Sprachcodes nach ISO 639, durch Kommas getrennt, z. B. „de, ar, fa, uk“.")


class LanguageListField(forms.CharField):
    """A list of language codes typed as "de, ar, fa"; stored as a JSON list without duplicates."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Sprachen"))
        kwargs.setdefault("help_text", _LANGUAGES_HELP)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        parts = [p.strip().lower() for p in re.split(r"[,;\s]+", text) if p.strip()]
        unknown = [p for p in parts if not codes.is_language(p)]
        if unknown:
            raise forms.ValidationError(
                _("Unbekannter Sprachcode: %(codes)s. Bitte ISO-639-Codes wie „ar“ oder „fa“ angeben.")
                % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(parts))


def _topic_widget() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})


class VersionedForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    fields_saved: tuple[str, ...] = ()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.fields_saved}


class OrganisationForm(VersionedForm):
    fields_saved = ORGANISATION_FIELDS

    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Bitte geben Sie den Namen der Organisation an.")})
    kind = forms.ChoiceField(label=_("Art"), choices=OrganisationKind.choices)
    languages = LanguageListField(help_text=_("Sprachen, in denen beraten wird: ISO-639-Codes, durch Kommas getrennt, "
                                             "z. B. „de, ar, fa, uk“."))
    topics = forms.MultipleChoiceField(label=_("Themen"), choices=Topic.choices, required=False)
    address = forms.CharField(label=_("Anschrift"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label=_("Telefon"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False,
                             error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben.")})
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https",
                             error_messages={"invalid": _("Bitte eine gültige Internetadresse angeben.")})
    opening_hours = forms.CharField(label=_("Öffnungszeiten"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Erscheint auf dem Blatt „Angebote für Sie“ so, wie es hier steht."))
    active = forms.BooleanField(
        label=_("aktiv"), required=False, initial=True,
        help_text=_("Inaktive Einträge werden nicht mehr angeboten, bleiben aber für Einwilligungen und "
                    "Vermittlungen erhalten."),
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        if organisation is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {**{n: getattr(organisation, n) for n in ORGANISATION_FIELDS},
                                 "version": organisation.version}
        super().__init__(*args, **kwargs)
        _apply_kern(self)
        self.fields["topics"].widget = _topic_widget()
        self.fields["topics"].widget.choices = self.fields["topics"].choices


def _linkable_accounts(contact: Contact | None) -> Any:
    """Active external accounts not yet tied to another contact (and the one tied to this contact)."""
    taken = Contact.objects.exclude(account__isnull=True)
    if contact is not None:
        taken = taken.exclude(pk=contact.pk)
    return (get_user_model().objects.filter(is_active=True, role__in=[str(r) for r in EXTERNAL_ROLES])
            .exclude(pk__in=taken.values("account")).order_by("last_name", "username"))


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.username})"


class ContactForm(VersionedForm):
    fields_saved = CONTACT_FIELDS

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False,
        empty_label=_("keine (z. B. Ehrenamtliche)"),
        error_messages={"invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Bitte geben Sie den Namen an.")})
    function = forms.CharField(label=_("Funktion"), max_length=200, required=False,
                               help_text=_("z. B. Beraterin MBE, ehrenamtliche Patin"))
    languages = LanguageListField()
    email = forms.EmailField(label=_("E-Mail"), required=False,
                             error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben.")})
    phone = forms.CharField(label=_("Telefon"), max_length=64, required=False)
    account = AccountChoiceField(
        label=_("Benutzerkonto"), queryset=None, required=False, empty_label=_("kein Konto"),
        help_text=_("Das externe Konto, mit dem sich diese Person anmeldet. Was sie sehen darf, regeln "
                    "Einwilligungen."),
        error_messages={"invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    active = forms.BooleanField(
        label=_("aktiv"), required=False, initial=True,
        help_text=_("Inaktive Einträge werden nicht mehr angeboten, bleiben aber für Einwilligungen und "
                    "Vermittlungen erhalten."),
    )

    def __init__(self, *args: Any, contact: Contact | None = None, **kwargs: Any) -> None:
        if contact is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {**{n: getattr(contact, n) for n in CONTACT_FIELDS}, "version": contact.version}
        super().__init__(*args, **kwargs)
        current = contact.organisation_id if contact else None
        self.fields["organisation"].queryset = Organisation.objects.filter(Q(active=True) | Q(pk=current))
        self.fields["account"].queryset = _linkable_accounts(contact)
        _apply_kern(self)


class ReferralForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(),
        error_messages={"required": _("Bitte wählen Sie die Organisation."),
                        "invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    contact = forms.ModelChoiceField(
        label=_("Kontaktperson"), queryset=Contact.objects.none(), required=False, empty_label=_("keine bestimmte"),
        error_messages={"invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    reason = forms.CharField(label=_("Anlass"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Wobei die Stelle helfen soll, z. B. Anerkennung des Berufsabschlusses."),
                             error_messages={"required": _("Bitte nennen Sie den Anlass der Vermittlung.")})
    # The counselling protocol the referral comes from (preset by the protocol page); the service checks
    # that it belongs to the person.
    protocol = forms.ModelChoiceField(
        label=_("Beratungsprotokoll"), queryset=None, required=False, widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Das Beratungsprotokoll gibt es nicht mehr. Bitte legen Sie die "
                                            "Vermittlung ohne Protokoll an.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["protocol"].queryset = Protocol.objects.all()
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True).order_by("name")
        self.fields["contact"].queryset = Contact.objects.filter(active=True).select_related("organisation")
        _apply_kern(self)


class DirectoryFilterForm(forms.Form):
    """The directory's filters (GET). Bad values are ignored rather than shown as errors."""

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Art"), required=False)
    language = forms.ChoiceField(label=_("Sprache"), required=False)
    topic = forms.ChoiceField(label=_("Thema"), required=False)
    inactive = forms.BooleanField(label=_("auch inaktive Einträge"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("alle Arten")), *OrganisationKind.choices]
        self.fields["topic"].choices = [("", _("alle Themen")), *Topic.choices]
        self.fields["language"].choices = [("", _("alle Sprachen")), *_directory_languages()]
        for name in ("kind", "language", "topic"):
            self.fields[name].widget.attrs["class"] = "kern-form-input__select"
        self.fields["q"].widget.attrs["class"] = "kern-form-input__input"
        self.fields["inactive"].widget.attrs["class"] = "kern-form-check__checkbox"

    def directory_filter(self) -> DirectoryFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilter(kind=data.get("kind", ""), language=data.get("language", ""),
                               topic=data.get("topic", ""), text=(data.get("q") or "").strip(),
                               include_inactive=bool(data.get("inactive")))


def _directory_languages() -> list[tuple[str, str]]:
    """The languages that occur in the directory, by display name (a filter offering 180 languages helps nobody)."""
    found: set[str] = set()
    for values in (*Organisation.objects.values_list("languages", flat=True),
                   *Contact.objects.values_list("languages", flat=True)):
        found.update(values or [])
    return sorted(((c, codes.language_name(c)) for c in found), key=lambda p: p[1].casefold())
