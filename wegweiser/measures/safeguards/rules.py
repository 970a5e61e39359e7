"""The safeguard rules of seed 004 (Kreis Unna) as plain functions over ``PlanFacts``.

Each rule returns one ``RuleResult``: ``blocked`` (the plan cannot be approved), ``warning`` (approval needs
an acknowledgement with a reason) or ``ok``, always with its reason and citation. Hard rules block on every
violation; reason rules block until the plan carries a written reason; warning rules warn unless the office
made them hard (``SafeguardConfig.hard_warnings``). The rules support the office's decision and never
replace it.

Semantics fixed here (and tested at the boundaries):
- Time window: start inclusive, end exclusive, in Europe/Berlin local time. A window blocks the night rule if
  it shares at least one minute with a night interval [night_start, night_end): ending at 22:00 is fine,
  ending at 22:01 is not; starting at 06:00 is fine, starting at 05:59 is not.
- Age: on the local date the window starts (without a window: ``evaluated_on``). A person is of age N from
  the start of their N-th birthday (29 February: from 1 March in common years). A partial or unknown birth
  date counts as "possibly younger" (the cautious reading protects).
- Certificate age: days from ``issued_on`` to that date; older than ``certificate_max_age_days`` is outdated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .config import AGE_OF_MAJORITY, HARD_RULES, REASON_RULES, WARNING_RULES
from .facts import CertificateFacts, PersonFacts, PlaceKind, PlanFacts, RelationKind

BERLIN = ZoneInfo("Europe/Berlin")

SEED = "Kreis Unna, Vereinbarung vom 02.03.2023 (Seed 004), „Wir wollen Maßnahmen zur Beendigung des " \
       "Aufenthalts human gestalten“"
SEED_COUNSELLING = SEED + ", 1. und 2. Spiegelstrich (Beratung zur freiwilligen Ausreise, Unterstützende)"
SEED_NIGHT = SEED + ": „… auf Abschiebungen in der Nacht (zwischen 22 und 6 Uhr) verzichtet wird, wenn " \
             "Minderjährige von der Maßnahme mitbetroffen wären“"
SEED_FAMILY = SEED + ": „… Familien (Personensorgeberechtigte und ihre minderjährigen Kinder sowie Ehegatten) " \
              "durch eine Abschiebung nicht getrennt werden“"
SEED_PLACE = SEED + ": „… Menschen nicht aus sozialen oder medizinischen Einrichtungen heraus abgeschoben werden“"
SEED_HEALTH = SEED + ": „… keine erkrankten Personen abgeschoben werden, wenn aufgrund der Erkrankung eine " \
              "Reiseunfähigkeit besteht“; Gutachten werden anerkannt, „soweit sie qualifiziert im Sinne der " \
              "gesetzlichen Regelungen und im Einzelfall nicht mutmaßlich veraltet sind“"
SEED_FORCE = SEED + ": „Dabei wird von Zwangsmitteln nur so wenig und so zielgerichtet wie möglich Gebrauch gemacht.“"
SEED_PERSPECTIVE = "Kreis Unna, Vereinbarung vom 02.03.2023 (Seed 004): „Eine Beendigung des Aufenthalts durch " \
                   "eine Abschiebung ist das letzte Mittel.“; Ermessensspielräume zugunsten der Menschen ausschöpfen"
LAW_60A_2C = "§ 60a Abs. 2c AufenthG (Fassung nach gesetze-im-internet.de, Stand 19.08.2026, Spiegel kmein/gesetze; " \
             "Wortlaut von Abs. 2c unverändert 04/2021–08/2026)"
#: How far ahead a later staying perspective still counts as a chance that needs a reason (issue: 6 months).
PERSPECTIVE_MONTHS = 6


class Outcome(StrEnum):
    BLOCKED = "blocked"
    WARNING = "warning"
    OK = "ok"


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    outcome: Outcome
    reason_de: str
    reason_en: str = ""
    citation: str = ""
    #: True when no acknowledgement can override a violation (hard rule, reason rule, or made hard by the office).
    hard: bool = False

    @property
    def blocked(self) -> bool:
        return self.outcome == Outcome.BLOCKED


# --- helpers ----------------------------------------------------------------------------------------------


def local(value: datetime) -> datetime:
    """The instant in Europe/Berlin; a naive datetime is taken as Berlin wall-clock time."""
    return value.replace(tzinfo=BERLIN) if value.tzinfo is None else value.astimezone(BERLIN)


def reference_date(facts: PlanFacts) -> date:
    if facts.window_start is not None:
        return local(facts.window_start).date()
    return facts.evaluated_on or date.today()


def anniversary(birth: date, years: int) -> date:
    """The day a person born on ``birth`` turns ``years`` (29 February: 1 March in a common year)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def possibly_younger(person: PersonFacts, years: int, on: date) -> bool:
    """Whether the person may be younger than ``years`` on ``on`` (unknown or partial dates: cautious)."""
    if person.birth_latest is None:
        return True
    return on < anniversary(person.birth_latest, years)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def night_overlap(start: datetime, end: datetime, night_start: time, night_end: time) -> tuple[datetime, datetime] | None:
    """The first part of [start, end) that lies in a night interval [night_start, night_end), or None."""
    start, end = local(start), local(end)
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        n_start = datetime.combine(day, night_start, BERLIN)
        n_end = datetime.combine(day if night_start < night_end else day + timedelta(days=1), night_end, BERLIN)
        if start < n_end and n_start < end:
            return max(start, n_start), min(end, n_end)
        day += timedelta(days=1)
    return None


