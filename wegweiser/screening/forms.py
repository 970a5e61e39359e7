"""Forms of the worklists, the screening runs and the Lotse assignment. They parse; the rules live in
``worklists.py`` and ``assignment.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Team
from wegweiser.core.forms import DateInput
from wegweiser.persons import codes
from wegweiser.persons.forms import KernSelect
from wegweiser.persons.models import Nationality

from .assignment import lotsen
from .worklists import AGE_BANDS, DEFAULT_SORT, NONE, Filters, Worklist, pathway_label

INVALID_CHOICE = _("Bitte einen Eintrag aus der Liste wählen.")
NOT_A_LOTSE = _("Bitte eine Integrationslotsin oder einen Integrationslotsen aus der Liste wählen. Andere Konten "
                "können keine Personen begleiten.")


def _lotse_label(user: Any) -> str:
    return user.display_name


class WorklistFilterForm(forms.Form):
    """Filters and sort order of one list (GET). Unknown values are errors, not silently ignored."""

    team = forms.ChoiceField(label=_("Team"), required=False, widget=KernSelect,
                             error_messages={"invalid_choice": INVALID_CHOICE})
    lotse = forms.ChoiceField(label=_("Integrationslotse/-lotsin"), required=False, widget=KernSelect,
                              error_messages={"invalid_choice": INVALID_CHOICE})
    nationality = forms.ChoiceField(label=_("Staatsangehörigkeit"), required=False, widget=KernSelect,
                                    error_messages={"invalid_choice": INVALID_CHOICE})
    age = forms.ChoiceField(
        label=_("Alter"), required=False, widget=KernSelect, error_messages={"invalid_choice": INVALID_CHOICE},
        help_text=_("Grenzen nach § 25a AufenthG: ab 14 Jugendliche, Antrag vor dem 27. (bis 2022: 21.) "
                    "Geburtstag. Unbekannte Teile des Geburtsdatums zählen als frühestmöglicher Tag."),
    )
    pathway = forms.ChoiceField(label=_("Weg"), required=False, widget=KernSelect,
                                error_messages={"invalid_choice": INVALID_CHOICE})
    sort = forms.ChoiceField(
        label=_("Sortierung"), required=False, widget=KernSelect, error_messages={"invalid_choice": INVALID_CHOICE},
        choices=[
            ("datum", _("Datum, früheste zuerst")), ("-datum", _("Datum, späteste zuerst")),
            ("name", _("Name, A–Z")), ("-name", _("Name, Z–A")),
            ("aktenzeichen", _("Aktenzeichen, aufsteigend")), ("-aktenzeichen", _("Aktenzeichen, absteigend")),
        ],
    )

    def __init__(self, *args: Any, worklist: Worklist, persons: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.worklist = worklist
        everyone = [("", _("alle"))]
        self.fields["team"].choices = everyone + [(NONE, _("ohne Team"))] + [
            (str(t.pk), t.name) for t in Team.objects.order_by("name")]
        self.fields["lotse"].choices = everyone + [(NONE, _("niemand zugewiesen"))] + [
            (str(u.pk), _lotse_label(u)) for u in lotsen()]
        present = (Nationality.objects.filter(person__in=persons).values_list("code", flat=True)
                   .distinct().order_by("code"))
        self.fields["nationality"].choices = everyone + sorted(
            ((code, codes.country_name(code)) for code in present), key=lambda pair: pair[1].casefold())
        self.fields["age"].choices = everyone + [(key, label) for key, (label, _lo, _hi) in AGE_BANDS.items()]
        if worklist.pathways:
            self.fields["pathway"].choices = everyone + [(p, pathway_label(p)) for p in worklist.pathways]
        else:
            del self.fields["pathway"]

    def filters(self) -> Filters:
        """The valid filters (call after ``is_valid()``; an unbound form filters nothing)."""
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(team=data.get("team", ""), lotse=data.get("lotse", ""),
                       nationality=data.get("nationality", ""), age=data.get("age", ""),
                       pathway=data.get("pathway", ""))

    def sort_order(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_bound else "") or DEFAULT_SORT


class LotseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _lotse_label(obj)


class AssignForm(forms.Form):
    """Assign one person (person page, worklist row)."""

    lotse = LotseChoiceField(
        label=_("Integrationslotse/-lotsin"), queryset=lotsen(), required=False,
        empty_label=_("niemand (Zuweisung aufheben)"), widget=KernSelect,
        error_messages={"invalid_choice": NOT_A_LOTSE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lotse"].queryset = lotsen()


class PersonIdsField(forms.Field):
    """The ids of the persons ticked in a list (check boxes named ``personen``)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Bitte mindestens eine Person in der Liste ankreuzen."),
        "invalid": _("Die Auswahl der Personen ist ungültig."),
    }

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class BulkAssignForm(AssignForm):
    """Assign the persons ticked on a worklist; only persons the user may see can be chosen."""

    personen = PersonIdsField(label=_("Personen"))

    def __init__(self, *args: Any, persons: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persons = persons

    def clean_personen(self) -> list[Any]:
        ids = self.cleaned_data["personen"]
        found = list(self.persons.filter(pk__in=ids))
        if len(found) != len(ids):
            raise forms.ValidationError(_("Eine der angekreuzten Personen gibt es nicht (mehr) oder Sie dürfen sie "
                                          "nicht sehen."), code="hidden")
        return found


class RunStartForm(forms.Form):
    as_of = forms.DateField(
        label=_("Stichtag"), required=False, widget=DateInput(attrs={"class": "kern-form-input__input"}),
        help_text=_("Leer lassen für heute. Ein anderer Tag prüft, wie die Lage an diesem Tag wäre."),
    )
