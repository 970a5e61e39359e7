"""The office's catalogue pages (BOOKING_MANAGE): services, counters with their opening hours, absences and
the booking settings. The pages only read and write through ``services.catalogue`` (validated, audited, slots
published); a refused input is shown again with everything the user entered."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as django_render
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms.catalogue import AbsenceForm, CounterForm, HoursFormSet, ServiceForm, SettingsForm, hours_initial
from ..models import Absence, BookingSettings, Counter, Service
from ..services import catalogue


def render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Django's render with what the page's navigation needs to know (which other pages the user may open)."""
    context = {**context, "may_day_plan": policy.may(request.user, Action.APPOINTMENT_VIEW),
               "may_statistics": policy.may(request.user, Action.STATISTICS_VIEW)}
    return django_render(request, template, context, status=status)


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (on its field where it names one)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ServiceListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        services = Service.objects.prefetch_related("counters")
        return render(request, "appointments/office/service_list.html", {"services": services})


class ServiceEditView(View):
    """Create (no pk) or change a catalogue entry."""

    template_name = "appointments/office/service_form.html"

    def _service(self, pk: int | None) -> Service | None:
        return get_object_or_404(Service, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        service = self._service(pk)
        initial = None if service else {"duration_minutes": 15, "allocation": "first_come", "public": True,
                                        "active": True, "position": Service.objects.count()}
        form = ServiceForm(instance=service, initial=initial) if initial else ServiceForm(instance=service)
        return render(request, self.template_name, {"form": form, "service": service})

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        service = self._service(pk)
        form = ServiceForm(request.POST, instance=service)
        if form.is_valid():
            try:
                saved = catalogue.save_service(request.user, form.service_data(), service)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Die Leistung „%(name)s“ ist gespeichert.") % {"name": saved})
                return redirect("appointments:service_list")
        return render(request, self.template_name, {"form": form, "service": service}, status=400)


class CounterListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        counters = Counter.objects.select_related("staff").prefetch_related("hours", "services")
        return render(request, "appointments/office/counter_list.html", {"counters": counters})


class CounterEditView(View):
    """A counter and its opening hours on one page; saving publishes the counter's slots."""

    template_name = "appointments/office/counter_form.html"

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        counter = get_object_or_404(Counter, pk=pk) if pk else None
        form = CounterForm(instance=counter, prefix="counter")
        hours = HoursFormSet(initial=hours_initial(counter) if counter else None, prefix="hours")
        return render(request, self.template_name, {"form": form, "hours": hours, "counter": counter})

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        counter = get_object_or_404(Counter, pk=pk) if pk else None
        form = CounterForm(request.POST, instance=counter, prefix="counter")
        hours = HoursFormSet(request.POST, prefix="hours")
        form_ok, hours_ok = form.is_valid(), hours.is_valid()
        if form_ok and hours_ok:
            try:
                saved = catalogue.save_counter(request.user, form.cleaned_data, counter, publish=False)
                result = catalogue.set_hours(request.user, saved, hours.rows())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Der Schalter „%(name)s“ ist gespeichert: %(created)d Zeitfenster "
                                            "veröffentlicht, %(withdrawn)d zurückgezogen.")
                                 % {"name": saved.name, "created": result.created, "withdrawn": result.withdrawn})
                return redirect("appointments:counter_list")
        return render(request, self.template_name, {"form": form, "hours": hours, "counter": counter}, status=400)


class AbsenceListView(View):
    """Absences from today on, and the form to add one."""

    template_name = "appointments/office/absence_list.html"

    def _render(self, request: HttpRequest, form: AbsenceForm, status: int = 200) -> HttpResponse:
        from django.utils import timezone

        absences = (Absence.objects.filter(ends_at__gte=timezone.now()).select_related("counter", "user")
                    .order_by("starts_at"))
        return render(request, self.template_name, {"form": form, "absences": absences}, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        return self._render(request, AbsenceForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        form = AbsenceForm(request.POST)
        if form.is_valid():
            try:
                catalogue.add_absence(request.user, form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Die Abwesenheit ist eingetragen; freie Zeitfenster in dieser Zeit "
                                            "sind zurückgezogen. Gebuchte Termine bleiben, bitte prüfen Sie den "
                                            "Tagesplan."))
                return redirect("appointments:absence_list")
        return self._render(request, form, status=400)


class AbsenceDeleteView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        catalogue.remove_absence(request.user, get_object_or_404(Absence, pk=pk))
        messages.success(request, _("Die Abwesenheit ist gelöscht."))
        return redirect("appointments:absence_list")


class SettingsView(View):
    template_name = "appointments/office/settings.html"

    def _render(self, request: HttpRequest, form: SettingsForm, status: int = 200) -> HttpResponse:
        row = BookingSettings.current()
        return render(request, self.template_name, {
            "form": form, "holidays": catalogue.coming_holidays(row.land), "land": row.land,
        }, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        return self._render(request, SettingsForm(instance=BookingSettings.current()))

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        form = SettingsForm(request.POST, instance=BookingSettings.current())
        if form.is_valid():
            try:
                catalogue.save_settings(request.user, form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Die Einstellungen sind gespeichert und die Zeitfenster neu "
                                            "veröffentlicht."))
                return redirect("appointments:settings")
        return self._render(request, form, status=400)


class PublishView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        result = catalogue.publish_now(request.user)
        messages.success(request, _("Zeitfenster veröffentlicht: %(created)d neu, %(withdrawn)d zurückgezogen.")
                         % {"created": result.created, "withdrawn": result.withdrawn})
        return redirect("appointments:settings")