def _names(people: list[PersonFacts]) -> str:
    return ", ".join(p.name for p in people)


def _fmt(value: datetime) -> str:
    return local(value).strftime("%d.%m.%Y %H:%M")


def _result(rule_id: str, outcome: Outcome, de: str, en: str, citation: str, facts: PlanFacts) -> RuleResult:
    hard = facts.config.is_hard(rule_id)
    if outcome == Outcome.WARNING and rule_id in facts.config.hard_warnings:
        outcome = Outcome.BLOCKED
        de += " (Vom Amt als verbindliche Regel festgelegt.)"
        en += " (Made binding by the office.)"
    return RuleResult(rule_id, outcome, de, en, citation, hard)


# --- the rules --------------------------------------------------------------------------------------------


def staying_perspective(f: PlanFacts) -> RuleResult:
    """Any pathway eligible, eligible later within 6 months, or undetermined needs a written reason to go on."""
    rid, cite = "staying_perspective", SEED_PERSPECTIVE
    check = f.perspective
    if check is None:
        return _result(rid, Outcome.BLOCKED, "Die Bleibeperspektiven der betroffenen Personen sind nicht geprüft.",
                       "The staying perspectives of the persons affected have not been checked.", cite, f)
    horizon = add_months(check.checked_on, PERSPECTIVE_MONTHS)
    relevant = [c for c in check.chances if c.outcome in ("eligible", "undetermined") or (
        c.outcome == "eligible_later" and (c.earliest_date is None or c.earliest_date <= horizon))]
    if not relevant and not check.unassessable:
        return _result(rid, Outcome.OK, f"Keine Bleibeperspektive möglich oder offen (geprüft am "
                       f"{check.checked_on:%d.%m.%Y}).", "No staying perspective possible or open.", cite, f)
    listed = "; ".join(f"{(f.person(c.person_id) or PersonFacts(c.person_id, str(c.person_id))).name}: {c.title} "
                       f"({c.outcome}{', ab ' + format(c.earliest_date, '%d.%m.%Y') if c.earliest_date else ''})"
                       for c in relevant)
    if check.unassessable:
        names = _names([f.person(pid) or PersonFacts(pid, str(pid)) for pid in check.unassessable])
        listed = "; ".join(filter(None, [listed, f"{names}: Akte nicht prüfbar (wie offen behandelt)"]))
    if f.perspective_reason.strip():
        return _result(rid, Outcome.OK, f"Es besteht eine Bleibeperspektive: {listed}. Schriftliche Begründung, "
                       f"warum dennoch geplant wird: {f.perspective_reason.strip()}",
                       f"A staying perspective exists: {listed}. A written reason to go on is recorded.", cite, f)
    return _result(rid, Outcome.BLOCKED, f"Es besteht eine Bleibeperspektive: {listed}. Ohne schriftliche "
                   "Begründung kann der Plan nicht weitergehen.",
                   f"A staying perspective exists: {listed}. The plan needs a written reason to go on.", cite, f)


