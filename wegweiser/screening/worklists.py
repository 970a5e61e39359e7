"""The worklists: whom to approach now, soon, or before a permit runs out.

Five lists read the results of the *current* screening run (``current_run()``; a failed or running run never
shows half-written results). The expiry list reads the residence periods only, so it works without any run:
nobody drops out of sight because the nightly run failed.

"Current residence period" means what ``persons.services.residence.current_status`` means: the period valid
on the day, the later one where two touch (a Fiktionsbescheinigung on the title's last day). Periods are
compared with today, run results with the run's reference date (``as_of``).

The queries are pure reads: the caller narrows the persons with ``policy.visible_persons`` beforehand and
audits what is shown or exported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import DateField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Person, ResidencePeriod, ResidenceStatus
from wegweiser.persons.services.situation import normalise_legal_basis
from wegweiser.rules.pathways import PATHWAYS

from .models import ScreeningResult, ScreeningRun

ELIGIBLE = "eligible"
ELIGIBLE_LATER = "eligible_later"
UNDETERMINED = "undetermined"
NOT_IN_FORCE = "not_in_force"

#: Pathways a Duldung can lead to (training, employment, skilled work): the "chance" list looks at these.
DULDUNG_PATHWAYS = ("aufenthg_60c", "aufenthg_60d", "aufenthg_16g", "aufenthg_19d")
#: Outcomes that count as a chance: met, met with time, or open because facts or proof are missing.
CHANCE_OUTCOMES = (ELIGIBLE, ELIGIBLE_LATER, UNDETERMINED)
#: The pathways a § 104c permit is meant to lead to (§ 104c Abs. 1 AufenthG a. F.).
BRIDGE_TARGETS = ("aufenthg_25a", "aufenthg_25b")

OUTCOME_LABELS: dict[str, Promise] = {
    ELIGIBLE: _("erfüllt"),
    ELIGIBLE_LATER: _("erfüllt ab"),
    UNDETERMINED: _("offen"),
    "not_eligible": _("nicht erfüllt"),
    NOT_IN_FORCE: _("nicht in Kraft"),
}


@dataclass(frozen=True)
class Worklist:
    key: str  # the URL part
    title: Promise
    description: Promise
    date_label: Promise  # what the date column holds
    uses_run: bool = True
    #: pathways offered in the pathway filter (empty: no pathway filter on this list)
    pathways: tuple[str, ...] = field(default=tuple(PATHWAYS))
    months: int = 0  # horizon of the list, where it has one


WORKLISTS: dict[str, Worklist] = {w.key: w for w in (
    Worklist("jetzt", _("Jetzt erfüllt"),
             _("Personen, bei denen der letzte Prüflauf für mindestens einen Weg alle Voraussetzungen erfüllt "
               "sieht."),
             _("Erfüllt seit Stichtag")),
    Worklist("bald-3", _("In 3 Monaten"),
             _("Nur noch Zeit fehlt: Die Voraussetzungen sind spätestens drei Monate nach dem Stichtag des "
               "Prüflaufs erfüllt, wenn der jetzige Status fortbesteht."),
             _("Frühestens am"), months=3),
    Worklist("bald-6", _("In 6 Monaten"),
             _("Nur noch Zeit fehlt: Die Voraussetzungen sind spätestens sechs Monate nach dem Stichtag des "
               "Prüflaufs erfüllt, wenn der jetzige Status fortbesteht."),
             _("Frühestens am"), months=6),
    Worklist("bald-12", _("In 12 Monaten"),
             _("Nur noch Zeit fehlt: Die Voraussetzungen sind spätestens zwölf Monate nach dem Stichtag des "
               "Prüflaufs erfüllt, wenn der jetzige Status fortbesteht."),
             _("Frühestens am"), months=12),
    Worklist("ein-schritt", _("Ein Schritt entfernt"),
             _("Für mindestens einen Weg fehlt genau eine Voraussetzung, die die Person selbst erreichen oder "
               "nachweisen kann (zum Beispiel ein Sprachnachweis); der Weg ist noch nicht erfüllt."),
             _("Frühestens am")),
    Worklist("104c", _("§ 104c läuft aus"),
             _("Inhaberinnen und Inhaber eines Chancen-Aufenthaltsrechts (§ 104c AufenthG), deren "
               "Aufenthaltserlaubnis in den nächsten sechs Monaten endet und die laut letztem Prüflauf die "
               "Voraussetzungen von § 25a oder § 25b AufenthG noch nicht erfüllen. Ohne Prüflauf erscheinen "
               "alle, deren Erlaubnis ausläuft."),
             _("Gültig bis"), pathways=(), months=6),
    Worklist("duldung-chance", _("Duldung mit Chance"),
             _("Personen mit Duldung, die laut letztem Prüflauf eine Chance auf § 60c, § 60d, § 16g oder § 19d "
               "AufenthG haben. „Chance“ heißt: Für mindestens einen dieser Wege ist keine Voraussetzung "
               "sicher verfehlt – die Voraussetzungen sind erfüllt, werden mit Zeitablauf erfüllt, oder es "
               "fehlen noch Angaben oder Nachweise, um es zu entscheiden."),
             _("Frühestens am"), pathways=DULDUNG_PATHWAYS),
    Worklist("ablaufend", _("Status läuft ab"),
             _("Personen, deren aktueller Aufenthaltsstatus in den nächsten drei Monaten endet, ohne dass ein "
               "anschließender Zeitraum erfasst ist. Diese Liste liest nur die Aufenthaltszeiträume und hängt "
               "nicht vom Prüflauf ab."),
             _("Gültig bis"), uses_run=False, pathways=(), months=3),
)}

#: Age bands of the filter, in full years. The limits follow § 25a AufenthG: under 14 a child is not yet
#: "Jugendlicher" (it may only benefit through its parents, § 25a Abs. 2); 14 to 17 are Jugendliche; 18 to
#: 20 young adults who fell under the old limit (application before the 21st birthday until 30.12.2022);
#: 21 to 26 those under today's limit (before the 27th birthday); from 27 § 25a is closed and § 25b is the
#: way.
AGE_BANDS: dict[str, tuple[Promise, int | None, int | None]] = {
    "unter-14": (_("unter 14 Jahre"), None, 13),
    "14-17": (_("14 bis 17 Jahre"), 14, 17),
    "18-20": (_("18 bis 20 Jahre"), 18, 20),
    "21-26": (_("21 bis 26 Jahre"), 21, 26),
    "ab-27": (_("27 Jahre und älter"), 27, None),
}

NONE = "none"  # filter value: no team / no Lotse assigned

SORTS: dict[str, tuple[str, ...]] = {
    "name": ("sort_family", "sort_given", "file_number"),
    "-name": ("-sort_family", "-sort_given", "file_number"),
    "datum": ("list_date", "sort_family", "file_number"),
    "-datum": ("-list_date", "sort_family", "file_number"),
    "aktenzeichen": ("file_number",),
    "-aktenzeichen": ("-file_number",),
}
DEFAULT_SORT = "datum"


def add_months(day: date, months: int) -> date:
    """Calendar months (31.08. + 6 months = 28./29.02.)."""
    return day + relativedelta(months=months)


def years_before(day: date, years: int) -> date:
    return day - relativedelta(years=years)


@dataclass
class Filters:
    """The filters of a list (all optional)."""

    team: str = ""  # a team id or NONE
    lotse: str = ""  # a user id or NONE
    nationality: str = ""
    age: str = ""  # a key of AGE_BANDS
    pathway: str = ""

    def summary(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Selection:
    """The persons of a list and the run results that put them on it (None for lists without a run)."""

    worklist: Worklist
    run: ScreeningRun | None
    persons: QuerySet[Person]
    results: QuerySet[ScreeningResult] | None


def _current_periods(day: date) -> QuerySet[ResidencePeriod]:
    return (
        ResidencePeriod.objects.filter(person=OuterRef("pk"), valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("-valid_from", "-pk")
    )


def with_current_period(persons: QuerySet[Person], day: date) -> QuerySet[Person]:
    """Annotate the current period's status, legal basis, start and end (``current_*``)."""
    current = _current_periods(day)
    return persons.annotate(
        current_status=Subquery(current.values("status")[:1]),
        current_basis=Subquery(current.values("legal_basis")[:1]),
        current_from=Subquery(current.values("valid_from")[:1]),
        current_until=Subquery(current.values("valid_until")[:1]),
    )


