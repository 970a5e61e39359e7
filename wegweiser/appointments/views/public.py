"""Public booking pages: no account, no case file. What a page shows is the service catalogue, free times,
or the one booking that the signed link in the URL belongs to.

The language is part of every path (``/termine/ar/...``); each view runs in it (``translation.override``), so
the page, the form messages and the refusals of the booking service are in the language the person chose.
Everything works without JavaScript: plain links and forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..forms.public import BookingForm, TimeChoiceForm
from ..models import Allocation, Appointment, BookingSettings, LotteryRound, RoundStatus, Service, Status
from ..services import availability, booking, bot_defence, ics, links, notify
from ..services.calendar import local


def client_languages() -> dict[str, str]:
    return dict(settings.CLIENT_LANGUAGES)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Check the language of the path (404 for others) and run the view in it."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if lang not in client_languages():
            raise Http404("unknown language")
        with translation.override(lang):
            response = view(request, lang, *args, **kwargs)
        response.headers.setdefault("Content-Language", lang)
        return response

    return wrapper


def _switch_links(request: HttpRequest, lang: str) -> list[dict[str, Any]]:
    """The same page in every client language (plain links: work without JavaScript and are crawlable)."""
    match = request.resolver_match
    result = []
    for code, name in settings.CLIENT_LANGUAGES:
        try:
            url = reverse(f"booking:{match.url_name}", kwargs={**match.kwargs, "lang": code})
        except NoReverseMatch:  # a page that cannot be switched falls back to the start page
            url = reverse("booking:services", kwargs={"lang": code})
        result.append({"code": code, "name": name, "url": url, "current": code == lang,
                       "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr"})
    return result


def _render(request: HttpRequest, lang: str, template: str, context: dict[str, Any], *,
            status: int = 200, private: bool = False) -> HttpResponse:
    context = {"lang": lang, "rtl": lang in settings.RTL_LANGUAGES, "languages": _switch_links(request, lang),
               "office_name": settings.OFFICE_NAME, "private": private, **context}
    response = render(request, f"appointments/public/{template}", context, status=status)
    if private:  # pages of one booking: never kept in a shared cache or the browser's history cache
        add_never_cache_headers(response)
    return response


def _service_name(service: Service, lang: str) -> dict[str, str]:
    text, in_lang = service.name_in(lang)
    return {"text": text, "lang": in_lang}


def _times(service: Service, day: date, rules: BookingSettings | None = None,
           free: list[availability.Offer] | None = None) -> list[time]:
    """The free start times of the day (``free``, if the caller has them), once each even when several counters
    offer them."""
    if free is None:
        free = availability.offers(service, day=day, booking=rules)
    return sorted({timezone.localtime(o.starts_at).time() for o in free})


# --- catalogue and booking -------------------------------------------------------------------------------


def _accepted_language(request: HttpRequest) -> str:
    codes = client_languages()
    header = request.headers.get("Accept-Language", "")
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _quality, _position, code in sorted(ranked):
        if code in codes:
            return code
    return "de"


def entry(request: HttpRequest) -> HttpResponse:
    """/termine/: the start page in the browser's language if the office offers it, else German."""
    response = redirect("booking:services", lang=_accepted_language(request))
    response.headers["Vary"] = "Accept-Language"
    return response


def _collecting_round(service: Service) -> LotteryRound | None:
    now = timezone.now()
    return (LotteryRound.objects.filter(service=service, status=RoundStatus.COLLECTING, opens_at__lte=now,
                                        closes_at__gt=now).order_by("closes_at").first())


@public_page
def services(request: HttpRequest, lang: str) -> HttpResponse:
    entries = []
    for service in Service.objects.filter(active=True, public=True):
        item: dict[str, Any] = {"service": service, "name": _service_name(service, lang), "url": "", "closes_at": None}
        if service.allocation == Allocation.LOTTERY:
            round_ = _collecting_round(service)
            if round_ is not None:
                item["url"] = reverse("booking:lottery_enter", kwargs={"lang": lang, "pk": round_.pk})
                item["closes_at"] = round_.closes_at
            item["lottery"] = True
        else:
            item["url"] = reverse("booking:service", kwargs={"lang": lang, "code": service.code})
        entries.append(item)
    return _render(request, lang, "services.html", {"entries": entries})