def voluntary_departure_counselling(f: PlanFacts) -> RuleResult:
    """Counselling on voluntary departure documented for every adult affected (minors: through a parent)."""
    rid, cite = "voluntary_departure_counselling", SEED_COUNSELLING
    on = reference_date(f)
    affected_ids = {p.id for p in f.affected}
    parents_of: dict[int, set[int]] = {}
    for r in f.relations:
        if r.kind == RelationKind.PARENT and r.person_id in affected_ids:
            parents_of.setdefault(r.relative_id, set()).add(r.person_id)
    missing = []
    for p in f.affected:
        if p.id in f.counselled:
            continue
        minor = p.birth_latest is not None and possibly_younger(p, AGE_OF_MAJORITY, on)
        if minor and parents_of.get(p.id, set()) & f.counselled:
            continue
        missing.append(p)
    if not missing:
        return _result(rid, Outcome.OK, "Beratung zur freiwilligen Ausreise ist dokumentiert.",
                       "Counselling on voluntary departure is documented.", cite, f)
    return _result(rid, Outcome.WARNING, f"Keine abgeschlossene Beratung zur freiwilligen Ausreise dokumentiert für: "
                   f"{_names(missing)}.", f"No completed counselling on voluntary departure for: {_names(missing)}.",
                   cite, f)


def night_minor(f: PlanFacts) -> RuleResult:
    rid = "night_minor"
    c = f.config
    cite = SEED_NIGHT if c.preset == "unna" else c.preset_source
    if c.to_review:
        cite = f"{cite}. {c.to_review}"
    if f.window_start is None or f.window_end is None:
        return _result(rid, Outcome.BLOCKED, "Kein Zeitfenster geplant.", "No time window planned.", cite, f)
    if local(f.window_end) <= local(f.window_start):
        return _result(rid, Outcome.BLOCKED, "Das Zeitfenster endet nicht nach seinem Beginn.",
                       "The time window does not end after it starts.", cite, f)
    on = local(f.window_start).date()
    minors = [p for p in f.affected if possibly_younger(p, c.night_minor_age, on)]
    night = f"{c.night_start:%H:%M}–{c.night_end:%H:%M}"
    if not minors:
        return _result(rid, Outcome.OK, f"Keine betroffene Person unter {c.night_minor_age} Jahren.",
                       f"No person affected is under {c.night_minor_age}.", cite, f)
    overlap = night_overlap(f.window_start, f.window_end, c.night_start, c.night_end)
    if overlap is None:
        return _result(rid, Outcome.OK, f"Das Zeitfenster liegt außerhalb der Nachtzeit {night} Uhr.",
                       f"The time window lies outside the night {night}.", cite, f)
    return _result(
        rid, Outcome.BLOCKED,
        f"Mitbetroffen sind Personen unter {c.night_minor_age} Jahren (oder mit unbekanntem Alter): {_names(minors)}; "
        f"das Zeitfenster berührt die Nachtzeit {night} Uhr ({_fmt(overlap[0])} bis {_fmt(overlap[1])}).",
        f"Persons under {c.night_minor_age} (or of unknown age) are affected: {_names(minors)}; the window touches "
        f"the night {night}.", cite, f)


def _split(f: PlanFacts, kinds: set[RelationKind]) -> list[str]:
    """Family links (of ``kinds``) with exactly one side in the plan, as readable lines."""
    on = reference_date(f)
    affected = {p.id for p in f.affected}
    lines = []
    for r in f.relations:
        if r.kind not in kinds or ((r.person_id in affected) == (r.relative_id in affected)):
            continue
        a = f.person(r.person_id) or PersonFacts(r.person_id, str(r.person_id))
        b = f.person(r.relative_id) or PersonFacts(r.relative_id, str(r.relative_id))
        if r.kind == RelationKind.PARENT:
            if r.has_custody is False or not possibly_younger(b, AGE_OF_MAJORITY, on):
                continue
            custody = " (Sorgerecht nicht erfasst: als sorgeberechtigt behandelt)" if r.has_custody is None else ""
            lines.append(f"{a.name} (Elternteil{custody}) und {b.name} (minderjähriges Kind)")
        elif r.kind == RelationKind.SPOUSE:
            lines.append(f"{a.name} und {b.name} (Ehegatten)")
        else:
            lines.append(f"{a.name} und {b.name} (Lebenspartner)")
    return lines


