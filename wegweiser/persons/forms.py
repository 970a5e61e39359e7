"""Forms of the case file. They only parse and present; the rules live in the services, whose errors are
mapped back onto the fields here, so the UI and the API reject the same input with the same words."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team
from wegweiser.accounts.policy import Action
from wegweiser.core.forms import DateInput, PartialDateFormField

from . import codes
from .models import Entry, Person, RelationKind, ResidencePeriod, StayAbroad
from .services.person import PERSON_FIELDS
from .services.residence import LEGAL_BASIS_SUGGESTIONS, PERIOD_FIELDS, STAY_FIELDS

INVALID_CHOICE = _("Bitte einen Eintrag aus der Liste wählen.")


class BirthDateField(PartialDateFormField):
    """The shared partial-date field without its max-length validator, which would call len() on the parsed
    PartialDate and crash; the length of the typed text is still limited by the input's maxlength and the
    parser, which accepts nothing longer than ``TT.MM.JJJJ``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]


class KernSelect(forms.Select):
    """A select inside the KERN wrapper (which draws the arrow and the focus ring)."""

    template_name = "persons/widgets/kern_select.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"class": "kern-form-input__select", **(attrs or {})}, choices=choices)


class YesNoUnknownSelect(KernSelect):
    """Yes / no / unknown for nullable booleans; "unbekannt" is the empty choice."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("unbekannt")), ("true", _("ja")), ("false", _("nein"))])

    def format_value(self, value):
        if value in (True, "True", "true"):
            return ["true"]
        if value in (False, "False", "false"):
            return ["false"]
        return [""]

    def value_from_datadict(self, data, files, name):
        return {"true": True, "false": False}.get(data.get(name))


class KernFormMixin:
    """KERN classes on every widget (``apply_kern`` after the fields are final), and hints and errors tied to
    their inputs for screen readers."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        _mark_errors(self)

    def add_service_error(self, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
        """Put a service's ValidationError on the matching fields; others become form-wide messages."""
        field_map = field_map or {}
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)  # type: ignore[attr-defined]
        else:
            for field, messages in exc.message_dict.items():
                target = field_map.get(field, field)
                if target == NON_FIELD_ERRORS or target not in self.fields:
                    self.add_error(None, messages)  # type: ignore[attr-defined]
                else:
                    self.add_error(target, messages)  # type: ignore[attr-defined]
        _mark_errors(self)


def _mark_errors(form: Any) -> None:
    for name in getattr(form, "_errors", None) or {}:
        if name in form.fields:
            widget = form.fields[name].widget
            if widget.attrs.get("aria-invalid") != "true":
                ids = [i for i in widget.attrs.get("aria-describedby", "").split() if i]
                widget.attrs["aria-describedby"] = " ".join([*ids, f"id_{name}_error"])
                widget.attrs["aria-invalid"] = "true"


def _choice(label: Any, choices: list, required: bool = False, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, required=required, help_text=help_text,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )


# --- person --------------------------------------------------------------------------------------------

#: How many selects for nationalities and languages a new file offers (an edited file: one more than used).
MIN_NATIONALITY_FIELDS = 2
MIN_LANGUAGE_FIELDS = 3

FIELDSETS = (
    (_("Namen"), ("family_name", "given_names", "family_name_latin", "given_names_latin", "birth_name")),
    (_("Geburt und Geschlecht"), ("birth_date", "birth_place", "birth_country", "sex")),
    (_("Staatsangehörigkeit"), ("nationality_*",)),
    (_("Sprachen"), ("language_*", "letter_language")),
    (_("Kontakt"), ("address", "phone", "email")),
    (_("Akte"), ("file_number", "team")),
)


