"""The upload form. The file's type is checked by content in the service, not here by name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.facts import access as fact_access
from wegweiser.facts.display import fact_title
from wegweiser.facts.forms import KernSelect
from wegweiser.facts.models import Fact
from wegweiser.facts.registry import BY_SLUG, FACT_KINDS

from .checks import megabytes, size_limit_message
from .models import DocumentKind


def person_fact_choices(user: Any, person: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """The person's facts the user may see, grouped by kind; values are ``<kind slug>:<pk>``."""
    groups = []
    for kind in FACT_KINDS:
        if not fact_access.view_decision(user, person, kind):
            continue
        facts = list(kind.model.objects.filter(person=person))
        if facts:
            groups.append((kind.label, [(f"{kind.slug}:{fact.pk}", fact_title(fact)) for fact in facts]))
    return groups


class FactChoiceField(forms.ChoiceField):
    """Offers the person's facts; the posted value is checked against the database in ``clean_fact``."""

    def valid_value(self, value: str) -> bool:
        return True


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        widget=forms.FileInput(
            attrs={"class": "kern-form-input__input", "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=[("", _("bitte wählen")), *DocumentKind.choices], widget=KernSelect)
    title = forms.CharField(
        label=_("Bezeichnung"), max_length=200, widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
        help_text=_("z. B. „Zertifikat Deutsch B1, telc“"),
    )
    fact = FactChoiceField(
        label=_("Nachweis für"), required=False, widget=KernSelect,
        help_text=_("Der Eintrag in der Akte, den dieses Dokument belegt."),
    )

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["fact"].choices = [("", _("kein Eintrag")), *person_fact_choices(user, person)]
        self.fields["file"].help_text = _("PDF, JPEG oder PNG, höchstens %(limit)s MB.") % {
            "limit": megabytes(settings.DOCUMENT_MAX_BYTES),
        }
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def fact_values(self) -> set[str]:
        return {value for _group, options in self.fields["fact"].choices[1:] for value, _label in options}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DOCUMENT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(size_limit_message(limit, upload.size), code="size")
        return upload

    def clean_fact(self) -> Fact | None:
        value = self.cleaned_data.get("fact") or ""
        if not value:
            return None
        slug, _sep, pk = value.partition(":")
        kind = BY_SLUG.get(slug)
        fact = kind.model.objects.filter(pk=pk, person=self.person).first() if kind and pk.isdigit() else None
        if fact is None:
            raise forms.ValidationError(_("Der gewählte Eintrag gehört nicht zu dieser Person."), code="foreign_fact")
        return fact