def family_unity(f: PlanFacts) -> RuleResult:
    rid = "family_unity"
    lines = _split(f, {RelationKind.SPOUSE, RelationKind.PARENT})
    if not lines:
        return _result(rid, Outcome.OK, "Keine Trennung von Ehegatten oder von Sorgeberechtigten und minderjährigen "
                       "Kindern.", "No separation of spouses or of custodial parents and minor children.",
                       SEED_FAMILY, f)
    return _result(rid, Outcome.BLOCKED, "Familie würde getrennt – alle oder keine: " + "; ".join(lines) + ".",
                   "The family would be separated (all or none): " + "; ".join(lines) + ".", SEED_FAMILY, f)


def partner_unity(f: PlanFacts) -> RuleResult:
    """Registered partners are not named in the seed; a separation warns (offices may make it binding)."""
    rid = "partner_unity"
    lines = _split(f, {RelationKind.PARTNER})
    if not lines:
        return _result(rid, Outcome.OK, "Keine Trennung von Lebenspartnern.", "No separation of partners.", SEED_FAMILY, f)
    return _result(rid, Outcome.WARNING, "Lebenspartner würden getrennt: " + "; ".join(lines) + ".",
                   "Partners would be separated: " + "; ".join(lines) + ".", SEED_FAMILY, f)


PLACE_LABELS_DE = {
    PlaceKind.HOME: "Wohnung", PlaceKind.HOSPITAL: "Krankenhaus/Klinik",
    PlaceKind.SOCIAL_INSTITUTION: "soziale oder Jugendhilfe-Einrichtung", PlaceKind.SCHOOL: "Schule",
    PlaceKind.SHARED_ACCOMMODATION: "Gemeinschaftsunterkunft", PlaceKind.OTHER: "anderer Ort",
}


def institution(f: PlanFacts) -> RuleResult:
    rid = "institution"
    if f.place_kind not in PlaceKind.__members__.values():
        return _result(rid, Outcome.BLOCKED, "Die Art des Abholorts ist nicht angegeben.",
                       "The kind of pickup place is missing.", SEED_PLACE, f)
    if f.place_kind in (PlaceKind.HOSPITAL, PlaceKind.SOCIAL_INSTITUTION):
        return _result(rid, Outcome.BLOCKED, f"Abholung aus einer medizinischen oder sozialen Einrichtung "
                       f"({PLACE_LABELS_DE[PlaceKind(f.place_kind)]}) ist ausgeschlossen.",
                       "Removal from a medical or social institution is excluded.", SEED_PLACE, f)
    return _result(rid, Outcome.OK, f"Abholort: {PLACE_LABELS_DE[PlaceKind(f.place_kind)]}.",
                   f"Pickup place: {f.place_kind}.", SEED_PLACE, f)


def place_check(f: PlanFacts) -> RuleResult:
    rid = "place_check"
    if f.place_kind == PlaceKind.SCHOOL:
        return _result(rid, Outcome.WARNING, "Abholung aus der Schule: Kindeswohl besonders prüfen (in der "
                       "Vereinbarung nicht ausdrücklich geregelt).", "Pickup from a school: check the child's "
                       "best interests.", SEED_PLACE, f)
    if f.place_kind == PlaceKind.OTHER:
        return _result(rid, Outcome.WARNING, "Anderer Abholort: prüfen, dass es keine medizinische oder soziale "
                       "Einrichtung ist.", "Other pickup place: make sure it is no medical or social institution.",
                       SEED_PLACE, f)
    return _result(rid, Outcome.OK, "Keine Bedenken zum Abholort.", "No concerns about the pickup place.", SEED_PLACE, f)


def _certificates(f: PlanFacts) -> list[CertificateFacts]:
    affected = {p.id for p in f.affected}
    return [c for c in f.certificates if c.person_id in affected]


def _outdated(f: PlanFacts, c: CertificateFacts) -> bool:
    return (reference_date(f) - c.issued_on).days > f.config.certificate_max_age_days


