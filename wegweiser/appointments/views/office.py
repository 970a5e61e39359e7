"""The office's day: the day plan per counter with the state buttons, booking for a walk-in or a caller, the
public call-up display for the waiting room and the statistics of waiting and service times.

The day plan shows names, so each page load is audited once (the ids of the appointments shown, no names).
The display shows queue numbers and counter names only: it is public and hangs in the waiting room.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..forms.office import STEPS, DayForm, PeriodForm, StaffBookingForm, StepForm
from ..models import (
    HOLDING,
    TRANSITIONS,
    Absence,
    Appointment,
    BookingSettings,
    Counter,
    Slot,
    SlotBooking,
    Status,
)
from ..services import availability, booking, daystats
from ..services.calendar import holiday_name
from ..services.catalogue import local_bounds

#: The languages of the display's headings: the waiting room is multilingual.
DISPLAY_LANGUAGES = ("de", "en", "ar")
#: How often the display asks for new numbers (seconds); without JavaScript the page reloads itself.
DISPLAY_POLL_SECONDS = 3
DISPLAY_REFRESH_SECONDS = 15


def steps_for(appointment: Appointment) -> list[tuple[str, str]]:
    """The buttons the appointment's state allows (check-in only from "booked", not back from "called")."""
    allowed = TRANSITIONS[appointment.status]
    return [(to, str(label)) for to, label in STEPS.items()
            if to in allowed and not (to == Status.CHECKED_IN and appointment.status != Status.BOOKED)]


@dataclass
class CounterColumn:
    counter: Counter
    rows: list[dict[str, Any]] = field(default_factory=list)
    free: list[Slot] = field(default_factory=list)
    lottery: list[Slot] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)


def day_plan(day: date, counter: Counter | None = None) -> list[CounterColumn]:
    """Per counter: the day's appointments in time order, the free slots, slots held for a lottery and the
    absences that close it."""
    begin, end = local_bounds(day)
    if counter is not None:
        counters = [counter]
    else:
        counters = list(Counter.objects.filter(Q(active=True) | Q(appointments__starts_at__gte=begin,
                                                                  appointments__starts_at__lt=end)).distinct())
    columns = []
    for c in counters:
        appointments = (Appointment.objects.filter(counter=c, starts_at__gte=begin, starts_at__lt=end,
                                                   status__in=HOLDING).select_related("service")
                        .order_by("starts_at"))
        slots = (Slot.objects.filter(counter=c, starts_at__gte=begin, starts_at__lt=end)
                 .annotate(booked=Exists(SlotBooking.objects.filter(slot=OuterRef("pk")))).order_by("starts_at"))
        who = Q(counter=c) | (Q(user_id=c.staff_id) if c.staff_id else Q(pk__in=[]))
        column = CounterColumn(
            c, rows=[{"appointment": a, "steps": steps_for(a)} for a in appointments],
            free=[s for s in slots if not s.booked and s.lottery_round_id is None],
            lottery=[s for s in slots if not s.booked and s.lottery_round_id is not None],
            absences=list(Absence.objects.filter(who, starts_at__lt=end, ends_at__gt=begin)),
        )
        columns.append(column)
    return columns


def _day_query(day: date, counter_id: Any = None) -> str:
    params = {"day": day.isoformat()}
    if counter_id:
        params["counter"] = str(counter_id)
    return urlencode(params)


class DayPlanView(View):
    template_name = "appointments/office/day_plan.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.APPOINTMENT_VIEW)
        form = DayForm(request.GET or None)
        day, counter = form.selected_day(), form.selected_counter()
        columns = day_plan(day, counter)
        ids = [row["appointment"].pk for column in columns for row in column.rows]
        record(actor=request.user, action=AuditAction.VIEW, purpose=booking.PURPOSE,
               object_type="appointments.dayplan", object_id=day.isoformat(),
               details={"page": "day_plan", "counter": counter.pk if counter else "", "count": len(ids),
                        "appointment_ids": ids})
        return render(request, self.template_name, {
            "form": form, "day": day, "columns": columns, "holiday": holiday_name(day, BookingSettings.current().land),
            "may_handle": policy.may(request.user, Action.APPOINTMENT_HANDLE),
            "may_manage": policy.may(request.user, Action.BOOKING_MANAGE),
            "may_statistics": policy.may(request.user, Action.STATISTICS_VIEW),
            "query": _day_query(day, counter.pk if counter else None),
            "previous": _day_query(day - timedelta(days=1), counter.pk if counter else None),
            "next": _day_query(day + timedelta(days=1), counter.pk if counter else None),
            "stats": daystats.per_counter(day, [c.counter.pk for c in columns]),
        }, status=200 if not form.is_bound or form.is_valid() else 400)


