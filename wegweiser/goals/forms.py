"""Forms for Zielvereinbarungen: the agreement itself, a status change, the signed copy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.roles import CASE_ROLES, EXTERNAL_ROLES
from wegweiser.core.forms import DateInput
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import GoalStatus, ResponsibleKind, Zielvereinbarung
from .services.agreements import GOAL_FIELDS
from .services.transitions import allowed_next

_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben.")}


def _responsible_users() -> Any:
    """Staff who can hold a goal: case workers, and the external KIM and partner accounts."""
    roles = [str(r) for r in (*CASE_ROLES, *EXTERNAL_ROLES)]
    return get_user_model().objects.filter(is_active=True, role__in=roles).order_by("last_name", "username")


class GoalForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Ziel"), max_length=300,
                            error_messages={"required": _("Bitte nennen Sie das Ziel.")})
    indicator = forms.CharField(
        label=_("Messbarer Indikator"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Woran erkennbar ist, dass das Ziel erreicht ist."),
        error_messages={"required": _("Bitte beschreiben Sie, woran erkennbar ist, dass das Ziel erreicht ist.")},
    )
    due_date = forms.DateField(label=_("Zieldatum"), required=False, widget=DateInput(), error_messages=_DATE_ERRORS)
    next_review = forms.DateField(label=_("Nächste Überprüfung"), required=False, widget=DateInput(),
                                  error_messages=_DATE_ERRORS,
                                  help_text=_("An diesem Tag werden Sie erinnert."))
    responsible_kind = forms.ChoiceField(label=_("Verantwortlich"), choices=ResponsibleKind.choices)
    responsible_name = forms.CharField(
        label=_("Name der verantwortlichen Stelle"), max_length=200, required=False,
        help_text=_("z. B. die Beratungsstelle oder die Person im KIM-Fallmanagement"),
    )
    responsible_user = forms.ModelChoiceField(
        label=_("Verantwortliches Benutzerkonto"), queryset=None, required=False, empty_label=_("kein Konto"),
    )
    support = forms.CharField(label=_("Angebotene Unterstützung"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.CharField(label=_("Sprache des Ausdrucks"), max_length=8, required=False,
                               help_text=_("ISO-639-1-Code, z. B. ar, fa, uk"))
    pathway = forms.CharField(required=False, widget=forms.HiddenInput)
    condition = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, goal: Zielvereinbarung | None = None, **kwargs: Any) -> None:
        if goal is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = initial_for(goal)
        super().__init__(*args, **kwargs)
        self.fields["responsible_user"].queryset = _responsible_users()
        _apply_kern(self)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in GOAL_FIELDS}


def initial_for(goal: Zielvereinbarung) -> dict[str, Any]:
    """Form values of a stored goal (also the "stored" column after a stale edit)."""
    values = {name: getattr(goal, name) for name in GOAL_FIELDS if name != "responsible_user"}
    values["responsible_user"] = goal.responsible_user_id
    values["version"] = goal.version
    return values


class StatusForm(KernFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Neuer Status"),
                                  error_messages={"required": _("Bitte wählen Sie den neuen Status.")})
    reason = forms.CharField(label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Steht in der Verlaufsübersicht."))
    expected_status = forms.ChoiceField(choices=GoalStatus.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, goal: Zielvereinbarung, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"expected_status": goal.status})
        super().__init__(*args, **kwargs)
        # Every status is accepted here so that the service gives its clear message for a refused one.
        self.fields["to_status"].choices = [("", _("bitte wählen")), *[
            (value, GoalStatus(value).label) for value in allowed_next(goal.status)
        ]]
        self.fields["to_status"].valid_value = lambda value: value in GoalStatus.values
        _apply_kern(self)


class SignedCopyForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Unterschriebene Zielvereinbarung (Scan)"),
        help_text=_("PDF, JPEG oder PNG"),
        error_messages={"required": _("Bitte wählen Sie die Datei aus.")},
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
