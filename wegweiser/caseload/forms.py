"""The dashboard's filter: the period in whole months, and for the Teamleitung Lotse/Lotsin and team."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Team
from wegweiser.core.forms import apply_kern_classes

from .services.period import MAX_MONTHS, Period, add_months, month_start
from .services.scope import UNASSIGNED, Scope, lotse_choices

#: How far back the period can start (months before the current one).
HISTORY_MONTHS = 60


def _month_choices(today: date) -> list[tuple[str, str]]:
    current = month_start(today)
    months = [add_months(current, -i) for i in range(HISTORY_MONTHS)]
    return [(m.strftime("%Y-%m"), formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months]


def _parse_month(value: str) -> date:
    year, month = value.split("-")
    return date(int(year), int(month), 1)


class DashboardFilterForm(forms.Form):
    first = forms.ChoiceField(label=_("Zeitraum von"), required=False)
    last = forms.ChoiceField(label=_("Zeitraum bis"), required=False)
    lotse = forms.ChoiceField(label=_("Integrationslotse/-lotsin"), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False,
                                  empty_label=_("alle Teams"))

    def __init__(self, data: Any = None, *, today: date, office: bool) -> None:
        self.today, self.office = today, office
        default = Period.last_months(today)
        super().__init__(data, initial={"first": default.first.strftime("%Y-%m"), "last": default.last.strftime("%Y-%m")})
        months = _month_choices(today)
        self.fields["first"].choices = months
        self.fields["last"].choices = months
        if office:
            people = [(str(u.pk), u.get_full_name() or u.username) for u in lotse_choices()]
            self.fields["lotse"].choices = [("", _("alle")), (UNASSIGNED, _("ohne Zuordnung")), *people]
        else:
            del self.fields["lotse"]
            del self.fields["team"]
        apply_kern_classes(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        default = Period.last_months(self.today)
        if "first" in data and "last" in data:  # both were valid choices (or left empty: the default)
            first = _parse_month(data["first"]) if data["first"] else default.first
            last = _parse_month(data["last"]) if data["last"] else default.last
            if first > last:
                self.add_error("last", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
            elif len(Period(first, last).months) > MAX_MONTHS:
                self.add_error("last", _("Bitte wählen Sie höchstens %(count)d Monate.") % {"count": MAX_MONTHS})
            else:
                data["period"] = Period(first, last)
        return data

    def period(self) -> Period:
        """The chosen period if the form is valid, else the default (last 12 months)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return Period.last_months(self.today)

    def scope(self, user: Any) -> Scope:
        if not self.office:
            return Scope(office=False)
        if not (self.is_bound and self.is_valid()):
            return Scope(office=True)
        lotse: Any = self.cleaned_data.get("lotse") or None
        if lotse and lotse != UNASSIGNED:
            lotse = lotse_choices().get(pk=int(lotse))
        return Scope(office=True, lotse=lotse, team=self.cleaned_data.get("team"))
