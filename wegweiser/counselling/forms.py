"""Forms of the counselling pages: starting a protocol, the draft (with checklist and achievements), addenda,
and the concept editor's two small formsets (types of a draft, topics of a type)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput
from wegweiser.facts.models import Employment, LanguageCertificate, SchoolAttendance, VocationalTraining
from wegweiser.facts.models.education import TrainingKind
from wegweiser.facts.models.language import CefrLevel, CertificateScope
from wegweiser.facts.models.livelihood import EmploymentKind
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import Concept, CounsellingType, InterpreterMode, Protocol, Topic

_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben.")}


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("– keine Angabe –")), *choices]


class ProtocolStartForm(KernFormMixin, forms.Form):
    counselling_type = forms.ModelChoiceField(
        label=_("Beratungsart"), queryset=CounsellingType.objects.none(), empty_label=None,
        error_messages={"required": _("Bitte wählen Sie die Beratungsart."),
                        "invalid_choice": _("Bitte wählen Sie eine Beratungsart des geltenden Konzepts.")},
    )
    held_on = forms.DateField(label=_("Datum des Gesprächs"), widget=DateInput(), error_messages={
        **_DATE_ERRORS, "required": _("Bitte geben Sie das Datum des Gesprächs an.")})

    def __init__(self, *args: Any, concept: Concept | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if concept is not None:
            self.fields["counselling_type"].queryset = concept.types.all()
            self.fields["counselling_type"].label_from_instance = lambda t: t.name_de
        _apply_kern(self)


class ProtocolForm(KernFormMixin, forms.Form):
    """The draft. Required topics get a "not discussed" reason field each (``skip_<topic pk>``)."""

    held_on = forms.DateField(label=_("Datum des Gesprächs"), widget=DateInput(), error_messages={
        **_DATE_ERRORS, "required": _("Bitte geben Sie das Datum des Gesprächs an.")})
    duration_minutes = forms.IntegerField(label=_("Dauer in Minuten"), required=False, min_value=1, max_value=600,
                                          error_messages={"invalid": _("Bitte eine ganze Zahl angeben.")})
    participants = forms.CharField(label=_("Teilnehmende"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=_("Wer war dabei (auch Begleitpersonen)?"))
    interpreter_mode = forms.ChoiceField(label=_("Dolmetschung"), choices=InterpreterMode.choices)
    interpreter_language = forms.CharField(label=_("Sprache der Dolmetschung"), max_length=8, required=False,
                                           help_text=_("ISO-639-1-Code, z. B. ar, fa, uk"))
    topics_covered = forms.ModelMultipleChoiceField(
        label=_("Besprochene Themen"), queryset=Topic.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    handed_over = forms.CharField(label=_("Ausgehändigte Informationen und Unterlagen"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    urgency_explained = forms.BooleanField(label=_("Dringlichkeit der Mitwirkung erläutert"), required=False,
                                           help_text=_("Nur nachgewiesene Integrationsleistungen können bei der "
                                                       "Entscheidung berücksichtigt werden."))
    supporters = forms.ModelMultipleChoiceField(label=_("Benannte Unterstützende aus dem Netzwerk"),
                                                queryset=None, required=False, widget=forms.CheckboxSelectMultiple)
    supporters_text = forms.CharField(label=_("Weitere Unterstützende"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text=_("Personen, die nicht im Netzwerkverzeichnis stehen"))
    next_steps = forms.CharField(label=_("Nächste Schritte"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label=_("Wiedervorlage am"), required=False, widget=DateInput(),
                                   error_messages=_DATE_ERRORS)
    version = forms.IntegerField(widget=forms.HiddenInput)
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    # Achievements the person disclosed (saved as facts with source "in Beratung angegeben").
    lang_level = forms.ChoiceField(label=_("Sprachzertifikat: Niveau (GER)"), required=False,
                                   choices=_blank(CefrLevel.choices))
    lang_scope = forms.ChoiceField(label=_("Umfang"), required=False, choices=_blank(CertificateScope.choices))
    lang_exam = forms.CharField(label=_("Prüfung"), required=False, max_length=100,
                                help_text=_("z. B. DTZ, telc, Goethe"))
    lang_issued_on = forms.DateField(label=_("Datum des Zeugnisses"), required=False, widget=DateInput(),
                                     error_messages=_DATE_ERRORS)
    emp_kind = forms.ChoiceField(label=_("Beschäftigung: Art"), required=False, choices=_blank(EmploymentKind.choices))
    emp_employer = forms.CharField(label=_("Arbeitgeber"), required=False, max_length=200)
    emp_starts_on = forms.DateField(label=_("Beginn der Beschäftigung"), required=False, widget=DateInput(),
                                    error_messages=_DATE_ERRORS)
    emp_hours = forms.DecimalField(label=_("Stunden pro Woche"), required=False, max_digits=4, decimal_places=1,
                                   min_value=Decimal("0.5"), max_value=Decimal(60))
    school_name = forms.CharField(label=_("Schulbesuch: Schule"), required=False, max_length=200)
    school_type = forms.CharField(label=_("Schulform"), required=False, max_length=100)
    school_from = forms.DateField(label=_("Schulbesuch seit"), required=False, widget=DateInput(),
                                  error_messages=_DATE_ERRORS)
    training_kind = forms.ChoiceField(label=_("Berufsausbildung: Art"), required=False,
                                      choices=_blank(TrainingKind.choices))
    training_occupation = forms.CharField(label=_("Beruf"), required=False, max_length=200)
    training_provider = forms.CharField(label=_("Ausbildungsbetrieb / Schule"), required=False, max_length=200)
    training_starts_on = forms.DateField(label=_("Beginn der Ausbildung"), required=False, widget=DateInput(),
                                         error_messages=_DATE_ERRORS)

    ACHIEVEMENT_GROUPS = {
        "language": ("lang_level", "lang_scope", "lang_exam", "lang_issued_on"),
        "employment": ("emp_kind", "emp_employer", "emp_starts_on", "emp_hours"),
        "school": ("school_name", "school_type", "school_from"),
        "training": ("training_kind", "training_occupation", "training_provider", "training_starts_on"),
    }

    def __init__(self, *args: Any, protocol: Protocol, **kwargs: Any) -> None:
        from wegweiser.network.models import Contact

        if not args and "initial" not in kwargs:
            kwargs["initial"] = initial_for(protocol)
        super().__init__(*args, **kwargs)
        self.protocol = protocol
        self.topics = list(protocol.counselling_type.topics.all())
        self.fields["topics_covered"].queryset = protocol.counselling_type.topics.all()
        self.fields["topics_covered"].label_from_instance = lambda t: t.text_de
        self.fields["supporters"].queryset = Contact.objects.filter(active=True).select_related("organisation")
        for topic in self.topics:
            if topic.required:
                self.fields[f"skip_{topic.pk}"] = forms.CharField(
                    label=_("Nicht besprochen, weil"), required=False, max_length=500,
                )
        _apply_kern(self)
        for name in ("topics_covered", "supporters"):
            self.fields[name].widget.attrs["class"] = "kern-form-check__checkbox"

    def conflicts(self, stored: Protocol) -> list[dict[str, Any]]:
        """Fields where the stored draft differs from what the user typed (after a stale save)."""
        values = initial_for(stored)
        rows = []
        for name in ("held_on", "duration_minutes", "participants", "interpreter_mode", "interpreter_language",
                     "handed_over", "supporters_text", "next_steps", "follow_up_on"):
            typed = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if (values.get(name) or None) != (typed or None):
                rows.append({"field": self[name], "label": self.fields[name].label,
                             "stored": values.get(name) or "–", "typed": typed or "–"})
        return rows

    def checklist(self) -> list[dict[str, Any]]:
        """One row per topic of the type: the topic, whether it is ticked, and its reason field if required."""
        ticked = {str(v) for v in (self.data.getlist("topics_covered") if self.is_bound else
                                   self.initial.get("topics_covered", []))}
        return [{"topic": t, "checked": str(t.pk) in ticked,
                 "skip": self[f"skip_{t.pk}"] if t.required else None} for t in self.topics]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for group, names in self.ACHIEVEMENT_GROUPS.items():
            if any(data.get(n) not in (None, "") for n in names):
                for name in _REQUIRED_IN_GROUP[group]:
                    if data.get(name) in (None, ""):
                        self.add_error(name, _("Bitte ergänzen Sie diese Angabe oder leeren Sie die ganze Gruppe."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in (
            "held_on", "duration_minutes", "participants", "interpreter_language", "interpreter_mode",
            "handed_over", "urgency_explained", "supporters_text", "next_steps", "follow_up_on")}
        data["topics_covered"] = list(self.cleaned_data.get("topics_covered") or [])
        data["supporters"] = list(self.cleaned_data.get("supporters") or [])
        covered = {t.pk for t in data["topics_covered"]}
        data["topics_not_discussed"] = {
            str(t.pk): self.cleaned_data[f"skip_{t.pk}"].strip() for t in self.topics
            if t.required and t.pk not in covered and (self.cleaned_data.get(f"skip_{t.pk}") or "").strip()
        }
        return data

    def has_achievements(self) -> bool:
        return any(self.cleaned_data.get(n) not in (None, "") for names in self.ACHIEVEMENT_GROUPS.values()
                   for n in names)

    def achievement_facts(self) -> list[Any]:
        """Unsaved facts for the groups filled in (provenance is set by the service)."""
        d, facts = self.cleaned_data, []
        if d.get("lang_level"):
            facts.append(LanguageCertificate(level=d["lang_level"], scope=d["lang_scope"], exam=d["lang_exam"] or "",
                                             issued_on=d["lang_issued_on"]))
        if d.get("emp_kind"):
            facts.append(Employment(kind=d["emp_kind"], employer=d["emp_employer"] or "",
                                    starts_on=d["emp_starts_on"], hours_per_week=d.get("emp_hours")))
        if d.get("school_from"):
            facts.append(SchoolAttendance(school=d["school_name"] or "", school_type=d["school_type"] or "",
                                          attended_from=d["school_from"]))
        if d.get("training_kind"):
            facts.append(VocationalTraining(kind=d["training_kind"], occupation=d["training_occupation"],
                                            provider=d["training_provider"] or "",
                                            starts_on=d.get("training_starts_on")))
        return facts

    def clear_achievements(self) -> None:
        """After the facts are saved, the group fields start empty again (so they are not saved twice)."""
        if self.is_bound:
            data = self.data.copy()
            for names in self.ACHIEVEMENT_GROUPS.values():
                for name in names:
                    data[name] = ""
            self.data = data


_REQUIRED_IN_GROUP = {
    "language": ("lang_level", "lang_scope", "lang_issued_on"),
    "employment": ("emp_kind", "emp_starts_on"),
    "school": ("school_from",),
    "training": ("training_kind", "training_occupation"),
}


def initial_for(protocol: Protocol) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(protocol, name) for name in (
        "held_on", "duration_minutes", "participants", "interpreter_language", "interpreter_mode",
        "handed_over", "urgency_explained", "supporters_text", "next_steps", "follow_up_on", "version")}
    values["edit_token"] = uuid.uuid4().hex  # one per opened edit page
    values["topics_covered"] = [t.pk for t in protocol.topics_covered.all()]
    values["supporters"] = [c.pk for c in protocol.supporters.all()]
    for key, reason in (protocol.topics_not_discussed or {}).items():
        values[f"skip_{key}"] = reason
    return values


class FinaliseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AddendumForm(KernFormMixin, forms.Form):
    text = forms.CharField(label=_("Nachtrag"), widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Korrektur oder Ergänzung; das Protokoll selbst bleibt unverändert."),
                           error_messages={"required": _("Bitte schreiben Sie den Nachtrag.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class _KernModelForm(KernFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class CounsellingTypeForm(_KernModelForm):
    class Meta:
        model = CounsellingType
        fields = ["key", "name_de", "name_en", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TopicForm(_KernModelForm):
    class Meta:
        model = Topic
        fields = ["key", "text_de", "text_en", "required", "order"]


TypeFormSet = forms.inlineformset_factory(Concept, CounsellingType, form=CounsellingTypeForm, extra=1,
                                          can_delete=True)
TopicFormSet = forms.inlineformset_factory(CounsellingType, Topic, form=TopicForm, extra=2, can_delete=True)


class ConceptForm(_KernModelForm):
    # The stored state the page was loaded with (``services.concept.types_token``); compared on saving.
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Concept
        fields = ["title", "valid_from"]
        widgets = {"valid_from": DateInput()}


class TopicsTokenForm(KernFormMixin, forms.Form):
    """Carries the topics page's edit token (``services.concept.topics_token``) and its stale message."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
