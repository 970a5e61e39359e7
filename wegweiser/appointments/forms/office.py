"""Forms of the office's day: the day-plan filter, the state buttons, booking for a person, the statistics
period."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.persons.forms import KernFormMixin

from ..models import Counter, Service, Status
from .catalogue import kern

#: The steps the day plan offers, with the label of their button.
STEPS: dict[str, Any] = {
    Status.CHECKED_IN: gettext_lazy("Anmelden"),
    Status.CALLED: gettext_lazy("Aufrufen"),
    Status.DONE: gettext_lazy("Erledigt"),
    Status.NO_SHOW: gettext_lazy("Nicht erschienen"),
}


class DayForm(KernFormMixin, forms.Form):
    day = forms.DateField(label=gettext_lazy("Tag"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    counter = forms.ModelChoiceField(label=gettext_lazy("Schalter"), queryset=Counter.objects.all(), required=False,
                                     empty_label=gettext_lazy("alle Schalter"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kern(self)

    def selected_day(self) -> date:
        return (self.cleaned_data.get("day") if self.is_bound and self.is_valid() else None) or timezone.localdate()

    def selected_counter(self) -> Counter | None:
        return self.cleaned_data.get("counter") if self.is_bound and self.is_valid() else None


class StepForm(forms.Form):
    to = forms.ChoiceField(choices=[(k, v) for k, v in STEPS.items()])
    version = forms.IntegerField(min_value=1)


class StaffBookingForm(KernFormMixin, forms.Form):
    """Book for a walk-in or a phone call: any active service (also those not bookable online)."""

    service = forms.ModelChoiceField(label=gettext_lazy("Leistung"), queryset=Service.objects.filter(active=True))
    day = forms.DateField(label=gettext_lazy("Tag"), widget=forms.DateInput(attrs={"type": "date"},
                                                                            format="%Y-%m-%d"))
    start = forms.ChoiceField(label=gettext_lazy("Freie Zeit"), widget=forms.RadioSelect, required=False)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    phone = forms.CharField(label=gettext_lazy("Telefon"), max_length=64, required=False)
    email = forms.EmailField(label=gettext_lazy("E-Mail"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Sprache"), choices=settings.CLIENT_LANGUAGES, initial="de")

    def __init__(self, *args: Any, offers: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers = offers or []
        self.fields["service"].queryset = Service.objects.filter(active=True)
        names = {c.pk: c.name for c in Counter.objects.all()} if self.offers else {}
        self.fields["start"].choices = [
            (self.offer_key(o), f"{timezone.localtime(o.starts_at):%H:%M} – {names.get(o.counter_id, '')}")
            for o in self.offers]
        kern(self)

    @staticmethod
    def offer_key(offer) -> str:
        return f"{offer.starts_at.isoformat()}|{offer.counter_id}"

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Der Tag liegt in der Vergangenheit."))
        return day

    def chosen_offer(self):
        key = self.cleaned_data.get("start")
        return next((o for o in self.offers if self.offer_key(o) == key), None)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.data.get("book"):
            if not data.get("start"):
                self.add_error("start", _("Bitte wählen Sie eine freie Zeit."))
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Bitte geben Sie den Namen an."))
        return data


class PeriodForm(KernFormMixin, forms.Form):
    date_from = forms.DateField(label=gettext_lazy("von"), widget=forms.DateInput(attrs={"type": "date"},
                                                                                  format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("bis"), widget=forms.DateInput(attrs={"type": "date"},
                                                                                format="%Y-%m-%d"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kern(self)

    @staticmethod
    def default() -> tuple[date, date]:
        today = timezone.localdate()
        return today - timedelta(weeks=8), today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last:
            if last < first:
                self.add_error("date_to", _("Das Ende muss nach dem Beginn liegen."))
            elif (last - first).days > 366:
                self.add_error("date_to", _("Bitte höchstens ein Jahr auswählen."))
        return data
