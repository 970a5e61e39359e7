"""Residence history pages: status periods, entries, stays abroad."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.policy import Action, DataCategory

from ..forms import EntryForm, ResidencePeriodForm, StayAbroadForm
from ..models import Entry, Person, ResidencePeriod, StayAbroad
from ..services import residence as services
from ..services.common import format_date
from .base import CaseFileDeleteView, CaseFileFormView


class _ResidenceMixin:
    action = Action.RESIDENCE_CHANGE
    category = DataCategory.RESIDENCE
    anchor = "aufenthalt"


class ResidenceAddView(_ResidenceMixin, CaseFileFormView):
    form_class = ResidencePeriodForm
    template_name = "persons/residence_form.html"
    page = "residence_add"
    title = gettext_lazy("Aufenthaltszeitraum hinzufügen")
    submit_label = gettext_lazy("Zeitraum speichern")
    success_message = gettext_lazy("Der Aufenthaltszeitraum wurde gespeichert.")

    def save(self, form: ResidencePeriodForm) -> ResidencePeriod:
        return services.add_period(self.request.user, self.person, form.service_data())

    def extra_context(self) -> dict[str, Any]:
        return {"timeline": services.timeline(self.person), "suggestions": services.LEGAL_BASIS_SUGGESTIONS}


class ResidenceEditView(ResidenceAddView):
    page = "residence_edit"
    title = gettext_lazy("Aufenthaltszeitraum bearbeiten")
    success_message = gettext_lazy("Der Aufenthaltszeitraum wurde geändert.")

    def get_object(self, pk: int) -> ResidencePeriod:
        # A period of another person is "not found", whatever its ID.
        return get_object_or_404(ResidencePeriod, pk=pk, person=self.person)

    def get_form(self, data: Any = None) -> ResidencePeriodForm:
        period = self.object
        initial = {name: getattr(period, name) for name in services.PERIOD_FIELDS}
        return ResidencePeriodForm(data, initial=initial)

    def save(self, form: ResidencePeriodForm) -> ResidencePeriod:
        return services.update_period(self.request.user, self.object, form.service_data())


class ResidenceDeleteView(_ResidenceMixin, CaseFileDeleteView):
    page = "residence_delete"
    title = gettext_lazy("Aufenthaltszeitraum löschen")
    confirm_label = gettext_lazy("Zeitraum löschen")
    success_message = gettext_lazy("Der Aufenthaltszeitraum wurde gelöscht.")

    def get_object(self, person: Person, pk: int) -> ResidencePeriod:
        return get_object_or_404(ResidencePeriod, pk=pk, person=person)

    def question(self, obj: ResidencePeriod) -> str:
        return _("Soll der Zeitraum „%(period)s“ gelöscht werden?") % {"period": services.describe_period(obj)}

    def delete(self, request, obj: ResidencePeriod) -> None:
        services.delete_period(request.user, obj)


class EntryAddView(_ResidenceMixin, CaseFileFormView):
    form_class = EntryForm
    page = "entry_add"
    anchor = "einreisen"
    title = gettext_lazy("Einreise erfassen")
    submit_label = gettext_lazy("Einreise speichern")
    success_message = gettext_lazy("Die Einreise wurde gespeichert.")

    def save(self, form: EntryForm) -> Entry:
        return services.add_entry(self.request.user, self.person, form.service_data())


class EntryDeleteView(_ResidenceMixin, CaseFileDeleteView):
    page = "entry_delete"
    anchor = "einreisen"
    title = gettext_lazy("Einreise löschen")
    confirm_label = gettext_lazy("Einreise löschen")
    success_message = gettext_lazy("Die Einreise wurde gelöscht.")

    def get_object(self, person: Person, pk: int) -> Entry:
        return get_object_or_404(Entry, pk=pk, person=person)

    def question(self, obj: Entry) -> str:
        return _("Soll die Einreise vom %(date)s gelöscht werden?") % {"date": format_date(obj.date)}

    def delete(self, request, obj: Entry) -> None:
        services.delete_entry(request.user, obj)


class StayAddView(_ResidenceMixin, CaseFileFormView):
    form_class = StayAbroadForm
    page = "stay_add"
    anchor = "auslandsaufenthalte"
    title = gettext_lazy("Auslandsaufenthalt erfassen")
    submit_label = gettext_lazy("Auslandsaufenthalt speichern")
    success_message = gettext_lazy("Der Auslandsaufenthalt wurde gespeichert.")

    def save(self, form: StayAbroadForm) -> StayAbroad:
        return services.add_stay(self.request.user, self.person, form.service_data())


class StayDeleteView(_ResidenceMixin, CaseFileDeleteView):
    page = "stay_delete"
    anchor = "auslandsaufenthalte"
    title = gettext_lazy("Auslandsaufenthalt löschen")
    confirm_label = gettext_lazy("Auslandsaufenthalt löschen")
    success_message = gettext_lazy("Der Auslandsaufenthalt wurde gelöscht.")

    def get_object(self, person: Person, pk: int) -> StayAbroad:
        return get_object_or_404(StayAbroad, pk=pk, person=person)

    def question(self, obj: StayAbroad) -> str:
        return _("Soll der Auslandsaufenthalt %(stay)s gelöscht werden?") % {"stay": services.describe_stay(obj)}

    def delete(self, request, obj: StayAbroad) -> None:
        services.delete_stay(request.user, obj)
