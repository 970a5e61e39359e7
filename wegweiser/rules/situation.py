"""The situation format ``situation/1``: one person's facts on a date, and the household members the rules need.

Unknown facts are ``null`` and never guessed. For lists, ``null`` means "not known" and ``[]`` means "known:
none". The definition below is the single source of the JSON Schema (``schemas/situation-1.schema.json``),
the normaliser and the polars frame used for screening. Additive, optional fields may be added within
``situation/1``; anything else needs ``situation/2``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .spec import (
    BoolF,
    ConstF,
    DateF,
    Field,
    IntF,
    InvalidSituation,
    ListF,
    NumF,
    ObjF,
    Order,
    PartialDateF,
    StrF,
    flat_fields,
    flatten,
)

FORMAT = "situation/1"
SCHEMA_ID = "https://wegweiser.example/schemas/situation-1.schema.json"

RESIDENCE_STATUSES = (
    "aufenthaltserlaubnis", "niederlassungserlaubnis", "daueraufenthalt_eu", "visum", "aufenthaltsgestattung",
    "duldung", "fiktionsbescheinigung", "none",
)
DULDUNG_KINDS = ("60a", "60b", "60c", "60d")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
JUDGEMENT_KINDS = (
    "integration_prognosis", "atypical_case", "harmless_interruption", "livelihood_prognosis", "regel_exception",
    "identity_steps_sufficient", "other",
)
#: Normalised legal basis: ``aufenthg_<section>[_<Absatz>[_<Nummer>]]``, e.g. aufenthg_104c, aufenthg_25_5.
LEGAL_BASIS_PATTERN = r"^(aufenthg|asylg|stag|freizuegg)_[0-9]+[a-z]?(_[0-9]+[a-z]?){0,2}$"

_CERTIFICATE = ObjF(
    "Sprachzertifikat", "language certificate", nullable=False,
    fields={
        "level": StrF("Niveau (GER)", "CEFR level", nullable=False, enum=CEFR),
        "scope": StrF("Umfang: nur mündlich oder vollständig", "scope: oral only or complete", enum=("oral", "complete")),
        "issued_on": DateF("Datum des Zeugnisses", "date of certificate", nullable=False),
    },
    required=("level", "scope", "issued_on"),
)
_EMPLOYMENT = ObjF(
    "Beschäftigung", "employment", nullable=False,
    fields={
        "kind": StrF("Art", "kind", enum=("employed", "self_employed", "minijob")),
        "starts_on": DateF("Beginn", "start", nullable=False),
        "ends_on": DateF("Ende (null: andauernd)", "end (null: ongoing)"),
        "hours_per_week": NumF("Stunden pro Woche", "hours a week", minimum=0, maximum=80),
        "social_insurance": BoolF("sozialversicherungspflichtig", "subject to social insurance"),
        "full_time": BoolF("Vollzeit (§ 10 Abs. 1 S. 1 Nr. 3 Buchst. b StAG)", "full-time (§ 10(1) sent. 1 no. 3 (b) StAG)"),
        "qualified": BoolF("qualifizierte bzw. dem Abschluss angemessene Beschäftigung (§ 2 Abs. 12b, § 19d Abs. 1 Nr. 1 "
                           "Buchst. b, c AufenthG)",
                           "qualified employment, or employment adequate to the degree (§ 2(12b), § 19d(1) no. 1 (b), "
                           "(c) AufenthG)"),
    },
    required=("kind", "starts_on"),
    orders=(Order("ends_on", "starts_on"),),
)
_CONVICTION = ObjF(
    "Verurteilung", "conviction", nullable=False,
    fields={
        "decided_on": DateF("Datum der Entscheidung", "date of judgment", nullable=False),
        "intentional": BoolF("vorsätzliche Tat", "intentional offence"),
        "daily_rates": IntF("Geldstrafe (Tagessätze)", "fine (daily rates)", minimum=1, maximum=720),
        "prison_months": IntF("Freiheits- oder Jugendstrafe (Monate)", "prison or juvenile sentence (months)",
                              minimum=1, maximum=180),
        "suspended": BoolF("zur Bewährung ausgesetzt", "suspended on probation"),
        "juvenile_law": BoolF("nach Jugendstrafrecht", "under juvenile criminal law"),
        "immigration_only_offence": BoolF("nur von Ausländern begehbare Tat (AufenthG/AsylG)",
                                          "offence only foreigners can commit (AufenthG/AsylG)"),
        "erased_on": DateF("getilgt am", "erased from the register on"),
    },
    required=("decided_on",),
    orders=(Order("erased_on", "decided_on"),),
)

SPEC = ObjF(
    nullable=False,
    fields={
        "format": ConstF(nullable=False, value=FORMAT),
        "as_of": DateF("Stichtag der Angaben und der Prüfung", "date the facts refer to and the assessment is made for",
                       nullable=False),
        "application_date": DateF(
            "Tag der Antragstellung (null: noch kein Antrag; geprüft wird ein Antrag am Stichtag)",
            "date the application was made (null: none yet; an application on the assessment date is assessed)",
        ),
        "person": ObjF(
            "Person", "person", nullable=False,
            fields={
                "id": StrF("Kennung (z. B. Aktenzeichen)", "identifier (e.g. file number)", max_length=64),
                "birth_date": PartialDateF("Geburtsdatum (00 für unbekannten Monat/Tag)",
                                           "date of birth (00 for unknown month/day)"),
                "nationalities": ListF(
                    "Staatsangehörigkeiten", "nationalities",
                    item=ObjF(nullable=False, fields={"code": StrF("ISO-3166-Code, XX staatenlos, XU ungeklärt",
                                                                   "ISO 3166 code, XX stateless, XU unclear",
                                                                   nullable=False, pattern=r"^[A-Z]{2}$")},
                              required=("code",)),
                    max_items=10,
                ),
            },
        ),
        "residence": ListF(
            "Aufenthaltszeiten", "residence periods",
            item=ObjF(
                "Aufenthaltszeitraum", "residence period", nullable=False,
                fields={
                    "status": StrF("Status", "status", nullable=False, enum=RESIDENCE_STATUSES),
                    "duldung_kind": StrF("Art der Duldung", "kind of Duldung", enum=DULDUNG_KINDS),
                    "legal_basis": StrF("Rechtsgrundlage (normalisiert)", "legal basis (normalised)",
                                        pattern=LEGAL_BASIS_PATTERN, max_length=40),
                    "valid_from": DateF("gültig ab", "valid from", nullable=False),
                    "valid_until": DateF("gültig bis (null: andauernd)", "valid until (null: ongoing)"),
                },
                required=("status", "valid_from"),
                orders=(Order("valid_until", "valid_from"),),
            ),
        ),
        "entries": ListF(
            "Einreisen", "entries",
            item=ObjF(nullable=False, fields={
                "date": DateF("Einreisedatum", "date of entry", nullable=False),
                "first_entry": BoolF("erste Einreise", "first entry"),
            }, required=("date",)),
        ),
        "stays_abroad": ListF(
            "Auslandsaufenthalte", "stays abroad",
            item=ObjF(nullable=False, fields={
                "left_on": DateF("ausgereist am", "left on", nullable=False),
                "returned_on": DateF("zurück am (null: noch im Ausland)", "returned on (null: still abroad)"),
            }, required=("left_on",), orders=(Order("returned_on", "left_on"),)),
        ),
        "identity": ObjF(
            "Identitätsklärung", "identity clarification",
            fields={
                "status": StrF("Stand", "status", enum=("clarified", "not_clarified", "in_progress")),
                "clarified_on": DateF("geklärt am", "clarified on"),
            },
        ),
        "identity_steps": ListF(
            "Schritte zur Identitätsklärung", "identity clarification steps",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Art", "kind", nullable=False, enum=(
                    "passport_application", "embassy_appointment", "civil_documents", "lawyer_in_country", "other")),
                "taken_on": DateF("unternommen am", "taken on", nullable=False),
            }, required=("kind", "taken_on")),
        ),
        "passports": ListF(
            "Pässe und Passersatz", "passports and substitutes",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Art", "kind", nullable=False, enum=("national", "substitute", "travel_document")),
                "valid_from": DateF("gültig ab", "valid from"),
                "valid_until": DateF("gültig bis", "valid until"),
            }, required=("kind",), orders=(Order("valid_until", "valid_from"),)),
        ),
        "language_certificates": ListF("Sprachzertifikate", "language certificates", item=_CERTIFICATE),
        "civic_tests": ListF(
            "Orientierungs-/Einbürgerungstests", "civic tests",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Test", "test", nullable=False, enum=("lid", "einbuergerungstest")),
                "passed": BoolF("bestanden", "passed"),
                "taken_on": DateF("abgelegt am", "taken on", nullable=False),
            }, required=("kind", "taken_on")),
        ),
        "integration_course": ObjF(
            "Integrationskurs", "integration course",
            fields={
                "obliged": BoolF("zur Teilnahme verpflichtet", "obliged to attend"),
                "status": StrF("Stand", "status", enum=(
                    "obliged", "enrolled", "completed", "attended", "exempt", "not_obliged")),
                "status_date": DateF("Stand vom", "status as of"),
                "was_possible": BoolF("Besuch war möglich (§ 25b Abs. 6)", "attending was possible (§ 25b(6))"),
            },
        ),
        "school_attendance": ListF(
            "Schulbesuch in Deutschland", "school attendance in Germany",
            item=ObjF(nullable=False, fields={
                "attended_from": DateF("von", "from", nullable=False),
                "attended_until": DateF("bis (null: andauernd)", "until (null: ongoing)"),
                "regular": BoolF("regelmäßig und erfolgreich", "regular and successful"),
            }, required=("attended_from",), orders=(Order("attended_until", "attended_from"),)),
        ),
        "qualifications": ListF(
            "Abschlüsse", "qualifications",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Abschluss", "kind", nullable=False, enum=(
                    "hauptschule", "mittlere_reife", "abitur", "vocational", "academic", "foreign")),
                "obtained_on": DateF("erworben am", "obtained on"),
                "obtained_in_germany": BoolF("in Deutschland erworben", "obtained in Germany"),
                "recognised": BoolF("anerkannt / vergleichbar", "recognised / comparable"),
            }, required=("kind",)),
        ),
        "vocational_training": ListF(
            "Berufsausbildungen", "vocational training",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Art", "kind", nullable=False, enum=("qualified", "assistant", "preparatory")),
                "starts_on": DateF("Beginn", "start"),
                "ends_on": DateF("voraussichtliches Ende", "expected end"),
                "registered": BoolF("eingetragen (Kammer)", "registered (chamber)"),
                "terminated_on": DateF("abgebrochen am", "terminated on"),
                "shortage_connection": BoolF(
                    "Assistenz-/Helferausbildung: anschlussfähig an Engpassberuf, Ausbildungsplatzzusage liegt vor "
                    "(§ 60c Abs. 1 S. 1 Nr. 1 b, § 16g Abs. 1 S. 1 Nr. 1 b AufenthG)",
                    "assistant/helper training: leads on to a shortage occupation, training place promised "
                    "(§ 60c(1) sent. 1 no. 1 (b), § 16g(1) sent. 1 no. 1 (b) AufenthG)"),
            }, required=("kind",), orders=(Order("ends_on", "starts_on"), Order("terminated_on", "starts_on"))),
        ),
        "university_studies": ListF(
            "Hochschulstudium", "university studies",
            item=ObjF(nullable=False, fields={
                "from": DateF("von", "from", nullable=False),
                "until": DateF("bis (null: andauernd)", "until (null: ongoing)"),
            }, required=("from",), orders=(Order("until", "from"),)),
        ),
        "employment": ListF("Beschäftigungen", "employment", item=_EMPLOYMENT),
        "livelihood": ListF(
            "Lebensunterhalt", "livelihood",
            item=ObjF(nullable=False, fields={
                "period_from": DateF("von", "from", nullable=False),
                "period_until": DateF("bis (null: andauernd)", "until (null: ongoing)"),
                "secured": StrF("gesichert", "secured", enum=("fully", "partly", "not")),
                "by_employment": BoolF("überwiegend durch Erwerbstätigkeit", "mainly through employment"),
                "benefits": StrF("Leistungsbezug", "benefits", enum=(
                    "none", "sgb2", "sgb12", "asylblg", "bafoeg_bab", "housing_child")),
            }, required=("period_from",), orders=(Order("period_until", "period_from"),)),
        ),
        "housing": ObjF("Wohnraum", "housing", fields={"adequate": BoolF("ausreichender Wohnraum", "adequate housing")}),
        "pension": ObjF(
            "Rentenversicherung", "pension insurance",
            fields={
                "months": IntF("Beitragsmonate", "contribution months", maximum=720),
                "as_of": DateF("Stand", "as of"),
            },
        ),
        "convictions": ListF("Verurteilungen", "convictions", item=_CONVICTION),
        "expulsion_interests": ListF(
            "Ausweisungsinteressen (§ 54 AufenthG)", "interests in expulsion (§ 54 AufenthG)",
            item=ObjF(nullable=False, fields={
                "absatz": IntF("Absatz (1 oder 2)", "subsection (1 or 2)", minimum=1, maximum=2),
                "nummer": StrF("Nummer", "number", pattern=r"^[0-9]{1,2}[a-z]?$", max_length=3),
                "since": DateF("seit", "since"),
                "until": DateF("bis (null: besteht fort)", "until (null: continues)"),
            }, orders=(Order("until", "since"),)),
        ),
        "expulsion_order": BoolF("Ausweisungsverfügung oder Abschiebungsanordnung (§ 58a) besteht",
                                 "expulsion order or removal order (§ 58a) exists"),
        "extremism_indications": ListF(
            "Anhaltspunkte für Extremismus", "indications of extremism",
            item=ObjF(nullable=False, fields={
                "noted_on": DateF("bekannt seit", "known since", nullable=False),
                "confirmed": BoolF("bestätigt", "confirmed"),
            }, required=("noted_on",)),
        ),
        "health_exemptions": ListF(
            "Befreiungen wegen Krankheit, Behinderung oder Alter", "exemptions for illness, disability or age",
            item=ObjF(nullable=False, fields={
                "scope": StrF("befreit von", "exempt from", nullable=False, enum=(
                    "language", "civic_test", "livelihood", "school", "all")),
                "ground": StrF("Grund", "ground", enum=("illness_or_disability", "age")),
                "certificate_date": DateF("Attest vom", "certificate of"),
            }, required=("scope",)),
        ),
        "fdgo_declared_on": DateF("Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben am",
                                  "commitment to the free democratic basic order declared on"),
        "historical_responsibility_declared_on": DateF(
            "Bekenntnis zur historischen Verantwortung Deutschlands (§ 10 Abs. 1 S. 1 Nr. 1a StAG) abgegeben am",
            "commitment to Germany's historical responsibility (§ 10(1) sent. 1 no. 1a StAG) declared on"),
        "employment_ban": ObjF(
            "Beschäftigungsverbot nach § 60a Abs. 6 S. 1 Nr. 1 und 3 AufenthG",
            "employment ban under § 60a(6) sent. 1 nos. 1 and 3 AufenthG",
            fields={
                "entered_for_benefits": BoolF(
                    "eingereist, um Leistungen nach dem AsylbLG zu erlangen (Nr. 1)",
                    "entered to obtain benefits under the AsylbLG (no. 1)"),
                "safe_country_asylum_rejected": BoolF(
                    "sicherer Herkunftsstaat, Asylantrag nach dem 31.08.2015 abgelehnt/zurückgenommen oder nicht "
                    "gestellt (Nr. 3, mit § 104 Abs. 18)",
                    "safe country of origin, asylum application after 31.08.2015 rejected/withdrawn or none made "
                    "(no. 3, with § 104(18))"),
            },
        ),
        "removal_measures": ListF(
            "Konkrete Maßnahmen zur Aufenthaltsbeendigung (§ 60c Abs. 2 Nr. 5, § 16g Abs. 2 Nr. 5, § 60a Abs. 5b)",
            "concrete measures to end the stay (§ 60c(2) no. 5, § 16g(2) no. 5, § 60a(5b))",
            item=ObjF(nullable=False, fields={
                "kind": StrF("Art", "kind", nullable=False, enum=(
                    "medical_examination", "voluntary_return_application", "transport_booking", "comparable",
                    "dublin_procedure", "ammr_procedure")),
                "initiated_on": DateF("eingeleitet am", "initiated on", nullable=False),
                "ended_on": DateF("erledigt am (null: offen)", "ended on (null: pending)"),
            }, required=("kind", "initiated_on"), orders=(Order("ended_on", "initiated_on"),)),
        ),
        "removal_obstruction": ObjF(
            "Verhinderung der Aufenthaltsbeendigung (gegenwärtig)", "obstruction of removal (current)",
            fields={
                "false_statements_or_deception": BoolF(
                    "durch eigene falsche Angaben oder Täuschung über Identität/Staatsangehörigkeit",
                    "by own false statements or deception about identity/nationality"),
                "non_cooperation": BoolF("durch Nichterfüllung zumutbarer Mitwirkungspflichten",
                                         "by not meeting reasonable duties to cooperate"),
                "repeated": BoolF("wiederholt", "repeatedly"),
            },
        ),
        "household": ObjF(
            "Haushalt und Familie", "household and family",
            fields={
                "has_spouse": BoolF("Ehegatte oder Lebenspartner vorhanden", "has a spouse or partner"),
                "spouse": ObjF(
                    "Ehegatte/Lebenspartner", "spouse/partner",
                    fields={
                        "lives_together": BoolF("in familiärer Lebensgemeinschaft", "living together as a family"),
                        "language_certificates": ListF("Sprachzertifikate", "language certificates", item=_CERTIFICATE),
                        "employment": ListF("Beschäftigungen", "employment", item=_EMPLOYMENT),
                        "convictions": ListF("Verurteilungen", "convictions", item=_CONVICTION),
                        "pension_months": IntF("Rentenbeitragsmonate (§ 9 Abs. 3 S. 1 AufenthG)",
                                               "pension contribution months (§ 9(3) sent. 1 AufenthG)",
                                               minimum=0, maximum=720),
                    },
                ),
                "children": ListF(
                    "Kinder", "children",
                    item=ObjF(nullable=False, fields={
                        "id": StrF("Kennung", "identifier", max_length=64),
                        "birth_date": PartialDateF("Geburtsdatum", "date of birth"),
                        "unmarried": BoolF("ledig", "unmarried"),
                        "lives_together": BoolF("in häuslicher/familiärer Gemeinschaft", "living in the household"),
                        "school_attendance_proven": BoolF("tatsächlicher Schulbesuch nachgewiesen",
                                                          "actual school attendance proven"),
                    }),
                    max_items=30,
                ),
                "single_parent": BoolF("alleinerziehend", "single parent"),
                "cares_for_relative": BoolF("pflegt pflegebedürftige nahe Angehörige", "cares for a close relative"),
            },
        ),
        "judgements": ListF(
            "Bewertungen der Sachbearbeitung", "case worker's judgements",
            item=ObjF(nullable=False, fields={
                "id": StrF("Kennung", "identifier", nullable=False, max_length=64),
                "kind": StrF("Art", "kind", nullable=False, enum=JUDGEMENT_KINDS),
                "subject": StrF("betrifft (Pfad-ID oder Pfad-ID.Bedingung; null: allgemein)",
                                "concerns (pathway id or pathway.condition; null: general)", max_length=80),
                "value": StrF("Ergebnis", "value", nullable=False, enum=("positive", "negative")),
                "recorded_on": DateF("erfasst am", "recorded on", nullable=False),
            }, required=("id", "kind", "value", "recorded_on")),
        ),
    },
    required=("format", "as_of", "person"),
)

#: Keys of the flat record (= columns of the screening frame) with their field kinds.
FLAT_FIELDS: dict[str, Field] = flat_fields(SPEC)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema, generated from ``SPEC``."""
    body = SPEC.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Wegweiser situation/1",
        "description": (
            "Die Angaben einer Person zu einem Stichtag für die Prüfung der Bleibe- und Einbürgerungswege. "
            "Unbekannt = null; bei Listen null = unbekannt, [] = bekanntermaßen keine. / One person's facts on a "
            "date for the pathway rules. Unknown = null; for lists null = unknown, [] = known to be none."
        ),
        **body,
    }


