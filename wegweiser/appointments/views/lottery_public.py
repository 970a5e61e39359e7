"""Public pages of the lottery (no account): enter a round, then the confirmation.

The language is part of the URL (one of settings.CLIENT_LANGUAGES). A second entry with the same e-mail
address and a request that filled the honeypot field get the same confirmation as a real first entry, so the
page tells nobody whether an address takes part or that a bot was spotted.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views import View

from ..forms.lottery import EntryForm
from ..models import LotteryRound, RoundStatus
from ..services import bot_defence, lottery


def client_language(lang: str) -> str:
    if lang not in dict(settings.CLIENT_LANGUAGES):
        raise Http404("unknown language")
    return lang


def _round(pk: int) -> LotteryRound:
    return get_object_or_404(LotteryRound.objects.select_related("service").exclude(status=RoundStatus.CANCELLED),
                             pk=pk)


def _context(request: HttpRequest, lang: str, lottery_round: LotteryRound, **extra) -> dict:
    service_name, service_lang = lottery_round.service.name_in(lang)
    url_name = f"booking:{request.resolver_match.url_name}"
    links = [{"code": code, "name": name, "current": code == lang,
              "dir": "rtl" if code in settings.RTL_LANGUAGES else "ltr",
              "url": reverse(url_name, kwargs={"lang": code, "pk": lottery_round.pk})}
             for code, name in settings.CLIENT_LANGUAGES]
    return {"lang": lang, "rtl": lang in settings.RTL_LANGUAGES, "round": lottery_round,
            "office_name": settings.OFFICE_NAME, "service_name": service_name, "service_lang": service_lang,
            "languages": links, **extra}


class EnterView(View):
    """The request form while the window is open; otherwise a page that says when it opens or that it closed."""

    template_name = "appointments/lottery/enter.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        lang = client_language(kwargs["lang"])
        with translation.override(lang):
            return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, lang: str, pk: int) -> HttpResponse:
        lottery_round = _round(pk)
        return self.render(request, lang, lottery_round, EntryForm())

    def post(self, request: HttpRequest, lang: str, pk: int) -> HttpResponse:
        lottery_round = _round(pk)
        form = EntryForm(request.POST)
        if form.is_bot():
            return redirect("booking:lottery_entered", lang=lang, pk=pk)
        if not lottery.is_open(lottery_round):
            return self.render(request, lang, lottery_round, form, status=409)
        if not bot_defence.allow_attempt(request):
            form.is_valid()
            form.add_error(None, bot_defence.too_many_attempts())
            return self.render(request, lang, lottery_round, form, status=429)
        if form.is_valid():
            try:
                lottery.enter(lottery_round, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                              language=lang)
            except lottery.LotteryRefused as exc:
                form.add_error(None, exc.messages)
            else:
                return redirect("booking:lottery_entered", lang=lang, pk=pk)
        return self.render(request, lang, lottery_round, form, status=400)

    def render(self, request: HttpRequest, lang: str, lottery_round: LotteryRound, form: EntryForm,
               status: int = 200) -> HttpResponse:
        now = timezone.now()
        return render(request, self.template_name, _context(
            request, lang, lottery_round, form=form, is_open=lottery.is_open(lottery_round, now),
            not_yet=lottery_round.status == RoundStatus.COLLECTING and now < lottery_round.opens_at),
            status=status)


class EnteredView(View):
    """"Ihre Anfrage ist eingegangen": when the draw takes place and that the result comes by e-mail."""

    def get(self, request: HttpRequest, lang: str, pk: int) -> HttpResponse:
        lang = client_language(lang)
        with translation.override(lang):
            return render(request, "appointments/lottery/entered.html", _context(request, lang, _round(pk)))