def _ending(persons: QuerySet[Person], day: date, months: int, *, basis_104c: bool = False) -> list[int]:
    """Persons whose current period ends between ``day`` and ``day`` + ``months`` (inclusive) and has no
    recorded successor that starts at the latest on the day after its end."""
    last = add_months(day, months)
    candidates = with_current_period(persons, day).filter(current_until__gte=day, current_until__lte=last)
    candidates = candidates.exclude(current_status=ResidenceStatus.NONE)
    if basis_104c:
        candidates = candidates.filter(current_basis__icontains="104c")
    following = (
        ResidencePeriod.objects.filter(person=OuterRef("pk"), valid_from__gt=OuterRef("current_from"))
        .order_by("valid_from").values("valid_from")[:1]
    )
    ids = []
    for pk, basis, until, next_from in candidates.annotate(next_from=Subquery(following)).values_list(
        "pk", "current_basis", "current_until", "next_from"
    ):
        if basis_104c and not (normalise_legal_basis(basis) or "").startswith("aufenthg_104c"):
            continue
        if next_from is not None and next_from <= until + timedelta(days=1):
            continue  # a continuation (renewal, Fiktion, new title) is already recorded
        ids.append(pk)
    return ids


def _first_date(results: QuerySet[ScreeningResult]) -> Subquery:
    return Subquery(
        results.filter(person=OuterRef("pk"), earliest_date__isnull=False)
        .order_by("earliest_date").values("earliest_date")[:1]
    )