def _public_service(code: str) -> Service:
    return get_object_or_404(Service, code=code, active=True, public=True)


@public_page
def service(request: HttpRequest, lang: str, code: str) -> HttpResponse:
    svc = _public_service(code)
    if svc.allocation != Allocation.FIRST_COME:
        return redirect("booking:services", lang=lang)
    days = [{"day": d, "url": reverse("booking:day", kwargs={"lang": lang, "code": code, "day": d})}
            for d in availability.free_days(svc)]
    bring, bring_lang = svc.what_to_bring_in(lang)
    return _render(request, lang, "service.html", {
        "service": svc, "name": _service_name(svc, lang), "bring": bring, "bring_lang": bring_lang, "days": days})


@transaction.non_atomic_requests  # the booking service runs its own transaction; reads need none
@public_page
@require_http_methods(["GET", "POST"])
def day(request: HttpRequest, lang: str, code: str, day: date) -> HttpResponse:
    """The free times of a day and the booking form.

    A submitted form goes to the booking service without looking up the free times first: the service reads
    them once, checks the chosen time under a row lock, and hands the day's other free times back with a
    refusal, so the page offers them without asking again. When many people book at once (slots released at
    a known hour), this keeps every request as short as the lock allows."""
    svc = _public_service(code)
    if svc.allocation != Allocation.FIRST_COME:
        return redirect("booking:services", lang=lang)
    rules = BookingSettings.current()
    refusal, status, free = "", 200, None
    form_stamp = bot_defence.stamp()
    if request.method == "POST":
        form = BookingForm(request.POST, times=None)
        form_stamp = bot_defence.restamp(request.POST.get("stamp", ""))
        if not bot_defence.allow_attempt(request, rules=rules):
            refusal, status = bot_defence.too_many_attempts(), 429
        elif form.is_valid():
            try:
                appointment = booking.book(
                    service=svc, starts_at=local(day, form.chosen_time()), name=form.cleaned_data["name"].strip(),
                    email=form.cleaned_data["email"], phone=form.cleaned_data["phone"].strip(), language=lang,
                    rules=rules)
            except booking.BookingRefused as refused:
                refusal, free = refused.messages[0], refused.free
            else:
                return redirect("booking:done", lang=lang, token=links.make_token(appointment))
        else:
            status = 400 if form.has_error("__all__", "honeypot") else 200
        form.show_times(_times(svc, day, rules, free))
    else:
        form = BookingForm(times=_times(svc, day, rules))
    bring, bring_lang = svc.what_to_bring_in(lang)
    return _render(request, lang, "day.html", {
        "service": svc, "name": _service_name(svc, lang), "day": day, "form": form, "stamp": form_stamp,
        "refusal": refusal, "bring": bring, "bring_lang": bring_lang,
        "back_url": reverse("booking:service", kwargs={"lang": lang, "code": code})}, status=status)


# --- one booking, through its signed link ----------------------------------------------------------------