class StepView(View):
    """One state step (check-in, call-up, done, no-show). With htmx the row is swapped in place; without
    JavaScript the day plan is shown again with a message."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.APPOINTMENT_HANDLE)
        appointment = get_object_or_404(Appointment.objects.select_related("service", "counter"), pk=pk)
        form = StepForm(request.POST)
        error = notice = ""
        if not form.is_valid():
            error = _("Dieser Schritt ist nicht bekannt. Bitte laden Sie die Seite neu.")
        else:
            try:
                appointment = booking.transition(appointment, form.cleaned_data["to"], actor=request.user,
                                                 expected_version=form.cleaned_data["version"])
            except booking.BookingRefused as exc:
                error = " ".join(exc.messages)
            else:
                if appointment.status == Status.CHECKED_IN:
                    notice = _("%(reference)s ist angemeldet. Wartenummer: %(number)s") % {
                        "reference": appointment.reference, "number": appointment.queue_number}
                else:
                    notice = _("%(reference)s: %(status)s") % {"reference": appointment.reference,
                                                               "status": appointment.get_status_display()}
        appointment.refresh_from_db()
        if request.htmx:
            return render(request, "appointments/office/_appointment_row.html", {
                "row": {"appointment": appointment, "steps": steps_for(appointment)}, "may_handle": True,
                "error": error, "notice": notice, "query": request.POST.get("back", "")})
        (messages.error if error else messages.success)(request, error or notice)
        day = timezone.localdate(appointment.starts_at)
        back = request.POST.get("back") or _day_query(day)
        return redirect(f"{reverse('appointments:day_plan')}?{back}#appointment-{appointment.pk}")


class StaffBookingView(View):
    """Book any active service (also one not bookable online) at a free time, for a walk-in or a caller."""

    template_name = "appointments/office/staff_booking.html"

    @staticmethod
    def _offers(form: StaffBookingForm) -> list:
        service, day = form.cleaned_data.get("service"), form.cleaned_data.get("day")
        if not service or not day:
            return []
        return availability.offers(service, day=day, public=False)

    def _form(self, data: Any = None, initial: dict | None = None) -> StaffBookingForm:
        probe = StaffBookingForm(data or initial or {})
        probe.is_valid()
        offers = self._offers(probe)
        return StaffBookingForm(data, initial=initial, offers=offers) if data is not None else \
            StaffBookingForm(initial=initial, offers=offers)

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.APPOINTMENT_HANDLE)
        initial = {"day": request.GET.get("day") or timezone.localdate().isoformat(), "language": "de"}
        if request.GET.get("service"):
            initial["service"] = request.GET["service"]
        form = self._form(initial=initial)
        return render(request, self.template_name, {"form": form, "searched": "service" in initial})

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.APPOINTMENT_HANDLE)
        form = self._form(request.POST)
        if form.is_valid() and request.POST.get("book"):
            offer = form.chosen_offer()
            data = form.cleaned_data
            try:
                if offer is None:
                    raise booking.BookingRefused(_("Diese Zeit ist nicht mehr frei. Bitte wählen Sie eine andere."),
                                                 code="taken")
                appointment = booking.book(
                    service=data["service"], starts_at=offer.starts_at, counter_id=offer.counter_id,
                    name=data["name"].strip(), email=data["email"], phone=data["phone"], language=data["language"],
                    public=False, actor=request.user)
            except booking.BookingRefused as exc:
                form.add_error(None, " ".join(exc.messages))
                form = self._refresh(form)
            else:
                messages.success(request, _("Termin %(reference)s gebucht: %(time)s, %(counter)s.") % {
                    "reference": appointment.reference,
                    "time": timezone.localtime(appointment.starts_at).strftime("%d.%m.%Y %H:%M"),
                    "counter": appointment.counter.name})
                query = _day_query(timezone.localdate(appointment.starts_at), appointment.counter_id)
                return redirect(f"{reverse('appointments:day_plan')}?{query}#appointment-{appointment.pk}")
        status = 400 if request.POST.get("book") else 200
        return render(request, self.template_name, {"form": form, "searched": True}, status=status)

    def _refresh(self, form: StaffBookingForm) -> StaffBookingForm:
        """The same input with the free times as they are now (the chosen one may be gone)."""
        fresh = self._form(form.data)
        fresh.is_valid()
        for error in form.non_field_errors():
            fresh.add_error(None, error)
        return fresh


#: The display's texts (context "client"), each shown in every display language.
DISPLAY_TEXTS = {
    "title": pgettext_lazy("client", "Aufrufanzeige"),
    "called": pgettext_lazy("client", "Aufgerufen"),
    "waiting": pgettext_lazy("client", "Bitte warten"),
    "number": pgettext_lazy("client", "Nummer"),
    "counter": pgettext_lazy("client", "Schalter"),
    "none_called": pgettext_lazy("client", "Zurzeit wird keine Nummer aufgerufen."),
    "none_waiting": pgettext_lazy("client", "Zurzeit wartet niemand."),
}


def _in_languages(message: Any) -> list[dict[str, str]]:
    """A client text in each display language (identical fallbacks shown once), with lang and dir."""
    result: list[dict[str, str]] = []
    for code in DISPLAY_LANGUAGES:
        with translation.override(code):
            text = str(message)
        if all(text != r["text"] for r in result):
            result.append({"lang": code, "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr", "text": text})
    return result


def display_state() -> dict[str, Any]:
    """Today's called and waiting queue numbers: numbers and counter names only, no appointment objects."""
    today = timezone.localdate()
    called = (Appointment.objects.filter(queue_day=today, status=Status.CALLED).order_by("-called_at")
              .values_list("queue_number", "counter__name"))
    waiting = (Appointment.objects.filter(queue_day=today, status=Status.CHECKED_IN).order_by("queue_number")
               .values_list("queue_number", flat=True))
    return {"called": [{"number": n, "counter": c} for n, c in called], "waiting": list(waiting),
            "updated": timezone.localtime(), "texts": {k: _in_languages(v) for k, v in DISPLAY_TEXTS.items()}}