@cache
def published_schema() -> dict[str, Any]:
    return json.loads(resources.files("wegweiser.rules.schemas").joinpath("situation-1.schema.json").read_text("utf-8"))


def normalise(document: Any, as_of: date | None = None) -> dict[str, Any]:
    """Check a situation document strictly and return the flat record; raises InvalidSituation."""
    checked = SPEC.check(document, "")
    record = flatten(SPEC, checked)
    if as_of is not None:
        record["as_of"] = as_of
    return record


def validate_with_schema(document: Any) -> None:
    """Validate against the published JSON Schema (used by ``wegweiser assess``); raises InvalidSituation."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(published_schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        err = jsonschema.exceptions.best_match(errors)
        pointer = "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in err.absolute_path)
        raise InvalidSituation(pointer, err.message)


def _labels(spec: ObjF, prefix: str = "", parent: tuple[str, str] = ("", "")) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for k, f in spec.fields.items():
        name = f"{prefix}{k}"
        de, en = (f.de or k).split(" (")[0], (f.en or k).split(" (")[0]
        if parent[0]:
            de, en = f"{parent[0]}: {de}", f"{parent[1]}: {en}"
        out[name] = (de, en)
        if isinstance(f, ObjF) and name not in ("person",):
            out.update(_labels(f, f"{name}.", (de, en)))
        elif isinstance(f, ObjF):
            out.update(_labels(f, f"{name}."))
        elif isinstance(f, ListF):
            for sub, (sde, sen) in _labels(f.item).items():
                out[f"{name}[].{sub}"] = (f"{de}: {sde}", f"{en}: {sen}")
    return out


LABELS: dict[str, tuple[str, str]] = _labels(SPEC)


def label(name: str, lang: str = "de") -> str:
    """The human label of a flat key (partial dates under their base name, list items as ``list[].key``)."""
    pair = LABELS.get(name)
    if pair is None:
        return name
    return pair[0] if lang == "de" else pair[1]