class PersonForm(KernFormMixin, forms.Form):
    """The person's own data; the hidden ``version`` carries the state the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, person: Person | None = None, user: Any = None, **kwargs: Any) -> None:
        self.person = person
        nationalities = list(person.nationalities.values_list("code", flat=True)) if person else []
        languages = list(person.languages.values_list("code", flat=True)) if person else []
        data = args[0] if args else kwargs.get("data")
        nat_count = max(MIN_NATIONALITY_FIELDS, len(nationalities) + 1, _posted_count(data, "nationality_"))
        lang_count = max(MIN_LANGUAGE_FIELDS, len(languages) + 1, _posted_count(data, "language_"))
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(person, nationalities, languages)
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(Person, fields=[f for f in PERSON_FIELDS if f not in ("team", "birth_country",
                                                                                             "letter_language", "sex")])
        for name in PERSON_FIELDS:
            if name in model_fields:
                self.fields[name] = model_fields[name]
        self.fields["family_name"].help_text = _("Wie im Pass, in der Schrift des Passes.")
        self.fields["given_names"].help_text = _("Wie im Pass, in der Schrift des Passes.")
        self.fields["birth_date"] = BirthDateField(label=_("Geburtsdatum"), required=False)
        self.fields["birth_country"] = _choice(_("Geburtsland"), [("", _("nicht erfasst")), *codes.birth_country_choices()])
        self.fields["sex"] = _choice(_("Geschlecht (laut Dokument)"), [("", _("nicht erfasst")), *Person._meta.get_field("sex").choices])
        self.fields["letter_language"] = _choice(
            _("Sprache für Schreiben"), [("", _("Deutsch (Standard)")), *codes.language_choices()],
            help_text=_("In dieser Sprache erhält die Person Schreiben, soweit eine Übersetzung vorliegt."),
        )
        self.fields["team"] = forms.ModelChoiceField(
            label=_("Team"), queryset=_team_choices(user, person), required=False, empty_label=_("kein Team"),
            error_messages={"invalid_choice": _("Dieses Team gibt es nicht oder ist für Sie nicht wählbar.")},
        )
        nat_choices = [("", _("–")), *codes.nationality_choices()]
        for i in range(1, nat_count + 1):
            label = _("Staatsangehörigkeit") if i == 1 else _("Weitere Staatsangehörigkeit (%(n)d.)") % {"n": i}
            help_text = _("„staatenlos“ und „ungeklärt“ stehen am Anfang der Liste.") if i == 1 else ""
            self.fields[f"nationality_{i}"] = _choice(label, nat_choices, help_text=help_text)
        lang_choices = [("", _("–")), *codes.language_choices()]
        for i in range(1, lang_count + 1):
            self.fields[f"language_{i}"] = _choice(_("Gesprochene Sprache (%(n)d.)") % {"n": i}, lang_choices)
        self.order_fields(["version", *self.ordered_names()])
        _apply_kern(self)

    def ordered_names(self) -> list[str]:
        names: list[str] = []
        for _legend, members in FIELDSETS:
            for member in members:
                if member.endswith("*"):
                    names += sorted((n for n in self.fields if n.startswith(member[:-1])), key=_number)
                else:
                    names.append(member)
        return names

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        groups = []
        for legend, members in FIELDSETS:
            bound = []
            for member in members:
                if member.endswith("*"):
                    bound += [self[n] for n in sorted((n for n in self.fields if n.startswith(member[:-1])), key=_number)]
                else:
                    bound.append(self[member])
            groups.append((legend, bound))
        return groups

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in PERSON_FIELDS}

    def nationality_codes(self) -> list[str]:
        return [self.cleaned_data[n] for n in sorted(self.fields, key=_number) if n.startswith("nationality_")
                and self.cleaned_data.get(n)]

    def language_codes(self) -> list[str]:
        return [self.cleaned_data[n] for n in sorted(self.fields, key=_number) if n.startswith("language_")
                and self.cleaned_data.get(n)]

    def add_service_error(self, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
        super().add_service_error(exc, {"nationalities": "nationality_1", "languages": "language_1", **(field_map or {})})


def _team_choices(user: Any, person: Person | None) -> QuerySet[Team]:
    """Teams whose files the user could still change afterwards (others would be a hand-off they may not
    make; the service refuses it too), plus the file's current team so the form shows it."""
    teams = Team.objects.order_by("name")
    if user is None:
        return teams
    allowed = [t.pk for t in teams if policy.decide(user, Action.PERSON_CHANGE, SimpleNamespace(team_id=t.pk))]
    if person is not None and person.team_id is not None:
        allowed.append(person.team_id)
    return teams.filter(pk__in=allowed)


def _number(name: str) -> tuple[str, int]:
    prefix, _sep, number = name.rpartition("_")
    return (prefix, int(number)) if number.isdigit() else (name, 0)


