"""Forms of the partner pages (evidence, message) and of the staff inbox (filter, verify, reject, answer).

A file's type and size are checked again by the documents service (by content, not by name)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.documents.checks import megabytes, size_limit_message
from wegweiser.documents.forms import FactChoiceField, person_fact_choices
from wegweiser.documents.models import DocumentKind
from wegweiser.facts.registry import BY_SLUG
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import SubmissionKind

_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _kern(form: forms.Form) -> None:
    """KERN classes; hints and errors tied to their inputs (ids as in ``persons/includes/field.html``)."""
    _apply_kern(form)  # type: ignore[arg-type]


class EvidenceForm(KernFormMixin, forms.Form):
    file = forms.FileField(label=_("Datei"), widget=forms.FileInput(attrs={"accept": _ACCEPT}),
                           error_messages={"required": _("Bitte wählen Sie die Datei des Nachweises."),
                                           "empty": _("Die Datei ist leer.")})
    kind = forms.ChoiceField(label=_("Art des Nachweises"),
                             error_messages={"required": _("Bitte wählen Sie die Art des Nachweises.")})
    title = forms.CharField(label=_("Bezeichnung"), max_length=200,
                            help_text=_("z. B. „Zertifikat Deutsch B1, telc“"),
                            error_messages={"required": _("Bitte geben Sie an, was der Nachweis belegt "
                                                          "(Bezeichnung).")})
    text = forms.CharField(label=_("Hinweis an die Behörde"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, allow_medical: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [(v, label) for v, label in DocumentKind.choices if allow_medical or v != DocumentKind.MEDICAL]
        self.fields["kind"].choices = [("", _("bitte wählen")), *kinds]
        self.fields["file"].help_text = _("PDF, JPEG oder PNG, höchstens %(limit)s MB.") % {
            "limit": megabytes(settings.DOCUMENT_MAX_BYTES)}
        _kern(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.DOCUMENT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(size_limit_message(limit, upload.size), code="size")
        return upload


class MessageForm(KernFormMixin, forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200,
                              error_messages={"required": _("Bitte geben Sie einen Betreff an.")})
    text = forms.CharField(label=_("Nachricht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": _("Bitte schreiben Sie Ihre Nachricht.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern(self)


class FilterForm(forms.Form):
    """The inbox filter (GET); unknown values fall back to the defaults."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("offen", _("offen")), ("erledigt", _("bearbeitet")), ("alle", _("alle"))])
    art = forms.ChoiceField(label=_("Art"), required=False,
                            choices=[("", _("alle")), *SubmissionKind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern(self)

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return "offen", ""
        return self.cleaned_data.get("status") or "offen", self.cleaned_data.get("art") or ""


class _HandleForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VerifyForm(_HandleForm):
    fact = FactChoiceField(label=_("Nachweis für"), required=False,
                           help_text=_("Optional: der Eintrag in der Akte, den dieser Nachweis belegt."))
    note = forms.CharField(label=_("Mitteilung an den Absender"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["fact"].choices = [("", _("kein Eintrag")), *person_fact_choices(user, person)]
        _kern(self)

    def clean_fact(self) -> Any:
        value = self.cleaned_data.get("fact") or ""
        if not value:
            return None
        slug, _sep, pk = value.partition(":")
        kind = BY_SLUG.get(slug)
        fact = kind.model.objects.filter(pk=pk, person=self.person).first() if kind and pk.isdigit() else None
        if fact is None:
            raise forms.ValidationError(_("Der gewählte Eintrag gehört nicht zu dieser Person."), code="foreign_fact")
        return fact


class RejectForm(_HandleForm):
    reason = forms.CharField(label=_("Grund der Zurückweisung"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Der Absender liest diesen Grund."),
                             error_messages={"required": _("Bitte nennen Sie den Grund der Zurückweisung; der "
                                                           "Absender liest ihn.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern(self)


class AnswerForm(_HandleForm):
    answer = forms.CharField(label=_("Antwort"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("Der Absender liest diese Antwort."),
                             error_messages={"required": _("Bitte schreiben Sie eine Antwort.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern(self)