def run_results(worklist: Worklist, run: ScreeningRun, pathway: str = "") -> QuerySet[ScreeningResult]:
    """The results of ``run`` that put a person on a run-based list."""
    results = ScreeningResult.objects.filter(run=run)
    if pathway:
        results = results.filter(pathway=pathway)
    key = worklist.key
    if key == "jetzt":
        return results.filter(outcome=ELIGIBLE)
    if key.startswith("bald-"):
        return results.filter(outcome=ELIGIBLE_LATER, earliest_date__isnull=False,
                              earliest_date__lte=add_months(run.as_of, worklist.months))
    if key == "ein-schritt":
        # Exactly one open condition, and the person can achieve or prove it: no exclusion, no judgement, no
        # waiting time besides it (a person with one step plus a waiting time is on the "bald" lists later).
        return results.filter(gaps=1, achievable_gaps=1).exclude(outcome__in=(ELIGIBLE, NOT_IN_FORCE))
    if key == "duldung-chance":
        return results.filter(pathway__in=DULDUNG_PATHWAYS, outcome__in=CHANCE_OUTCOMES)
    raise ValueError(key)


def apply_filters(persons: QuerySet[Person], filters: Filters, day: date) -> QuerySet[Person]:
    if filters.team == NONE:
        persons = persons.filter(team__isnull=True)
    elif filters.team:
        persons = persons.filter(team_id=int(filters.team))
    if filters.lotse == NONE:
        persons = persons.filter(lotse__isnull=True)
    elif filters.lotse:
        persons = persons.filter(lotse_id=int(filters.lotse))
    if filters.nationality:
        persons = persons.filter(nationalities__code=filters.nationality)
    if filters.age:
        # Birth dates are stored as text YYYY-MM-DD with 00 for unknown parts, so comparing the text treats an
        # unknown day or month as the earliest possible one (as PartialDate.earliest does).
        _label, youngest, oldest = AGE_BANDS[filters.age]
        persons = persons.exclude(birth_date__isnull=True).exclude(birth_date="")
        if youngest is not None:
            persons = persons.filter(birth_date__lte=PartialDate.from_date(years_before(day, youngest)))
        if oldest is not None:
            persons = persons.filter(birth_date__gt=PartialDate.from_date(years_before(day, oldest + 1)))
    return persons