def _posted_count(data: Any, prefix: str) -> int:
    """How many numbered fields a submitted form had (so no typed value is dropped on re-display)."""
    if not data:
        return 0
    numbers = [int(k[len(prefix):]) for k in data if k.startswith(prefix) and k[len(prefix):].isdigit()]
    return min(max(numbers, default=0), 20)


def _apply_kern(form: KernFormMixin) -> None:
    for name, field in form.fields.items():
        widget = field.widget
        if widget.is_hidden:
            continue
        if isinstance(field, forms.ChoiceField) and not isinstance(widget, (forms.RadioSelect, KernSelect)):
            field.widget = widget = KernSelect(attrs=widget.attrs, choices=field.choices)
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "kern-form-check__checkbox")
        elif not isinstance(widget, (KernSelect, forms.RadioSelect)):
            widget.attrs.setdefault("class", "kern-form-input__input")
        if field.help_text:
            widget.attrs["aria-describedby"] = f"id_{name}_hint"


def initial_for(person: Person, nationalities: list[str] | None = None, languages: list[str] | None = None) -> dict:
    """Form values of a stored person (also used to show "the other user's values" after a stale edit)."""
    if nationalities is None:
        nationalities = list(person.nationalities.values_list("code", flat=True))
    if languages is None:
        languages = list(person.languages.values_list("code", flat=True))
    initial: dict[str, Any] = {name: getattr(person, name) for name in PERSON_FIELDS if name != "team"}
    initial["team"] = person.team_id
    initial["version"] = person.version
    for i, code in enumerate(sorted(nationalities), start=1):
        initial[f"nationality_{i}"] = code
    for i, code in enumerate(languages, start=1):
        initial[f"language_{i}"] = code
    return initial


# --- residence -----------------------------------------------------------------------------------------


class ResidencePeriodForm(KernFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(ResidencePeriod, fields=list(PERIOD_FIELDS))
        for name in PERIOD_FIELDS:
            self.fields[name] = model_fields[name]
        self.fields["status"] = _choice(
            _("Status"), [("", _("bitte wählen")), *ResidencePeriod._meta.get_field("status").choices], required=True
        )
        self.fields["duldung_kind"] = _choice(
            _("Art der Duldung"), [("", _("–")), *ResidencePeriod._meta.get_field("duldung_kind").choices],
            help_text=_("Nur beim Status „Duldung“, dann aber immer."),
        )
        self.fields["legal_basis"].widget.attrs["list"] = "legal-basis-suggestions"
        self.fields["legal_basis"].help_text = _("Vorschläge erscheinen beim Tippen; freier Text ist erlaubt.")
        for name in ("valid_from", "valid_until"):
            field = self.fields[name]
            self.fields[name] = forms.DateField(
                label=field.label, required=name == "valid_from", widget=DateInput(),
                error_messages={"invalid": _("Bitte ein gültiges Datum angeben."),
                                "required": _("Bitte angeben, ab wann der Status gilt.")},
            )
        self.fields["valid_until"].help_text = _("Leer lassen, wenn (noch) kein Ende feststeht.")
        _apply_kern(self)

    suggestions = LEGAL_BASIS_SUGGESTIONS

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in PERIOD_FIELDS}


class EntryForm(KernFormMixin, forms.Form):
    date = forms.DateField(label=Entry._meta.get_field("date").verbose_name, widget=DateInput(),
                           error_messages={"invalid": _("Bitte ein gültiges Datum angeben."),
                                           "required": _("Bitte das Einreisedatum angeben.")})
    is_first_entry = forms.BooleanField(label=Entry._meta.get_field("is_first_entry").verbose_name, required=False,
                                        help_text=_("Die erste Einreise nach Deutschland überhaupt."))
    note = forms.CharField(label=_("Bemerkung"), max_length=250, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class StayAbroadForm(KernFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(StayAbroad, fields=list(STAY_FIELDS))
        for name in STAY_FIELDS:
            self.fields[name] = model_fields[name]
        self.fields["left_on"] = forms.DateField(
            label=_("ausgereist am"), widget=DateInput(),
            error_messages={"invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte das Ausreisedatum angeben.")},
        )
        self.fields["returned_on"] = forms.DateField(
            label=_("zurück am"), widget=DateInput(), required=False,
            help_text=_("Leer lassen, solange die Person noch im Ausland ist."),
            error_messages={"invalid": _("Bitte ein gültiges Datum angeben.")},
        )
        _apply_kern(self)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in STAY_FIELDS}


