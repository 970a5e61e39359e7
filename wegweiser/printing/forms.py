"""The form for recording that a copy of a counselling protocol was handed over."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import HandoverMethod


class HandoverForm(KernFormMixin, forms.Form):
    prefix = "handover"

    language = forms.ChoiceField(
        label=_("Sprache der Ausfertigung"), choices=settings.CLIENT_LANGUAGES,
        error_messages={"required": _("Bitte wählen Sie die Sprache der übergebenen Ausfertigung."),
                        "invalid_choice": _("Diese Sprache gibt es für die Ausfertigung nicht.")},
    )
    how = forms.ChoiceField(
        label=_("Art der Übergabe"), choices=HandoverMethod.choices,
        error_messages={"required": _("Bitte geben Sie an, wie die Ausfertigung übergeben wurde."),
                        "invalid_choice": _("Bitte wählen Sie eine der angebotenen Arten der Übergabe.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