def _invalid_link(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(request, lang, "invalid_link.html", {}, status=404)


def signed_booking(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the signed link in the path to its booking (``appointment``); a forged, cancelled or outdated
    link gets the same "link not valid" page whatever the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        appointment = links.resolve(token)
        if appointment is None:
            return _invalid_link(request, lang)
        return view(request, lang, token, *args, appointment=appointment, **kwargs)

    return wrapper


def _audited(appointment: Appointment, what: str) -> None:
    """The person (or whoever has the link) read the booking's personal data: recorded, actor unknown."""
    record(actor=None, action=AuditAction.VIEW, purpose=booking.PURPOSE, person=appointment.person_id,
           obj=appointment, details={"page": what})


def _booking_context(appointment: Appointment, lang: str, token: str) -> dict[str, Any]:
    bring, bring_lang = appointment.service.what_to_bring_in(lang)
    open_ = appointment.status in (Status.BOOKED, Status.OFFERED)
    return {
        "appointment": appointment, "token": token, "name": _service_name(appointment.service, lang),
        "bring": bring, "bring_lang": bring_lang, "place": notify.place(appointment),
        "manage_url": notify.manage_url(appointment, lang),
        "can_cancel": Status.CANCELLED in booking.TRANSITIONS[appointment.status],
        "can_rebook": open_ and appointment.service.public and appointment.service.active
        and appointment.service.allocation == Allocation.FIRST_COME,
        "can_confirm": appointment.status == Status.OFFERED,
    }


def _show(request: HttpRequest, lang: str, token: str, appointment: Appointment, page: str,
          **extra: Any) -> HttpResponse:
    _audited(appointment, page)
    return _render(request, lang, "manage.html", {**_booking_context(appointment, lang, token), **extra},
                   private=True)


@public_page
@signed_booking
def manage(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    return _show(request, lang, token, appointment, "manage")


@public_page
@signed_booking
def done(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    """The confirmation after booking or rebooking: everything the e-mail says, in case it does not arrive."""
    return _show(request, lang, token, appointment, "confirmation", just_booked=True)


@public_page
@signed_booking
def ics_download(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    record(actor=None, action=AuditAction.DOWNLOAD, purpose=booking.PURPOSE, person=appointment.person_id,
           obj=appointment, details={"page": "ics"})
    response = HttpResponse(ics.calendar(appointment, method="PUBLISH", language=lang),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{appointment.reference}.ics"'
    add_never_cache_headers(response)
    return response


@public_page
@require_http_methods(["GET", "POST"])
@signed_booking
def cancel(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    refusal = ""
    if request.method == "POST":
        try:
            booking.cancel(appointment, reason="public")
        except booking.BookingRefused as refused:
            refusal = refused.messages[0]
        else:
            return redirect("booking:cancelled", lang=lang)
    else:
        _audited(appointment, "cancel")
    return _render(request, lang, "cancel.html", {**_booking_context(appointment, lang, token), "refusal": refusal},
                   private=True)


@public_page
def cancelled(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(request, lang, "cancelled.html", {})


@public_page
@require_POST
@signed_booking
def confirm(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    """An invited person accepts the offered time."""
    try:
        booking.confirm_offer(appointment)
    except booking.BookingRefused as refused:
        return _render(request, lang, "manage.html",
                       {**_booking_context(appointment, lang, token), "refusal": refused.messages[0]}, private=True)
    return redirect("booking:done", lang=lang, token=token)


@public_page
@signed_booking
def rebook(request: HttpRequest, lang: str, token: str, *, appointment: Appointment) -> HttpResponse:
    context = _booking_context(appointment, lang, token)
    _audited(appointment, "rebook")
    days = []
    if context["can_rebook"]:
        days = [{"day": d, "url": reverse("booking:rebook_day", kwargs={"lang": lang, "token": token, "day": d})}
                for d in availability.free_days(appointment.service)]
    return _render(request, lang, "rebook.html", {**context, "days": days}, private=True)


@public_page
@require_http_methods(["GET", "POST"])
@signed_booking
def rebook_day(request: HttpRequest, lang: str, token: str, day: date, *, appointment: Appointment) -> HttpResponse:
    context = _booking_context(appointment, lang, token)
    if not context["can_rebook"]:
        return redirect("booking:rebook", lang=lang, token=token)
    times = _times(appointment.service, day)
    refusal, status = "", 200
    if request.method == "POST":
        form = TimeChoiceForm(request.POST, times=times)
        if not bot_defence.allow_attempt(request):
            refusal, status = bot_defence.too_many_attempts(), 429
        elif form.is_valid():
            try:
                new = booking.rebook(appointment, starts_at=local(day, form.chosen_time()))
            except booking.BookingRefused as refused:
                refusal = refused.messages[0]
                form.show_times(_times(appointment.service, day, free=refused.free))
            else:
                return redirect("booking:done", lang=lang, token=links.make_token(new))
    else:
        _audited(appointment, "rebook")
        form = TimeChoiceForm(times=times)
    return _render(request, lang, "rebook_day.html", {
        **context, "day": day, "form": form, "refusal": refusal,
        "back_url": reverse("booking:rebook", kwargs={"lang": lang, "token": token})}, status=status, private=True)