# --- family --------------------------------------------------------------------------------------------


class RelationChoice:
    """What the other person is to the person of the file (the form's point of view)."""

    SPOUSE = "spouse"
    PARTNER = "partner"
    PARENT = "parent"  # the other person is a parent of this one
    CHILD = "child"  # the other person is a child of this one

    CHOICES = [
        (SPOUSE, _("Ehegatte/Ehegattin")),
        (PARTNER, _("Lebenspartner/-in")),
        (PARENT, _("Elternteil dieser Person")),
        (CHILD, _("Kind dieser Person")),
    ]


class PersonPickerForm(KernFormMixin, forms.Form):
    """Choose another case file: from search results (radio buttons) or by its file number."""

    other = forms.IntegerField(
        label=_("Person"), required=False, widget=forms.HiddenInput,
        error_messages={"invalid": _("Die gewählte Person gibt es nicht.")},
    )
    other_file_number = forms.CharField(
        label=_("oder Aktenzeichen"), max_length=32, required=False,
        help_text=_("Aktenzeichen der anderen Person, wenn Sie es kennen."),
    )
    pick_label = _("Person")

    def __init__(self, *args: Any, queryset: QuerySet[Person], exclude: Person | None = None, **kwargs: Any) -> None:
        self.queryset = queryset.exclude(pk=exclude.pk) if exclude is not None else queryset
        self.exclude_person = exclude
        super().__init__(*args, **kwargs)
        _apply_kern(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pk, number = data.get("other"), (data.get("other_file_number") or "").strip()
        if self.exclude_person is not None and (
            pk == self.exclude_person.pk or (number and number.casefold() == self.exclude_person.file_number.casefold())
        ):
            raise ValidationError(_("Bitte eine andere Person wählen als die der Akte."))
        if pk is not None:
            other = self.queryset.filter(pk=pk).first()
            if other is None:
                raise ValidationError(_("Die gewählte Person gibt es nicht."))
        elif number:
            other = self.queryset.filter(file_number__iexact=number).first()
            if other is None:
                self.add_error("other_file_number", _("Keine Akte mit dem Aktenzeichen „%(number)s“ gefunden.")
                               % {"number": number})
                return data
        else:
            raise ValidationError(_("Bitte eine Person aus den Suchergebnissen wählen oder ein Aktenzeichen angeben."))
        data["other_person"] = other
        return data


class RelationForm(PersonPickerForm):
    kind = forms.ChoiceField(
        label=_("Die andere Person ist"), choices=[("", _("bitte wählen")), *RelationChoice.CHOICES],
        error_messages={"invalid_choice": INVALID_CHOICE, "required": _("Bitte die Beziehung wählen.")},
    )
    has_custody = forms.NullBooleanField(
        label=_("Personensorge des Elternteils"), required=False, widget=YesNoUnknownSelect(),
        help_text=_("Nur bei Eltern und Kindern: Hat der Elternteil die Personensorge?"),
    )
    since = forms.DateField(label=_("seit"), required=False, widget=DateInput(),
                            error_messages={"invalid": _("Bitte ein gültiges Datum angeben.")})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("has_custody") is not None and data.get("kind") in (RelationChoice.SPOUSE, RelationChoice.PARTNER):
            self.add_error("has_custody", _("Die Personensorge gibt es nur zwischen Eltern und Kindern."))
        return data

    def relation_args(self, person: Person) -> tuple[Person, Person, str]:
        """(person, relative, kind) for the service, whose PARENT relation points from parent to child."""
        other = self.cleaned_data["other_person"]
        kind = self.cleaned_data["kind"]
        if kind == RelationChoice.PARENT:
            return other, person, RelationKind.PARENT
        if kind == RelationChoice.CHILD:
            return person, other, RelationKind.PARENT
        return person, other, RelationKind(kind)


class HouseholdCreateForm(KernFormMixin, forms.Form):
    address = forms.CharField(
        label=_("Anschrift des Haushalts"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class NoteForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Notizen können nach dem Speichern nicht mehr geändert werden; eine Korrektur ist eine neue Notiz."),
        error_messages={"required": _("Bitte einen Text eingeben.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)
