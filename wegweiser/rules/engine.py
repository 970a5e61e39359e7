"""Per-person assessment with explanations (the scalar speed)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from . import __version__
from .conditions import JUDGEMENT, MET, NA, NOT_MET, UNKNOWN, Value
from .dates import MAX_DATE, MIN_DATE, fmt
from .expr import Ctx
from .pathway import AnyOf, Condition, Pathway, is_time_gap, outcome_of
from .situation import LABELS, label, normalise

FORMAT = "assessment/1"
DISCLAIMER = {
    "de": (
        "Diese Prüfung unterstützt die Entscheidung der Ausländerbehörde und ersetzt sie nicht. Sie beruht nur auf "
        "den erfassten Angaben; maßgeblich sind das Gesetz und die Entscheidung der Behörde im Einzelfall."
    ),
    "en": (
        "This assessment supports the decision of the immigration authority and does not replace it. It rests only "
        "on the recorded facts; the law and the authority's decision in the individual case prevail."
    ),
}
GAP_ORDER = {"exclusion": 0, "achievement": 1, "evidence": 2, "judgement": 3, "time": 4}
_STATUS_TEXT = {
    MET: ("Erfüllt", "Met"),
    NOT_MET: ("Nicht erfüllt", "Not met"),
    UNKNOWN: ("Nicht feststellbar, weil Angaben fehlen", "Cannot be determined: facts are missing"),
    JUDGEMENT: ("Bewertung der Sachbearbeitung erforderlich", "Needs the case worker's recorded judgement"),
    NA: ("Nicht anwendbar", "Not applicable"),
}
_JUDGEMENT_KIND = {
    "integration_prognosis": ("Integrationsprognose", "integration prognosis"),
    "atypical_case": ("atypischer Fall", "atypical case"),
    "harmless_interruption": ("unschädliche Unterbrechung", "harmless interruption"),
    "livelihood_prognosis": ("Prognose Lebensunterhalt", "livelihood prognosis"),
    "regel_exception": ("Ausnahme vom Regelfall", "exception from the rule"),
    "identity_steps_sufficient": ("zumutbare Schritte zur Identitätsklärung ergriffen",
                                  "reasonable identity steps taken"),
    "other": ("sonstige Bewertung", "other judgement"),
}


def assess(document: Any, as_of: date | None = None, pathways: list[Pathway] | None = None) -> dict[str, Any]:
    """Assess a situation document (raises ``InvalidSituation``) against all (or the given) pathways."""
    return assess_record(normalise(document, as_of), pathways)


def assess_record(rec: dict[str, Any], pathways: list[Pathway] | None = None) -> dict[str, Any]:
    from .pathways import PATHWAYS

    as_of: date = rec["as_of"]
    chosen = list(PATHWAYS.values()) if pathways is None else pathways
    return {
        "format": FORMAT,
        "engine_version": __version__,
        "as_of": as_of.isoformat(),
        "person_id": rec.get("person.id"),
        "disclaimer": DISCLAIMER,
        "pathways": [assess_pathway(p, rec, as_of) for p in chosen],
    }


def assess_pathway(p: Pathway, rec: dict[str, Any], as_of: date) -> dict[str, Any]:
    start, end = p.law_version(as_of)
    head: dict[str, Any] = {
        "id": p.id,
        "title": {"de": p.title_de, "en": p.title_en},
        "citation": p.citation,
        "legal_nature": p.nature_on(as_of),
        "law_version": {"valid_from": _iso(start), "valid_until": _iso(end)},
    }
    if not p.in_force_on(as_of):
        return {
            **head, "outcome": "not_in_force", "earliest_date": None, "conditions": [],
            "missing": [], "review": False,
            "notes": [{"de": "Die Vorschrift gilt an diesem Stichtag nicht (oder ist für ihn nicht hinterlegt).",
                       "en": "The provision does not apply on this date (or is not encoded for it)."}],
            "disclaimer": DISCLAIMER,
        }
    c = Ctx(rec, as_of)
    nodes = p.live_conditions(as_of)
    evaluated: list[tuple[Any, Value, dict[str, Any], list[str], list[tuple[Condition, Value, dict, list]]]] = []
    for node in nodes:
        if isinstance(node, AnyOf):
            opts = []
            for o in node.live_options(as_of):
                c.used, c.params = {}, {}
                ov = o.evaluate(c)
                opts.append((o, ov, c.used, _reviews(o, c)))
            value, _ = AnyOf.combine([x[1] for x in opts], as_of)
            used: dict[str, Any] = {}
            for x in opts:
                used.update(x[2])
            reviews = sorted({r for x in opts for r in x[3]} | ({node.review} if node.review else set()))
            evaluated.append((node, value, used, reviews, opts))
        else:
            c.used, c.params = {}, {}
            value = node.evaluate(c)
            evaluated.append((node, value, c.used, _reviews(node, c), []))
    outcome, earliest = outcome_of([e[1] for e in evaluated], as_of)
    conditions = [_condition_dict(n, v, u, r, as_of, opts) for n, v, u, r, opts in evaluated]
    missing = [g for n, v, u, _r, opts in evaluated if (g := _gap(n, v, u, as_of, opts)) is not None]
    missing.sort(key=lambda g: (GAP_ORDER[g["kind"]], g.get("date") or ""))
    notes = [{"de": d, "en": e} for d, e in p.notes]
    if earliest is not None and end is not None and earliest > end:
        notes.append({
            "de": f"Ab {fmt(date.fromordinal(end.toordinal() + 1))} gilt eine geänderte Fassung; das früheste Datum "
                  "ist nach der am Stichtag geltenden Fassung berechnet.",
            "en": f"A changed version applies from {fmt(date.fromordinal(end.toordinal() + 1), 'en')}; the earliest "
                  "date is computed under the version in force on the assessment date.",
        })
    return {
        **head,
        "outcome": outcome,
        "earliest_date": _iso(earliest),
        "conditions": conditions,
        "missing": missing,
        "review": any(cd["review"] for cd in conditions),
        "notes": notes,
        "disclaimer": DISCLAIMER,
    }


def _iso(d: date | None) -> str | None:
    return None if d is None or d in (MIN_DATE, MAX_DATE) else d.isoformat()


def _reviews(cond: Condition | AnyOf, c: Ctx) -> list[str]:
    out = {cond.review} if cond.review else set()
    out |= {f"{v.citation}: {v.review}" for v in c.params.values() if v.review}
    return sorted(out)


def _condition_dict(
    node: Any, value: Value, used: dict[str, Any], reviews: list[str], as_of: date, opts: list
) -> dict[str, Any]:
    d = {
        "id": node.id,
        "citation": node.citation,
        "text": {"de": node.de, "en": node.en},
        "result": value.status,
        "reason": reason(node, value, used, as_of),
        "met_from": _iso(value.met_from) if node.time and value.status in (MET, NOT_MET, JUDGEMENT, UNKNOWN) else None,
        "review": reviews or None,
    }
    if opts:
        d["alternatives"] = [_condition_dict(o, ov, u, r, as_of, []) for o, ov, u, r in opts]
    return d


def _gap(node: Any, value: Value, used: dict[str, Any], as_of: date, opts: list) -> dict[str, Any] | None:
    if value.status in (MET, NA):
        return None
    base = {"condition": node.id}
    if is_time_gap(value, as_of):
        d = value.met_from
        return {
            **base, "kind": "time", "date": d.isoformat(),  # type: ignore[union-attr]
            "text": {"de": f"{node.de}: erfüllt ab {fmt(d)}, wenn der derzeitige Status fortbesteht.",
                     "en": f"{node.en}: met from {fmt(d, 'en')} if the current status continues."},
        }
    if value.status == NOT_MET:
        kind = node.on_fail
        if "deadline" in value.detail:
            kind = "exclusion"
        todo_de, todo_en = node.todo
        if kind == "exclusion":
            text = {"de": f"Ausschluss: {node.de} – nicht erfüllt; das kann nicht nachgeholt werden.",
                    "en": f"Exclusion: {node.en} – not met; this cannot be remedied."}
            if "deadline" in value.detail:
                text = {
                    "de": f"Ausschluss: {node.de} – die Frist endet am {fmt(value.detail['deadline'])}, vor dem "
                          "frühestmöglichen Datum.",
                    "en": f"Exclusion: {node.en} – the deadline ends on {fmt(value.detail['deadline'], 'en')}, before "
                          "the earliest possible date.",
                }
            elif todo_de:
                text = {"de": f"Ausschluss: {todo_de}", "en": f"Exclusion: {todo_en}"}
        else:
            text = {"de": todo_de or f"Noch zu erfüllen: {node.de}", "en": todo_en or f"Still to be met: {node.en}"}
        return {**base, "kind": kind, "text": text}
    if value.status == UNKNOWN:
        unknown = [k for k, v in used.items() if v is None and not k.startswith("judgement:")]
        ev_de, ev_en = node.evidence
        de = ev_de or f"Angaben fehlen für: {node.de}"
        en = ev_en or f"Facts missing for: {node.en}"
        if unknown:
            de += " (" + ", ".join(dict.fromkeys(label(_base(k), "de") for k in unknown)) + ")"
            en += " (" + ", ".join(dict.fromkeys(label(_base(k), "en") for k in unknown)) + ")"
        return {**base, "kind": "evidence", "text": {"de": de, "en": en}}
    hint_de, hint_en = _judgement_hint(node, opts)
    return {**base, "kind": "judgement", "text": {"de": hint_de, "en": hint_en}}


def _judgement_hint(node: Any, opts: list) -> tuple[str, str]:
    hint = getattr(node, "judgement_hint", ("", ""))
    if not hint[0] and opts:
        for o, ov, _u, _r in opts:
            if ov.status == JUDGEMENT:
                hint = _judgement_hint(o, [])
                break
    if hint[0]:
        return hint
    return (f"Bewertung der Sachbearbeitung dokumentieren: {node.de}",
            f"Record the case worker's judgement: {node.en}")


def _base(key: str) -> str:
    for suffix in ("_min", "_max"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


def reason(node: Any, value: Value, used: dict[str, Any], as_of: date) -> dict[str, str]:
    """The reason in both languages: the result, the dates that matter and the facts used."""
    de: list[str] = [_STATUS_TEXT[value.status][0]]
    en: list[str] = [_STATUS_TEXT[value.status][1]]
    d = value.detail
    if is_time_gap(value, as_of):
        de[0] = f"Noch nicht erfüllt; erfüllt ab {fmt(value.met_from)}, wenn der Status fortbesteht"
        en[0] = f"Not yet met; met from {fmt(value.met_from, 'en')} if the status continues"
    elif value.status == MET and node.time and value.met_from not in (None, MIN_DATE):
        de[0] += f" seit {fmt(value.met_from)}"
        en[0] += f" since {fmt(value.met_from, 'en')}"
    if value.status == MET and value.met_until < MAX_DATE:
        de.append(f"möglich bis {fmt(value.met_until)}")
        en.append(f"possible until {fmt(value.met_until, 'en')}")
    if d:
        if "since" in d:
            if d["since"]:
                de.append(f"ununterbrochen seit {fmt(d['since'])}")
                en.append(f"uninterrupted since {fmt(d['since'], 'en')}")
            else:
                de.append("derzeit kein anrechenbarer Status")
                en.append("no qualifying status at present")
        if "gap" in d:
            de.append(f"Unterbrechung ab {fmt(d['gap'])} bis zum Tag vor dem {fmt(d['gap_end'])}; gilt sie als "
                      f"unschädlich, zählt die Zeit ab {fmt(d['prev'])} (erfüllt ab {fmt(d['bridged'])})")
            en.append(f"interruption from {fmt(d['gap'], 'en')} to the day before {fmt(d['gap_end'], 'en')}; if it "
                      f"is harmless, time counts from {fmt(d['prev'], 'en')} (met from {fmt(d['bridged'], 'en')})")
        if d.get("regel_exception"):
            de.append("Ausnahme vom Regelfall laut dokumentierter Bewertung")
            en.append("exception from the rule per recorded judgement")
        if "deadline" in d:
            de.append(f"Frist endet am {fmt(d['deadline'])}, vor dem frühestmöglichen Datum")
            en.append(f"deadline ends on {fmt(d['deadline'], 'en')}, before the earliest possible date")
        if d.get("applicability"):
            de.append("offen ist, ob die Bedingung greift")
            en.append("it is open whether the condition applies")
    facts_de, facts_en = _facts(used)
    text_de, text_en = "; ".join(de), "; ".join(en)
    if facts_de:
        text_de += ". Angaben: " + facts_de
        text_en += ". Facts used: " + facts_en
    return {"de": text_de + ".", "en": text_en + "."}


_KEYS: dict[str, tuple[str, bool]] = {}


def _key(key: str) -> tuple[str, bool]:
    """Base name of a flat key and whether it is half of a partial date."""
    hit = _KEYS.get(key)
    if hit is None:
        base = _base(key)
        hit = _KEYS[key] = (base, base != key)
    return hit


def _facts(used: dict[str, Any]) -> tuple[str, str]:
    de: list[str] = []
    en: list[str] = []
    done: set[str] = set()
    for key, value in used.items():
        if key in done:
            continue
        if key.startswith("judgement:"):
            kind = _JUDGEMENT_KIND.get(value["kind"], (value["kind"], value["kind"]))
            pos = value["value"] == "positive"
            de.append(f"Bewertung {value['id']} ({kind[0]}: {'positiv' if pos else 'negativ'}, "
                      f"{fmt(value['recorded_on'])})")
            en.append(f"judgement {value['id']} ({kind[1]}: {'positive' if pos else 'negative'}, "
                      f"{fmt(value['recorded_on'], 'en')})")
            continue
        base, partial = _key(key)
        names = LABELS.get(base, (base, base))
        if partial:
            lo, hi = used.get(f"{base}_min"), used.get(f"{base}_max")
            done.add(f"{base}_min")
            done.add(f"{base}_max")
            if lo is not None and hi is not None and lo != hi:
                de.append(f"{names[0]} (zwischen {fmt(lo)} und {fmt(hi)})")
                en.append(f"{names[1]} (between {fmt(lo, 'en')} and {fmt(hi, 'en')})")
                continue
            value = lo if lo is not None else hi
        try:
            text = _fact_text(base, len(value) if isinstance(value, list) else value, isinstance(value, list))
        except TypeError:  # an unhashable value: shown without the cache
            text = _fact_text.__wrapped__(base, value, False)
        de.append(text[0])
        en.append(text[1])
    return "; ".join(de), "; ".join(en)


@lru_cache(maxsize=16384)
def _fact_text(base: str, value: Any, is_list: bool) -> tuple[str, str]:
    """``label (value)`` in both languages; cached, as the same facts are named by many conditions.

    Lists are passed by their length (only the count is shown), so every argument is hashable."""
    names = LABELS.get(base, (base, base))
    shown = _show_count(value) if is_list else _show(value)
    return f"{names[0]} {shown[0]}", f"{names[1]} {shown[1]}"


def _show_count(n: int) -> tuple[str, str]:
    if n == 0:
        return "(keine)", "(none)"
    return ("(1 Eintrag)", "(1 entry)") if n == 1 else (f"({n} Einträge)", f"({n} entries)")


def _show(value: Any) -> tuple[str, str]:
    if value is None:
        return "(unbekannt)", "(unknown)"
    if isinstance(value, bool):
        return ("(ja)", "(yes)") if value else ("(nein)", "(no)")
    if isinstance(value, date):
        return f"({fmt(value)})", f"({fmt(value, 'en')})"
    if isinstance(value, list):
        return _show_count(len(value))
    return f"({value})", f"({value})"
