"""Staff pages of the lottery (BOOKING_MANAGE): the rounds, opening one, its results and drawing it now.

The result list shows ranks, results and booking numbers, not names or e-mail addresses: checking a draw
does not need them, and the office's day plan shows who comes.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..forms.lottery import RoundForm
from ..models import LotteryRound, RoundStatus
from ..services import lottery
from ..services.booking import PURPOSE


class RoundListView(View):
    """All rounds, newest first, with how many requests and reserved slots each has."""

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        rounds = (LotteryRound.objects.select_related("service")
                  .annotate(entry_count=Count("entries", distinct=True), slot_count=Count("slots", distinct=True)))
        return render(request, "appointments/lottery/round_list.html", {"rounds": rounds, "now": timezone.now()})


class RoundCreateView(View):
    """Open a round: the free slots of the chosen days are held back until the draw."""

    template_name = "appointments/lottery/round_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        return render(request, self.template_name, {"form": RoundForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        form = RoundForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = lottery.open_round(service=data["service"], opens_at=data["opens_at"],
                                             closes_at=data["closes_at"], first_day=data["first_day"],
                                             last_day=data["last_day"], actor=request.user)
            except lottery.LotteryRefused as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Verlosungsrunde ist angelegt; %(count)d Zeitfenster sind bis zur "
                                            "Verlosung zurückgehalten.") % {"count": lottery.reserved_count(created)})
                return redirect("appointments:lottery_detail", pk=created.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class RoundDetailView(View):
    """A round: its window, the number of requests, and after the draw the ranks, results and the check."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        lottery_round = get_object_or_404(LotteryRound.objects.select_related("service"), pk=pk)
        entries = lottery.results(lottery_round)
        drawn = lottery_round.status == RoundStatus.DRAWN
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, obj=lottery_round,
               details={"view": "lottery_detail", "entries": len(entries)})
        now = timezone.now()
        return render(request, "appointments/lottery/round_detail.html", {
            "round": lottery_round, "entries": entries if drawn else [], "entry_count": len(entries),
            "reserved": lottery.reserved_count(lottery_round), "drawn": drawn,
            "won": sum(1 for e in entries if e.result == "won"),
            "verification": lottery.verify(lottery_round) if drawn else None,
            "can_draw": lottery_round.status == RoundStatus.COLLECTING and now >= lottery_round.closes_at,
            "is_open": lottery.is_open(lottery_round, now),
        })


class RoundDrawView(View):
    """Draw a round now that its window has closed (the scheduled task does the same; never twice)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.BOOKING_MANAGE)
        lottery_round = get_object_or_404(LotteryRound, pk=pk)
        try:
            result = lottery.draw(lottery_round, actor=request.user)
        except lottery.LotteryRefused as exc:
            messages.error(request, exc.messages[0])
        else:
            if result.drawn_now:
                messages.success(request, _("Verlost: %(won)d Termine vergeben, %(lost)d Anfragen ohne Termin, "
                                            "%(released)d Zeitfenster wieder frei buchbar.")
                                 % {"won": result.winners, "lost": result.losers, "released": result.released})
            else:
                messages.info(request, _("Diese Runde ist schon verlost; sie wird nicht noch einmal verlost."))
        return redirect("appointments:lottery_detail", pk=pk)