@method_decorator(never_cache, name="get")
class DisplayView(View):
    """The call-up display in the waiting room (public): large, high contrast, updates itself."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "appointments/office/display.html", {
            **display_state(), "poll": DISPLAY_POLL_SECONDS,
            "refresh": DISPLAY_REFRESH_SECONDS})


@method_decorator(never_cache, name="get")
class DisplayFeedView(View):
    """The display's regions for htmx (swapped out of band, so the live regions stay in place)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "appointments/office/_display_feed.html", {
            **display_state(), "oob": True})


class StatisticsView(View):
    """Waiting and service times (median, 90th percentile) and no-shows per service and week: aggregates only."""

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.STATISTICS_VIEW)
        first, last = PeriodForm.default()
        form = PeriodForm(request.GET if "date_from" in request.GET else None,
                          initial={"date_from": first, "date_to": last})
        status = 200
        rows, total = [], None
        if form.is_bound and not form.is_valid():
            status = 400
        else:
            if form.is_bound:
                first, last = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
            rows, total = daystats.per_service_and_week(first, last), daystats.totals(first, last)
        return render(request, "appointments/office/statistics.html", {
            "form": form, "rows": rows, "total": total, "date_from": first, "date_to": last,
            "may_day_plan": policy.may(request.user, Action.APPOINTMENT_VIEW),
            "may_manage": policy.may(request.user, Action.BOOKING_MANAGE)}, status=status)