def _describe(f: PlanFacts, c: CertificateFacts) -> str:
    person = f.person(c.person_id)
    return f"{person.name if person else c.person_id}: Bescheinigung vom {c.issued_on:%d.%m.%Y} ({c.author or '?'}, " \
           f"{c.qualification or '?'})"


def unfit_certificate(f: PlanFacts) -> RuleResult:
    rid, cite = "unfit_certificate", f"{SEED_HEALTH}; {LAW_60A_2C}"
    blocking, set_aside = [], []
    for c in _certificates(f):
        if not c.states_unfit:
            continue
        if c.is_set_aside:
            set_aside.append(f"{_describe(f, c)} – beiseitegelegt von {c.set_aside_by}: {c.set_aside_reason}")
        elif not c.missing_for_qualified and not _outdated(f, c):
            blocking.append(_describe(f, c))
    if blocking:
        return _result(rid, Outcome.BLOCKED, "Eine qualifizierte, aktuelle ärztliche Bescheinigung stellt "
                       "Reiseunfähigkeit fest: " + "; ".join(blocking) + ". Sie kann nur mit dokumentierter "
                       "Bewertung (wer, warum) beiseitegelegt werden.",
                       "A qualified, current certificate states unfitness to travel.", cite, f)
    text = "Keine aktuelle qualifizierte Bescheinigung über Reiseunfähigkeit."
    if set_aside:
        text += " Beiseitegelegt: " + "; ".join(set_aside) + "."
    return _result(rid, Outcome.OK, text, "No current qualified certificate of unfitness to travel.", cite, f)


def certificate_review(f: PlanFacts) -> RuleResult:
    """Outdated or formally incomplete certificates are flagged for review, never silently ignored."""
    rid, cite = "certificate_review", f"{SEED_HEALTH}; {LAW_60A_2C}"
    flags = []
    for c in _certificates(f):
        if c.is_set_aside:
            continue
        if _outdated(f, c):
            verdict = "Reiseunfähigkeit" if c.states_unfit else "Reisefähigkeit"
            flags.append(f"{_describe(f, c)} bescheinigt {verdict} und ist älter als "
                         f"{f.config.certificate_max_age_days} Tage – aktuelle Beurteilung einholen")
        elif c.states_unfit and c.missing_for_qualified:
            flags.append(f"{_describe(f, c)} bescheinigt Reiseunfähigkeit, es fehlen Angaben für eine qualifizierte "
                         f"Bescheinigung ({', '.join(c.missing_for_qualified)}) – ärztliche Untersuchung prüfen")
    if not flags:
        return _result(rid, Outcome.OK, "Keine veralteten oder unvollständigen Bescheinigungen.",
                       "No outdated or incomplete certificates.", cite, f)
    return _result(rid, Outcome.WARNING, "; ".join(flags) + ".", "Certificates need review (outdated or incomplete).",
                   cite, f)


def force_proportionality(f: PlanFacts) -> RuleResult:
    rid = "force_proportionality"
    if not f.force_planned:
        return _result(rid, Outcome.OK, "Keine Zwangsmittel geplant.", "No use of force planned.", SEED_FORCE, f)
    if not f.force_reason.strip():
        return _result(rid, Outcome.BLOCKED, "Zwangsmittel sind geplant, aber nicht schriftlich begründet.",
                       "Use of force is planned without a written reason.", SEED_FORCE, f)
    return _result(rid, Outcome.OK, f"Zwangsmittel geplant, Begründung: {f.force_reason.strip()}",
                   "Use of force planned with a written reason.", SEED_FORCE, f)


#: In the order the plan shows them: the staying-perspective check first (issue 5, "at the top").
RULES: tuple[Callable[[PlanFacts], RuleResult], ...] = (
    staying_perspective, voluntary_departure_counselling, night_minor, family_unity, partner_unity, institution,
    place_check, unfit_certificate, certificate_review, force_proportionality,
)
assert {r.__name__ for r in RULES} == HARD_RULES | REASON_RULES | WARNING_RULES


def evaluate(facts: PlanFacts) -> list[RuleResult]:
    """Every rule's result for the plan, in display order."""
    return [rule(facts) for rule in RULES]
