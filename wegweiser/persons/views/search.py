"""The person search page: one field, results as a table, live updates with htmx where JavaScript runs.

Without JavaScript the form submits as a plain GET and the full page comes back. With htmx the field asks
for the results region only (``HX-Request``), the URL follows the query (``hx-push-url``) so back/forward
and bookmarks work, and the result count lives in a persistent ``role="status"`` element that screen
readers announce when its text changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from .. import codes
from ..models import Person, ResidencePeriod
from ..search import MAX_QUERY_LENGTH, SearchHit, parse_query, search_persons

#: Hits shown at most; with more the page asks to narrow the search.
RESULT_LIMIT = 50
#: Shorter queries are not run (they match too much and only fill the audit trail while typing).
MIN_QUERY_LENGTH = 2
AUDIT_PURPOSE = "Personensuche"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Suchbegriff"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=gettext_lazy(
            "Name (auch in anderer Schreibweise oder Schrift), Geburtsdatum (TT.MM.JJJJ, unbekannte Teile als "
            "00, oder nur das Jahr) oder Aktenzeichen – auch kombiniert. Beispiele: „Mohammed Al-Hassan“, "
            "„Jusuf Demir 1990“, „00.03.1985“, „AZ-2024-0042“."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Die Suche darf höchstens %(limit_value)d Zeichen lang sein (eingegeben: %(show_value)d). "
                "Bitte kürzen Sie den Suchbegriff."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


def _current_statuses(persons: list[Person]) -> dict[int, str]:
    """The residence status valid today per person, in one query (latest period wins)."""
    today = date.today()
    periods = (
        ResidencePeriod.objects.filter(person__in=persons, valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("person_id", "valid_from", "pk")
    )
    return {period.person_id: period.get_status_display() for period in periods}


def _rows(hits: list[SearchHit]) -> list[dict[str, Any]]:
    persons = [hit.person for hit in hits]
    prefetch_related_objects(persons, "nationalities")
    statuses = _current_statuses(persons)
    rows = []
    for hit in hits:
        person = hit.person
        original = ", ".join(n for n in (person.family_name, person.given_names) if n)
        rows.append({
            "hit": hit,
            "person": person,
            "url": reverse("persons:detail", kwargs={"pk": person.pk}),
            "original_name": original if original != person.display_name else "",
            "nationalities": [codes.country_name(n.code) for n in person.nationalities.all()],
            "status": statuses.get(person.pk, ""),
        })
    return rows


class SearchView(View):
    """GET ?q=… — search persons visible to the user; every executed search is audited."""

    template_name = "persons/search.html"
    partial_template_name = "persons/_search_results.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        policy.require(request.user, Action.PERSON_SEARCH)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = SearchForm(request.GET if "q" in request.GET else None)
        context: dict[str, Any] = {"form": form, "query": "", "searched": False, "rows": [], "status": "",
                                   "result_limit": RESULT_LIMIT}
        if form.is_bound and not form.is_valid():
            context["status"] = _("Die Suche wurde nicht ausgeführt.")
        elif form.is_bound:
            query = " ".join(form.cleaned_data["q"].split())
            context["query"] = query
            if 0 < len(query) < MIN_QUERY_LENGTH:
                context["status"] = _("Bitte geben Sie mindestens %(count)d Zeichen ein.") % {
                    "count": MIN_QUERY_LENGTH}
            elif query:
                context.update(self._search(request, query))
        htmx = getattr(request, "htmx", None)
        partial = bool(htmx) and not htmx.history_restore_request
        context["partial"] = partial
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def _search(self, request: HttpRequest, query: str) -> dict[str, Any]:
        visible = policy.visible_persons(request.user, Person.objects.select_related("team"))
        hits = search_persons(visible, query, limit=RESULT_LIMIT + 1)
        truncated = len(hits) > RESULT_LIMIT
        hits = hits[:RESULT_LIMIT]
        record(actor=request.user, action=AuditAction.SEARCH, purpose=AUDIT_PURPOSE,
               details={"query": query, "hits": len(hits)})
        parsed = parse_query(query)
        if truncated:
            status = _("Mehr als %(limit)d Personen gefunden; angezeigt werden die %(limit)d besten Treffer.") % {
                "limit": RESULT_LIMIT}
        elif hits:
            status = ngettext("%(count)d Person gefunden.", "%(count)d Personen gefunden.", len(hits)) % {
                "count": len(hits)}
        else:
            status = _("Keine Person gefunden.")
        return {
            "searched": True,
            "rows": _rows(hits),
            "status": status,
            "truncated": truncated,
            "partial_match": bool(hits) and not any(hit.complete for hit in hits),
            "date_ignored": bool(hits) and parsed.birth_date is not None
            and all(hit.birth_date_match == "different" for hit in hits if hit.match != "file_number"),
            "birth_date": parsed.birth_date,
            "invalid_dates": parsed.invalid_dates,
        }
