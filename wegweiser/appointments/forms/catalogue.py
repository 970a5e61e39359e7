"""Forms of the catalogue pages: services with texts per client language, counters with their opening hours,
absences and the booking settings. The services (``services.catalogue``) validate again; these forms give the
messages next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.roles import CASE_ROLES
from wegweiser.persons.forms import KernFormMixin, KernSelect

from ..models import Allocation, BookingSettings, Counter, Service, Weekday
from ..services.calendar import valid_lands
from ..services.catalogue import check_hours

#: The client languages other than German (German is the required source text).
OTHER_LANGUAGES: list[tuple[str, str]] = [(c, n) for c, n in settings.CLIENT_LANGUAGES if c != "de"]


def _lang_attrs(code: str, **extra: Any) -> dict[str, Any]:
    """Inputs in Arabic or Farsi are written right to left; every input says its language."""
    attrs = {"lang": code, "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr", **extra}
    return attrs


def kern(form: forms.BaseForm) -> None:
    """KERN classes on every widget; choice lists with radios or checkboxes are drawn by the template."""
    for field in form.fields.values():
        widget = field.widget
        if widget.is_hidden or isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            continue
        if isinstance(widget, forms.Select) and not isinstance(widget, KernSelect):
            field.widget = KernSelect(attrs={k: v for k, v in widget.attrs.items() if k != "class"},
                                      choices=field.choices)
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "kern-form-check__checkbox"
        elif not isinstance(widget, KernSelect):
            widget.attrs.setdefault("class", "kern-form-input__input")


def _staff_queryset():
    return get_user_model().objects.filter(is_active=True, role__in=[r.value for r in CASE_ROLES]).order_by(
        "last_name", "first_name", "username")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class ServiceForm(KernFormMixin, forms.Form):
    """A catalogue entry. Names and "what to bring" per language become the JSON fields of ``Service``."""

    code = forms.SlugField(label=gettext_lazy("Kurzname"), max_length=50,
                           help_text=gettext_lazy("Kleinbuchstaben, Ziffern und Bindestriche, z. B. verlaengerung."))
    name_de = forms.CharField(label=gettext_lazy("Bezeichnung (Deutsch)"), max_length=200,
                              widget=forms.TextInput(attrs=_lang_attrs("de")))
    bring_de = forms.CharField(label=gettext_lazy("Mitzubringen (Deutsch)"), required=False,
                               widget=forms.Textarea(attrs=_lang_attrs("de", rows=2)))
    duration_minutes = forms.IntegerField(label=gettext_lazy("Dauer (Minuten)"), min_value=1, max_value=480)
    counters = forms.ModelMultipleChoiceField(label=gettext_lazy("Schalter"), required=False,
                                              queryset=Counter.objects.all(), widget=forms.CheckboxSelectMultiple)
    allocation = forms.ChoiceField(label=gettext_lazy("Vergabe"), choices=Allocation.choices,
                                   widget=forms.RadioSelect)
    public = forms.BooleanField(label=gettext_lazy("online buchbar"), required=False,
                                help_text=Service._meta.get_field("public").help_text)
    active = forms.BooleanField(label=gettext_lazy("aktiv"), required=False)
    position = forms.IntegerField(label=gettext_lazy("Reihenfolge"), min_value=0, max_value=32767)

    def __init__(self, *args: Any, instance: Service | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(instance)
        super().__init__(*args, **kwargs)
        for code, native in OTHER_LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Bezeichnung (%(language)s)") % {"language": native}, max_length=200, required=False,
                widget=forms.TextInput(attrs=_lang_attrs(code)))
            self.fields[f"bring_{code}"] = forms.CharField(
                label=_("Mitzubringen (%(language)s)") % {"language": native}, required=False,
                widget=forms.Textarea(attrs=_lang_attrs(code, rows=2)))
        kern(self)

    @staticmethod
    def initial_for(service: Service) -> dict[str, Any]:
        initial: dict[str, Any] = {f: getattr(service, f) for f in ("code", "duration_minutes", "allocation",
                                                                    "public", "active", "position")}
        initial["counters"] = list(service.counters.all()) if service.pk else []
        for code, _native in settings.CLIENT_LANGUAGES:
            initial[f"name_{code}"] = (service.name or {}).get(code, "")
            initial[f"bring_{code}"] = (service.what_to_bring or {}).get(code, "")
        return initial

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        taken = Service.objects.filter(code=code)
        if self.instance is not None and self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Dieser Kurzname ist schon vergeben."))
        return code

    def translation_fields(self) -> list[dict[str, Any]]:
        """Per other language: its code, its own name, the name and what-to-bring fields (for the template)."""
        return [{"code": code, "native": native, "rtl": code in settings.RTL_LANGUAGES,
                 "name": self[f"name_{code}"], "bring": self[f"bring_{code}"]} for code, native in OTHER_LANGUAGES]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        codes = [code for code, _native in settings.CLIENT_LANGUAGES]
        return {
            "code": data["code"], "duration_minutes": data["duration_minutes"], "allocation": data["allocation"],
            "public": data["public"], "active": data["active"], "position": data["position"],
            "counters": list(data["counters"]),
            "name": {c: data.get(f"name_{c}", "") for c in codes},
            "what_to_bring": {c: data.get(f"bring_{c}", "") for c in codes},
        }


class CounterForm(KernFormMixin, forms.ModelForm):
    staff = StaffChoiceField(label=gettext_lazy("Mitarbeiterin/Mitarbeiter"), queryset=_staff_queryset(),
                             required=False)

    class Meta:
        model = Counter
        fields = ["name", "location", "staff", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _staff_queryset()
        kern(self)


class HoursForm(forms.Form):
    weekday = forms.TypedChoiceField(label=gettext_lazy("Wochentag"), choices=Weekday.choices, coerce=int)
    opens = forms.TimeField(label=gettext_lazy("von"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    closes = forms.TimeField(label=gettext_lazy("bis"),
                             widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kern(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("Eine Öffnungszeit muss nach ihrem Beginn enden."))
        return data


class BaseHoursFormSet(forms.BaseFormSet):
    def rows(self) -> list[tuple[int, Any, Any]]:
        return [(f.cleaned_data["weekday"], f.cleaned_data["opens"], f.cleaned_data["closes"])
                for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
                and f.cleaned_data.get("opens") and f.cleaned_data.get("closes")]

    def clean(self) -> None:
        if any(self.errors):
            return
        check_hours(self.rows())


HoursFormSet = forms.formset_factory(HoursForm, formset=BaseHoursFormSet, extra=2, can_delete=True)


def hours_initial(counter: Counter) -> list[dict[str, Any]]:
    return [{"weekday": h.weekday, "opens": h.opens, "closes": h.closes} for h in counter.hours.all()]


class AbsenceForm(KernFormMixin, forms.Form):
    counter = forms.ModelChoiceField(label=gettext_lazy("Schalter"), queryset=Counter.objects.all(), required=False)
    user = StaffChoiceField(label=gettext_lazy("Mitarbeiterin/Mitarbeiter"), queryset=_staff_queryset(),
                            required=False)
    starts_at = forms.DateTimeField(label=gettext_lazy("von"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=gettext_lazy("bis"),
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"))
    reason = forms.CharField(label=gettext_lazy("Grund (intern)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _staff_queryset()
        kern(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("counter") and not data.get("user"):
            raise forms.ValidationError(
                _("Bitte wählen Sie einen Schalter oder eine Mitarbeiterin/einen Mitarbeiter."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class SettingsForm(KernFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kern(self)

    class Meta:
        model = BookingSettings
        fields = ["land", "slot_minutes", "min_lead_hours", "horizon_days", "max_open_per_email",
                  "attempts_per_hour", "reminder_hours", "invitation_weeks", "invitation_notice_days"]

    def clean_land(self) -> str:
        land = self.cleaned_data["land"].strip().upper()
        if land not in valid_lands():
            raise forms.ValidationError(_("Unbekanntes Bundesland. Erlaubt sind: %(lands)s")
                                        % {"lands": ", ".join(valid_lands())})
        return land

    def clean_slot_minutes(self) -> int:
        value = self.cleaned_data["slot_minutes"]
        if value < 5:
            raise forms.ValidationError(_("Die Taktung muss mindestens 5 Minuten betragen."))
        return value

    def clean_horizon_days(self) -> int:
        value = self.cleaned_data["horizon_days"]
        if value < 1:
            raise forms.ValidationError(_("Bitte mindestens einen Tag angeben."))
        return value