def select(worklist: Worklist, persons: QuerySet[Person], run: ScreeningRun | None, filters: Filters,
           *, day: date, sort: str = DEFAULT_SORT) -> Selection:
    """The persons of ``worklist`` among ``persons`` (already narrowed by the policy), filtered and sorted,
    each annotated with ``list_date`` (the date the list is about)."""
    persons = apply_filters(persons, filters, day)
    results: QuerySet[ScreeningResult] | None = None
    if worklist.key == "ablaufend":
        persons = with_current_period(persons.filter(pk__in=_ending(persons, day, worklist.months)), day)
        persons = persons.annotate(list_date=F("current_until"))
    elif worklist.key == "104c":
        persons = persons.filter(pk__in=_ending(persons, day, worklist.months, basis_104c=True))
        if run is not None:
            met = ScreeningResult.objects.filter(run=run, pathway__in=BRIDGE_TARGETS, outcome=ELIGIBLE)
            persons = persons.exclude(pk__in=met.values("person_id"))
            results = ScreeningResult.objects.filter(run=run, pathway__in=BRIDGE_TARGETS)
        persons = with_current_period(persons, day).annotate(list_date=F("current_until"))
    elif run is None:
        persons = persons.none().annotate(list_date=Value(None, output_field=DateField()))
    else:
        pathway = filters.pathway if filters.pathway in worklist.pathways else ""
        results = run_results(worklist, run, pathway)
        persons = persons.filter(pk__in=results.values("person_id"))
        if worklist.key == "duldung-chance":
            persons = with_current_period(persons, day).filter(current_status=ResidenceStatus.DULDUNG)
        persons = persons.annotate(list_date=_first_date(results))
    persons = persons.distinct().annotate(
        sort_family=Coalesce(NullIf("family_name_latin", Value("")), "family_name"),
        sort_given=Coalesce(NullIf("given_names_latin", Value("")), "given_names"),
    )
    order = [F(name[1:]).desc(nulls_last=True) if name.startswith("-") else F(name).asc(nulls_last=True)
             for name in SORTS.get(sort, SORTS[DEFAULT_SORT])]
    return Selection(worklist, run, persons.order_by(*order, "pk"), results)


def counts(persons: QuerySet[Person], run: ScreeningRun | None, filters: Filters, *, day: date) -> dict[str, int]:
    """How many persons each list holds under the same filters (for the tabs)."""
    return {key: select(w, persons, run, filters, day=day).persons.count() for key, w in WORKLISTS.items()}


# --- rows for the page and the exports -------------------------------------------------------------------


def pathway_label(pathway_id: str) -> str:
    pathway = PATHWAYS.get(pathway_id)
    return pathway.citation if pathway else pathway_id


@dataclass
class PathwayHit:
    pathway: str
    label: str
    outcome: str
    outcome_label: str
    earliest_date: date | None


@dataclass
class Row:
    person: Person
    list_date: date | None
    status: str  # current residence status (label) or ""
    status_until: date | None
    nationalities: list[str]
    hits: list[PathwayHit]


def rows(selection: Selection, persons: list[Person], day: date) -> list[Row]:
    """Display rows for ``persons`` (a page of ``selection.persons``), with the results that put them there."""
    from wegweiser.persons import codes

    ids = [p.pk for p in persons]
    hits: dict[int, list[PathwayHit]] = defaultdict(list)
    if selection.results is not None:
        for result in selection.results.filter(person_id__in=ids).order_by("person_id", "pathway"):
            hits[result.person_id].append(PathwayHit(
                result.pathway, pathway_label(result.pathway), result.outcome,
                str(OUTCOME_LABELS.get(result.outcome, result.outcome)), result.earliest_date,
            ))
    periods: dict[int, Any] = {}
    current = (ResidencePeriod.objects.filter(person_id__in=ids, valid_from__lte=day)
               .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day)).order_by("valid_from", "pk"))
    for period in current:
        periods[period.person_id] = period  # the latest current one wins, as in current_status
    out = []
    for person in persons:
        period = periods.get(person.pk)
        out.append(Row(
            person=person,
            list_date=getattr(person, "list_date", None),
            status=period.get_status_display() if period else "",
            status_until=period.valid_until if period else None,
            nationalities=[codes.country_name(n.code) for n in person.nationalities.all()],
            hits=hits.get(person.pk, []),
        ))
    return out
