"""Dated parameters: every number, date and switch of the law with its validity and its source.

Modelled on OpenFisca's parameters: a parameter has one value per period of validity. An assessment reads
the value in force on its date, so the same rules answer correctly for 2021, today and 01.07.2027. Each
value carries its citation and the evidence tag of ``law.md`` ([V-STAT] statute, [V-HIST] version history,
[V-SEC] secondary source, [R] recalled and unverified). Values that rest on [R] or on an interpretation carry
a ``review`` note; conditions that use them are shown as marked for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

D = date
EVIDENCE_TAGS = frozenset({"V-STAT", "V-HIST", "V-SEC", "R", "DERIVED"})


@dataclass(frozen=True)
class Value:
    value: Any
    valid_from: date | None  # None: since before anything the engine encodes
    valid_until: date | None  # None: open end
    citation: str
    evidence: str
    review: str | None = None

    def covers(self, d: date) -> bool:
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_until is None or d <= self.valid_until)


@dataclass(frozen=True)
class Parameter:
    name: str
    label_de: str
    label_en: str
    values: tuple[Value, ...] = field(default_factory=tuple)

    def at(self, d: date) -> Value | None:
        for v in self.values:
            if v.covers(d):
                return v
        return None

    def change_dates(self) -> set[date]:
        """Days on which a new value starts or the day after one ends."""
        out: set[date] = set()
        for v in self.values:
            if v.valid_from is not None:
                out.add(v.valid_from)
            if v.valid_until is not None and v.valid_until < date(9999, 12, 31):
                out.add(date.fromordinal(v.valid_until.toordinal() + 1))
        return out


PARAMETERS: dict[str, Parameter] = {}


def define(name: str, label_de: str, label_en: str, *values: Value) -> Parameter:
    if name in PARAMETERS:
        raise ValueError(f"parameter {name} defined twice")
    for v in values:
        if v.evidence not in EVIDENCE_TAGS:
            raise ValueError(f"{name}: unknown evidence tag {v.evidence}")
        if v.evidence == "R" and not v.review:
            raise ValueError(f"{name}: an [R] value needs a review note")
    ordered = sorted(values, key=lambda v: v.valid_from or date.min)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.valid_until is None or b.valid_from is None or a.valid_until >= b.valid_from:
            raise ValueError(f"{name}: overlapping values")
    p = Parameter(name, label_de, label_en, tuple(ordered))
    PARAMETERS[name] = p
    return p


def get(name: str) -> Parameter:
    try:
        return PARAMETERS[name]
    except KeyError:
        raise KeyError(f"unknown parameter {name!r}") from None


def value_at(name: str, d: date) -> Any:
    """The value in force on ``d``; None where the parameter has no value (e.g. the rule is not yet in force)."""
    v = get(name).at(d)
    return None if v is None else v.value


V = Value
CHAR = "ChAufenthG v. 21.12.2022 (BGBl. I S. 2847), Art. 1"
CHAR_END = "ChAufenthG Art. 5 Nr. 2 with Art. 8 as amended Dec. 2025"
R_2027 = "Date 01.07.2027 rests on secondary sources (asyl.net, frnrw); amended Art. 8 ChAufenthG not seen (law.md § 14 Nr. 2)"
R_2015 = "§ 25a before its reform of 01.08.2015 is not encoded; the reform date is recalled (law.md § 1.3)"

# --- Common -------------------------------------------------------------------------------------------
define(
    "bgb.majority_age", "Volljährigkeit (Jahre)", "Age of majority (years)",
    V(18, None, None, "§ 2 BGB", "R", "BGB is not in the law folder; the value itself is settled"),
)
define(
    "schule.schoolage_from", "schulpflichtiges Alter ab (Jahre)", "School age from (years)",
    V(6, None, None, "Schulgesetze der Länder", "R", "Compulsory schooling is Land law; 6 years is a simplification"),
)
define(
    "schule.schoolage_until", "schulpflichtiges Alter bis unter (Jahre)", "School age until below (years)",
    V(18, None, None, "Schulgesetze der Länder (Berufsschulpflicht)", "R",
      "Compulsory schooling is Land law; end at 18 is a simplification"),
)
define(
    "aufenthg.harmless_interruption_months", "unschädliche Unterbrechung bis (Monate)",
    "Harmless interruption up to (months)",
    V(3, None, None, "BMI-Anwendungshinweise zu § 25b (asyl.net M26754); Nds. Flüchtlingsrat zu § 25a", "V-SEC",
      "Administrative guidance, not statute; the engine only asks for the judgement"),
)
define(
    "aufenthg_54.prison_months_2_1", "§ 54 Abs. 2 Nr. 1: Freiheitsstrafe ab (Monate)",
    "§ 54(2) no. 1: prison sentence from (months)",
    V(6, None, None, "§ 54 Abs. 2 Nr. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_54.juvenile_months_2_2", "§ 54 Abs. 2 Nr. 2: Jugendstrafe ohne Bewährung ab (Monate)",
    "§ 54(2) no. 2: juvenile sentence without probation from (months)",
    V(12, None, None, "§ 54 Abs. 2 Nr. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_54.prison_months_1_1", "§ 54 Abs. 1 Nr. 1: Freiheits- oder Jugendstrafe ab (Monate)",
    "§ 54(1) no. 1: prison or juvenile sentence from (months)",
    V(24, None, None, "§ 54 Abs. 1 Nr. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg.fine_daily_rates", "unbeachtliche Geldstrafen bis (Tagessätze)", "Disregarded fines up to (daily rates)",
    V(50, None, None, "§ 25a Abs. 3, § 19d Abs. 1 Nr. 7, § 104c Abs. 1 Nr. 2 a. F. AufenthG", "V-STAT"),
)
define(
    "aufenthg.fine_daily_rates_foreigner_only", "unbeachtliche Geldstrafen (nur ausländerrechtliche Taten) bis",
    "Disregarded fines for foreigner-only offences up to (daily rates)",
    V(90, None, None, "§ 25a Abs. 3, § 19d Abs. 1 Nr. 7, § 104c Abs. 1 Nr. 2 a. F. AufenthG", "V-STAT"),
)

# --- § 25a ---------------------------------------------------------------------------------------------
define(
    "aufenthg_25a.encoded", "§ 25a Abs. 1 kodiert", "§ 25a(1) encoded",
    V(False, None, D(2015, 7, 31), "§ 25a AufenthG vor 01.08.2015 (nicht kodiert)", "R", R_2015),
    V(True, D(2015, 8, 1), None, "§ 25a AufenthG i. d. F. ab 01.08.2015", "R", R_2015),
)
define(
    "aufenthg_25a.school_disability_waiver", "§ 25a Abs. 1 Nr. 2 S. 2: Absehen bei Krankheit oder Behinderung",
    "§ 25a(1) no. 2 sent. 2: waiver for illness or disability",
    V(False, None, D(2022, 12, 30), "§ 25a Abs. 1 S. 1 Nr. 2 AufenthG a. F. (ohne Absehen)", "V-HIST"),
    V(True, D(2022, 12, 31), None, f"§ 25a Abs. 1 S. 1 Nr. 2 S. 2 AufenthG ({CHAR})", "V-STAT"),
)
define(
    "aufenthg_25a.years", "§ 25a Abs. 1 Nr. 1 und 2: Jahre", "§ 25a(1) nos. 1 and 2: years",
    V(4, None, D(2022, 12, 30), "§ 25a Abs. 1 S. 1 Nr. 1, 2 AufenthG a. F.", "V-HIST"),
    V(3, D(2022, 12, 31), None, f"§ 25a Abs. 1 S. 1 Nr. 1, 2 AufenthG ({CHAR})", "V-STAT"),
)
define(
    "aufenthg_25a.max_age_at_application", "§ 25a Abs. 1 Nr. 3: Antrag vor Vollendung des ... Lebensjahres",
    "§ 25a(1) no. 3: application before completing year of age",
    V(21, None, D(2022, 12, 30), "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG a. F.", "V-HIST"),
    V(27, D(2022, 12, 31), None, f"§ 25a Abs. 1 S. 1 Nr. 3 AufenthG ({CHAR})", "V-STAT"),
)
define(
    "aufenthg_25a.min_age_at_decision", "§ 25a Abs. 1: Mindestalter bei Entscheidung (jugendlich)",
    "§ 25a(1): minimum age at decision (adolescent)",
    V(14, None, None, "§ 25a Abs. 1 S. 1 AufenthG („jugendlich“); Nds. Flüchtlingsrat https://nds-fluerat.org/?p=45528",
      "V-SEC"),
)
define(
    "aufenthg_25a.prior_duldung_months", "§ 25a Abs. 1: Vorduldung (Monate)", "§ 25a(1): prior Duldung (months)",
    V(0, None, D(2022, 12, 30), "§ 25a Abs. 1 S. 1 AufenthG a. F. („geduldeten Ausländer“)", "V-HIST"),
    V(12, D(2022, 12, 31), None, f"§ 25a Abs. 1 S. 1 AufenthG ({CHAR})", "V-STAT"),
)

# --- § 25b ---------------------------------------------------------------------------------------------
define(
    "aufenthg_25b.in_force", "§ 25b in Kraft", "§ 25b in force",
    V(False, None, D(2015, 7, 31), "§ 25b AufenthG (eingeführt 01.08.2015)", "V-SEC"),
    V(True, D(2015, 8, 1), None, "§ 25b AufenthG (BVerwG PM 94/2019; Nds. Erlass)", "V-SEC"),
)
define(
    "aufenthg_25b.years_single", "§ 25b Abs. 1 S. 2 Nr. 1: Jahre", "§ 25b(1) sent. 2 no. 1: years",
    V(8, D(2015, 8, 1), D(2022, 12, 30), "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG a. F.", "V-HIST"),
    V(6, D(2022, 12, 31), None, f"§ 25b Abs. 1 S. 2 Nr. 1 AufenthG ({CHAR})", "V-STAT"),
)
define(
    "aufenthg_25b.years_with_child", "§ 25b Abs. 1 S. 2 Nr. 1: Jahre mit minderjährigem Kind",
    "§ 25b(1) sent. 2 no. 1: years with a minor child",
    V(6, D(2015, 8, 1), D(2022, 12, 30), "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG a. F.", "V-HIST"),
    V(4, D(2022, 12, 31), None, f"§ 25b Abs. 1 S. 2 Nr. 1 AufenthG ({CHAR})", "V-STAT"),
)
define(
    "aufenthg_25b.oral_german_level", "§ 25b Abs. 1 S. 2 Nr. 4: mündliche Deutschkenntnisse",
    "§ 25b(1) sent. 2 no. 4: oral German",
    V("A2", D(2015, 8, 1), None, "§ 25b Abs. 1 S. 2 Nr. 4 AufenthG", "V-STAT"),
)
define(
    "aufenthg_25b.permit_max_years", "§ 25b Abs. 5: Geltungsdauer höchstens (Jahre)", "§ 25b(5): validity at most (years)",
    V(2, D(2015, 8, 1), None, "§ 25b Abs. 5 S. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_25b.abs6_in_force", "§ 25b Abs. 6 in Kraft", "§ 25b(6) in force",
    V(False, None, D(2019, 12, 31), "§ 25b AufenthG a. F. (ohne Abs. 6)", "V-SEC"),
    V(True, D(2020, 1, 1), None,
      "§ 25b Abs. 6 AufenthG (G über Duldung bei Ausbildung und Beschäftigung v. 08.07.2019, BGBl. I S. 1021)", "V-SEC"),
)
define(
    "aufenthg_25b.abs6_months", "§ 25b Abs. 6: Beschäftigungsduldung seit (Monate)",
    "§ 25b(6): employment Duldung held for (months)",
    V(30, D(2020, 1, 1), None, "§ 25b Abs. 6 AufenthG", "V-STAT"),
)

# --- § 104c (Chancen-Aufenthaltsrecht) -------------------------------------------------------------------
define(
    "aufenthg_104c.holder_privileges", "Sonderregeln für Inhaber einer AE nach § 104c (25a Abs. 1, 5, 6; 25b Abs. 1, 7, 8)",
    "Rules for holders of a § 104c permit (25a(1), (5), (6); 25b(1), (7), (8))",
    V(False, None, D(2022, 12, 30), "§ 25a, § 25b AufenthG a. F. (ohne § 104c)", "V-HIST"),
    V(True, D(2022, 12, 31), D(2027, 6, 30), f"§ 25a Abs. 5, 6, § 25b Abs. 7, 8 AufenthG ({CHAR}); end: {CHAR_END}",
      "V-SEC", R_2027),
    V(False, D(2027, 7, 1), None, f"§ 25a, § 25b AufenthG ohne § 104c-Regeln ({CHAR_END})", "V-SEC", R_2027),
)
define(
    "aufenthg_104c.grant_in_force", "§ 104c Abs. 1 a. F. (Erteilung)", "§ 104c(1) old version (grant)",
    V(True, D(2022, 12, 31), D(2025, 12, 30), "§ 104c AufenthG a. F.; asyl.net, frnrw (Anträge bis 30.12.2025)", "V-SEC",
      "One source says applications until 31.12.2025 (law.md § 3.2); 30.12.2025 is encoded as the safe boundary"),
)
define(
    "aufenthg_104c.cutoff_date", "§ 104c Abs. 1: Stichtag", "§ 104c(1): reference date",
    V(D(2022, 10, 31), D(2022, 12, 31), D(2025, 12, 30), "§ 104c Abs. 1 S. 1 AufenthG a. F.", "V-STAT"),
)
define(
    "aufenthg_104c.years", "§ 104c Abs. 1: Jahre am Stichtag", "§ 104c(1): years on the reference date",
    V(5, D(2022, 12, 31), D(2025, 12, 30), "§ 104c Abs. 1 S. 1 AufenthG a. F.", "V-STAT"),
)
define(
    "aufenthg_104c.permit_months", "§ 104c Abs. 3: Geltungsdauer (Monate)", "§ 104c(3): validity (months)",
    V(18, D(2022, 12, 31), D(2025, 12, 30), "§ 104c Abs. 3 S. 3 AufenthG a. F.", "V-STAT"),
)

# --- § 60a-60d, § 16g, § 19d, § 25 Abs. 5 (for the other pathways) ------------------------------------------
define(
    "aufenthg_60d.in_force", "§ 60d in Kraft", "§ 60d in force",
    V(True, D(2020, 1, 1), None, "§ 60d AufenthG (voris NI)", "V-SEC"),
)
define(
    "aufenthg_60d.sunset", "§ 60d: befristet bis", "§ 60d: limited until",
    V(D(2023, 12, 31), D(2020, 1, 1), D(2023, 12, 22), "§ 60d AufenthG a. F. (Anwendung bis 31.12.2023)", "V-SEC"),
    V(None, D(2023, 12, 23), None, "Entfristung (arbeitsmarktzugang.de, fluechtlingsrat-bw.de)", "V-SEC"),
)
define(
    "aufenthg_60d.entry_cutoff", "§ 60d Abs. 1: eingereist bis", "§ 60d(1): entered by",
    V(D(2018, 8, 1), D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 AufenthG a. F.", "V-HIST"),
    V(D(2022, 12, 31), D(2024, 2, 27), None, "§ 60d Abs. 1 AufenthG (RückfVerbG, fr-hessen)", "V-SEC",
      "One source dates the change to 01.03.2024 (law.md § 4.3); 27.02.2024 is encoded"),
)
define(
    "aufenthg_60d.employment_months", "§ 60d Abs. 1 Nr. 3: Beschäftigung seit (Monate)",
    "§ 60d(1) no. 3: employed for (months)",
    V(18, D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 Nr. 3 AufenthG a. F.", "V-HIST"),
    V(12, D(2024, 2, 27), None, "§ 60d Abs. 1 Nr. 3 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60d.hours_per_week", "§ 60d Abs. 1 Nr. 3: Wochenstunden", "§ 60d(1) no. 3: hours a week",
    V(35, D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 Nr. 3 AufenthG a. F.", "V-HIST"),
    V(20, D(2024, 2, 27), None, "§ 60d Abs. 1 Nr. 3 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60d.hours_per_week_single_parent", "§ 60d Abs. 1 Nr. 3: Wochenstunden Alleinerziehende",
    "§ 60d(1) no. 3: hours a week, single parents",
    V(20, D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 3 AufenthG (a. F. ausdrücklich; n. F. allgemein 20)", "V-HIST"),
)
define(
    "aufenthg_60d.prior_duldung_months", "§ 60d Abs. 1 Nr. 2: Duldung seit (Monate)", "§ 60d(1) no. 2: Duldung for (months)",
    V(12, D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60d.duration_months", "§ 60d Abs. 1: Dauer der Duldung (Monate)", "§ 60d(1): duration (months)",
    V(30, D(2020, 1, 1), None, "§ 60d Abs. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.in_force", "§ 60c in Kraft", "§ 60c in force",
    V(True, D(2020, 1, 1), None, "§ 60c AufenthG (voris NI)", "V-SEC"),
)
define(
    "aufenthg_60c.prior_duldung_months", "§ 60c Abs. 2 Nr. 2: Duldung seit (Monate)", "§ 60c(2) no. 2: Duldung for (months)",
    V(3, D(2020, 1, 1), None, "§ 60c Abs. 2 Nr. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_16g.in_force", "§ 16g in Kraft", "§ 16g in force",
    V(True, D(2024, 3, 1), None, "§ 16g AufenthG (FEG 2.0; handbookgermany.de)", "V-SEC"),
)
define(
    "aufenthg_16g.prior_duldung_months", "§ 16g Abs. 2 Nr. 2: Duldung seit (Monate)", "§ 16g(2) no. 2: Duldung for (months)",
    V(3, D(2024, 3, 1), None, "§ 16g Abs. 2 Nr. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.identity_months_after_entry", "§ 60c/§ 16g: Identitätsklärung binnen (Monate nach Einreise)",
    "§ 60c/§ 16g: identity clarified within (months after entry)",
    V(6, None, None, "§ 60c Abs. 2 Nr. 3 Buchst. c, § 16g Abs. 2 Nr. 3 AufenthG", "V-STAT"),
)
define(
    "aufenthg_19d.nature", "§ 19d Abs. 1: Rechtsnatur", "§ 19d(1): legal nature",
    V("kann", None, D(2024, 2, 29), "§ 19d Abs. 1 AufenthG a. F.", "V-HIST"),
    V("soll", D(2024, 3, 1), None, "§ 19d Abs. 1 AufenthG", "V-HIST",
      "Which act (RückfVerbG 27.02.2024 or FEG 2.0 01.03.2024) changed kann to soll is not verified (law.md § 14 Nr. 4)"),
)
define(
    "aufenthg_25_5.duldung_months", "§ 25 Abs. 5 S. 2: Abschiebung ausgesetzt seit (Monate)",
    "§ 25(5) sent. 2: removal suspended for (months)",
    V(18, None, None, "§ 25 Abs. 5 S. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_26.permit_max_years", "§ 26 Abs. 1: Geltungsdauer höchstens (Jahre)", "§ 26(1): validity at most (years)",
    V(3, None, None, "§ 26 Abs. 1 S. 1 AufenthG", "V-STAT"),
)

# --- Settlement and naturalisation -----------------------------------------------------------------------------
define(
    "aufenthg_9.years", "§ 9 Abs. 2 Nr. 1: Jahre Aufenthaltserlaubnis", "§ 9(2) no. 1: years of residence permit",
    V(5, None, None, "§ 9 Abs. 2 S. 1 Nr. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_9.pension_months", "§ 9 Abs. 2 Nr. 3: Beitragsmonate", "§ 9(2) no. 3: contribution months",
    V(60, None, None, "§ 9 Abs. 2 S. 1 Nr. 3 AufenthG", "V-STAT"),
)
define(
    "aufenthg_9.german_level", "§ 9 Abs. 2 Nr. 7: Deutschkenntnisse", "§ 9(2) no. 7: German",
    V("B1", None, None, "§ 9 Abs. 2 S. 1 Nr. 7, § 2 Abs. 11 AufenthG", "V-STAT"),
)
define(
    "stag_10.years", "§ 10 Abs. 1 StAG: Jahre", "§ 10(1) StAG: years",
    V(8, None, D(2024, 6, 26), "§ 10 Abs. 1 StAG a. F.", "V-HIST"),
    V(5, D(2024, 6, 27), None, "§ 10 Abs. 1 StAG (G v. 22.03.2024, BGBl. 2024 I Nr. 104)", "V-HIST"),
)
define(
    "stag_10.years_integration_course", "§ 10 Abs. 3 StAG a. F.: Jahre mit Integrationskurs",
    "§ 10(3) StAG old: years with integration course",
    V(7, None, D(2024, 6, 26), "§ 10 Abs. 3 S. 1 StAG a. F.", "V-HIST"),
)
define(
    "stag_10.years_special_integration", "§ 10 Abs. 3 StAG a. F.: Jahre bei besonderen Integrationsleistungen",
    "§ 10(3) StAG old: years with special integration",
    V(6, None, D(2024, 6, 26), "§ 10 Abs. 3 S. 2 StAG a. F.", "V-HIST"),
)
define(
    "stag_10.turbo_years", "§ 10 Abs. 3 StAG: Jahre (Turbo)", "§ 10(3) StAG: years (fast track)",
    V(3, D(2024, 6, 27), D(2025, 10, 29), "§ 10 Abs. 3 StAG i. d. F. 27.06.2024 – 29.10.2025", "V-HIST"),
)
define(
    "stag_10.full_time_months", "§ 10 Abs. 1 Nr. 3 b StAG: Vollzeit (Monate in den letzten 24)",
    "§ 10(1) no. 3 b StAG: full-time (months of the last 24)",
    V(20, D(2024, 6, 27), None, "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. b StAG", "V-STAT"),
)
define(
    "stag_12a.max_daily_rates", "§ 12a StAG: unbeachtliche Geldstrafe bis (Tagessätze)",
    "§ 12a StAG: disregarded fines up to (daily rates)",
    V(90, None, None, "§ 12a Abs. 1 S. 1 Nr. 2 StAG", "V-STAT"),
)
define(
    "stag_12a.max_suspended_prison_months", "§ 12a StAG: unbeachtliche Bewährungsstrafe bis (Monate)",
    "§ 12a StAG: disregarded suspended sentence up to (months)",
    V(3, None, None, "§ 12a Abs. 1 S. 1 Nr. 3 StAG", "V-STAT"),
)
define(
    "stag_35a.bar_years", "§ 35a StAG: Sperrfrist (Jahre)", "§ 35a StAG: bar (years)",
    V(10, D(2025, 12, 25), None, "§ 35a StAG (erstmals im Spiegel am 25.12.2025)", "V-HIST",
      "Effective date not verified (law.md § 14 Nr. 1); first snapshot date used"),
)
define(
    "aufenthg_104.family_reunification_36a_suspended", "§ 104 Abs. 14: Familiennachzug zu subsidiär Schutzberechtigten ausgesetzt",
    "§ 104(14): family reunification to subsidiary protection suspended",
    V(True, D(2025, 7, 24), D(2027, 7, 23), "§ 104 Abs. 14 AufenthG", "R", "Start date 24.07.2025 recalled (law.md § 14 Nr. 6)"),
)

# --- § 26 Abs. 4 AufenthG and § 10 StAG (pathways aufenthg_26_4, stag_10) --------------------------------------
R_26_4_2015 = ("§ 26 Abs. 4 before 01.08.2015 (seven years) is not encoded; the old period and the reform date are "
               "recalled (law.md § 7.2)")
STARMODG = "StARModG v. 22.03.2024 (BGBl. 2024 I Nr. 104), in force 27.06.2024"
define(
    "aufenthg_26_4.encoded", "§ 26 Abs. 4 kodiert", "§ 26(4) encoded",
    V(False, None, D(2015, 7, 31), "§ 26 Abs. 4 AufenthG a. F. (sieben Jahre; nicht kodiert)", "R", R_26_4_2015),
    V(True, D(2015, 8, 1), None, "§ 26 Abs. 4 AufenthG (unverändert 04/2021 – 08/2026)", "R", R_26_4_2015),
)
define(
    "aufenthg_9.absence_credit_months", "§ 9 Abs. 4 Nr. 2: angerechnete Auslandsaufenthalte bis (Monate je Aufenthalt)",
    "§ 9(4) no. 2: stays abroad credited up to (months each)",
    V(6, None, None, "§ 9 Abs. 4 Nr. 2 AufenthG", "V-STAT"),
)
define(
    "stag_10.in_force", "§ 10 StAG in Kraft", "§ 10 StAG in force",
    V(True, None, None, "§ 10 StAG", "V-STAT"),
)
define(
    "stag_10.german_level", "§ 10 Abs. 4 StAG: Sprachprüfung Stufe", "§ 10(4) StAG: language exam level",
    V("B1", None, None, "§ 10 Abs. 4 S. 1 StAG", "V-STAT"),
)
define(
    "stag_10.turbo_german_level", "§ 10 Abs. 3 Nr. 3 StAG: Sprachprüfung Stufe (Turbo)",
    "§ 10(3) no. 3 StAG: language exam level (fast track)",
    V("C1", D(2024, 6, 27), D(2025, 10, 29), "§ 10 Abs. 3 S. 1 Nr. 3 StAG i. d. F. 27.06.2024 – 29.10.2025", "V-HIST"),
)
define(
    "stag_10.renunciation_required", "§ 10 Abs. 1 S. 1 Nr. 4 StAG a. F.: Aufgabe der Staatsangehörigkeit",
    "§ 10(1) sent. 1 no. 4 StAG old: giving up the former nationality",
    V(True, None, D(2024, 6, 26), "§ 10 Abs. 1 S. 1 Nr. 4 StAG a. F. (mit § 12)", "V-HIST"),
    V(False, D(2024, 6, 27), None, f"§ 10 Abs. 1 S. 1 Nr. 4 StAG „(weggefallen)“ ({STARMODG})", "V-HIST"),
)
define(
    "stag_10.historical_responsibility", "§ 10 Abs. 1 S. 1 Nr. 1a StAG: Bekenntnis zur historischen Verantwortung",
    "§ 10(1) sent. 1 no. 1a StAG: commitment to Germany's historical responsibility",
    V(False, None, D(2024, 6, 26), "§ 10 Abs. 1 S. 1 StAG a. F. (ohne Nr. 1a)", "V-HIST"),
    V(True, D(2024, 6, 27), None, f"§ 10 Abs. 1 S. 1 Nr. 1a StAG ({STARMODG})", "V-HIST"),
)
define(
    "stag_10.livelihood_not_responsible", "§ 10 Abs. 1 S. 1 Nr. 3 StAG a. F.: Leistungsbezug nicht zu vertreten",
    "§ 10(1) sent. 1 no. 3 StAG old: not responsible for receiving benefits",
    V(True, None, D(2024, 6, 26), "§ 10 Abs. 1 S. 1 Nr. 3 StAG a. F. („oder deren Inanspruchnahme nicht zu vertreten hat“)",
      "V-HIST"),
    V(False, D(2024, 6, 27), None, f"§ 10 Abs. 1 S. 1 Nr. 3 StAG ({STARMODG})", "V-HIST"),
)
define(
    "stag_10.livelihood_exceptions", "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a–c StAG: Ausnahmen vom Leistungsausschluss",
    "§ 10(1) sent. 1 no. 3 (a)–(c) StAG: exceptions",
    V(False, None, D(2024, 6, 26), "§ 10 Abs. 1 S. 1 Nr. 3 StAG a. F. (ohne Buchst. a–c)", "V-HIST"),
    V(True, D(2024, 6, 27), None, f"§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a–c StAG ({STARMODG})", "V-HIST"),
)
define(
    "stag_10.excludes_23_1", "§ 10 Abs. 1 S. 1 Nr. 2 StAG: Aufenthaltserlaubnis nach § 23 Abs. 1 ausgeschlossen",
    "§ 10(1) sent. 1 no. 2 StAG: § 23(1) permit excluded",
    V(True, None, D(2024, 6, 26), "§ 10 Abs. 1 S. 1 Nr. 2 StAG a. F.", "V-HIST"),
    V(False, D(2024, 6, 27), None, f"§ 10 Abs. 1 S. 1 Nr. 2 StAG ({STARMODG}; sinngemäß konsolidiert)", "V-HIST",
      "The amending order was first not executable; the mirror showed the consolidated list only from 01.04.2025 "
      "(law.md § 8.1)"),
)
define(
    "stag_10.guest_worker_entry_until", "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a StAG: eingereist bis (spätestens)",
    "§ 10(1) sent. 1 no. 3 (a) StAG: entered by (latest)",
    V(D(1990, 6, 13), D(2024, 6, 27), None, "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a StAG (30.06.1974 / 13.06.1990)", "V-STAT"),
)
define(
    "stag_12b.absence_months", "§ 12b Abs. 1 S. 1 StAG: unschädliche Auslandsaufenthalte bis (Monate)",
    "§ 12b(1) sent. 1 StAG: stays abroad that do not interrupt, up to (months)",
    V(6, None, None, "§ 12b Abs. 1 S. 1 StAG", "V-STAT"),
)
define(
    "stag_10.child_language_age", "§ 10 Abs. 4 S. 2 StAG: altersgemäße Sprachentwicklung genügt unter (Jahre)",
    "§ 10(4) sent. 2 StAG: age-appropriate language suffices below (years)",
    V(16, None, None, "§ 10 Abs. 4 S. 2 StAG", "V-STAT"),
)

# --- § 60d, § 19d, § 25 Abs. 5 (pathways aufenthg_60d, aufenthg_19d, aufenthg_25_5) ------------------------------
R_60D_2024 = "One source dates the RückfVerbG change to 01.03.2024 (law.md § 4.3); 27.02.2024 is encoded"
define(
    "aufenthg_60d.identity_rule_2020", "§ 60d Abs. 1 Nr. 1 a. F.: Identitätsfristen nach Einreise und Beschäftigung am 01.01.2020",
    "§ 60d(1) no. 1 old: identity deadlines by entry and employment on 01.01.2020",
    V(True, D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 Nr. 1 Buchst. a–c AufenthG a. F.", "V-HIST"),
)
define(
    "aufenthg_60d.identity_rule_2024", "§ 60d Abs. 1 Nr. 1: Identitätsfristen nach Einreise",
    "§ 60d(1) no. 1: identity deadlines by entry",
    V(True, D(2024, 2, 27), None, "§ 60d Abs. 1 Nr. 1 Buchst. a, b AufenthG (RückfVerbG)", "V-STAT", R_60D_2024),
)
define(
    "aufenthg_60d.identity_early_entry_until", "§ 60d Abs. 1 Nr. 1 Buchst. a: Einreise bis",
    "§ 60d(1) no. 1 (a): entry by",
    V(D(2016, 12, 31), D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 1 Buchst. a AufenthG (a. F. und n. F.)", "V-STAT"),
)
define(
    "aufenthg_60d.identity_deadline", "§ 60d Abs. 1 Nr. 1: Identität geklärt spätestens bis",
    "§ 60d(1) no. 1: identity clarified at the latest by",
    V(D(2020, 6, 30), D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 Nr. 1 Buchst. b, c AufenthG a. F.", "V-HIST"),
    V(D(2024, 12, 31), D(2024, 2, 27), None, "§ 60d Abs. 1 Nr. 1 Buchst. b AufenthG", "V-STAT", R_60D_2024),
)
define(
    "aufenthg_60d.identity_employment_on", "§ 60d Abs. 1 Nr. 1 Buchst. a a. F.: Beschäftigungsverhältnis am",
    "§ 60d(1) no. 1 (a) old: employment on",
    V(D(2020, 1, 1), D(2020, 1, 1), D(2024, 2, 26), "§ 60d Abs. 1 Nr. 1 Buchst. a, b AufenthG a. F.", "V-HIST"),
)
define(
    "aufenthg_60d.livelihood_months", "§ 60d Abs. 1 Nr. 4: Lebensunterhalt gesichert in den letzten (Monate)",
    "§ 60d(1) no. 4: livelihood secured in the last (months)",
    V(12, D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 4 AufenthG (unverändert 2020–2026)", "V-HIST"),
)
define(
    "aufenthg_60d.oral_german_level", "§ 60d Abs. 1 Nr. 6: hinreichende mündliche Deutschkenntnisse",
    "§ 60d(1) no. 6: sufficient oral German",
    V("A2", D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 6, § 2 Abs. 10 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60d.fine_daily_rates_foreigner_only", "§ 60d Abs. 1 Nr. 7 i. V. m. § 32 Abs. 2 Nr. 5 a BZRG: Geldstrafe bis (Tagessätze)",
    "§ 60d(1) no. 7 with § 32(2) no. 5 (a) BZRG: fine up to (daily rates)",
    V(90, D(2020, 1, 1), None, "§ 60d Abs. 1 Nr. 7 AufenthG; § 32 Abs. 2 Nr. 5 Buchst. a BZRG", "R",
      "The BZRG is not in the law folder: 90 daily rates (and 'no other penalty registered') are recalled"),
)
define(
    "aufenthg_19d.in_force", "§ 19d in Kraft", "§ 19d in force",
    V(True, D(2020, 3, 1), None, "§ 19d AufenthG (FEG 2019; voris NI)", "R",
      "Date 01.03.2020 from voris NI [V-SEC]; the origin of § 19d in the FEG 2019 is recalled (law.md § 11); the "
      "predecessor § 18a a. F. is not encoded"),
)
define(
    "aufenthg_19d.german_level", "§ 19d Abs. 1 Nr. 3: ausreichende Deutschkenntnisse", "§ 19d(1) no. 3: sufficient German",
    V("B1", D(2020, 3, 1), None, "§ 19d Abs. 1 Nr. 3, § 2 Abs. 11 AufenthG", "V-STAT"),
)
define(
    "aufenthg_19d.degree_employment_years", "§ 19d Abs. 1 Nr. 1 Buchst. b: angemessene Beschäftigung seit (Jahre)",
    "§ 19d(1) no. 1 (b): adequate employment for (years)",
    V(2, D(2020, 3, 1), None, "§ 19d Abs. 1 Nr. 1 Buchst. b AufenthG", "V-STAT"),
)
define(
    "aufenthg_19d.qualified_employment_years", "§ 19d Abs. 1 Nr. 1 Buchst. c: qualifizierte Beschäftigung seit (Jahre)",
    "§ 19d(1) no. 1 (c): qualified employment for (years)",
    V(3, D(2020, 3, 1), None, "§ 19d Abs. 1 Nr. 1 Buchst. c AufenthG", "V-STAT"),
)
define(
    "aufenthg_19d.no_benefits_months", "§ 19d Abs. 1 Nr. 1 Buchst. c: ohne öffentliche Mittel im letzten (Monate)",
    "§ 19d(1) no. 1 (c): no public funds in the last (months)",
    V(12, D(2020, 3, 1), None, "§ 19d Abs. 1 Nr. 1 Buchst. c AufenthG („innerhalb des letzten Jahres“)", "V-STAT"),
)
define(
    "aufenthg_19d.abs1a_years", "§ 19d Abs. 1a: Geltungsdauer (Jahre)", "§ 19d(1a): validity (years)",
    V(2, D(2020, 3, 1), None, "§ 19d Abs. 1a AufenthG", "V-STAT"),
)
define(
    "aufenthg_25_5.encoded", "§ 25 Abs. 5 kodiert", "§ 25(5) encoded",
    V(True, D(2005, 1, 1), None, "§ 25 Abs. 5 AufenthG (unverändert 04/2021 – 08/2026)", "R",
      "The AufenthG's entry into force on 01.01.2005 is recalled; the text is verified unchanged only from 04/2021 "
      "(law.md § 6)"),
)

# --- § 60c, § 16g (pathways aufenthg_60c, aufenthg_16g) ----------------------------------------------------------
define(
    "aufenthg_60c.identity_entry_until_a", "§ 60c/§ 16g Abs. 2 Nr. 3 a: Einreise bis (Identität bis zum Antrag)",
    "§ 60c/§ 16g(2) no. 3 (a): entry up to (identity by the application)",
    V(D(2016, 12, 31), None, None, "§ 60c Abs. 2 Nr. 3 Buchst. a, § 16g Abs. 2 Nr. 3 Buchst. a AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.identity_entry_until_b", "§ 60c/§ 16g Abs. 2 Nr. 3 b: Einreise bis (vor dem 01.01.2020)",
    "§ 60c/§ 16g(2) no. 3 (b): entry up to (before 01.01.2020)",
    V(D(2019, 12, 31), None, None, "§ 60c Abs. 2 Nr. 3 Buchst. b, § 16g Abs. 2 Nr. 3 Buchst. b AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.identity_deadline_b", "§ 60c/§ 16g Abs. 2 Nr. 3 b: Identität spätestens geklärt bis",
    "§ 60c/§ 16g(2) no. 3 (b): identity clarified by the latest",
    V(D(2020, 6, 30), None, None, "§ 60c Abs. 2 Nr. 3 Buchst. b, § 16g Abs. 2 Nr. 3 Buchst. b AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.application_months_before_start", "§ 60c Abs. 3 S. 1: Antrag frühestens (Monate vor Beginn)",
    "§ 60c(3) sent. 1: application at the earliest (months before the start)",
    V(7, D(2020, 1, 1), None, "§ 60c Abs. 3 S. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_60c.grant_months_before_start", "§ 60c Abs. 3 S. 2: Erteilung frühestens (Monate vor Beginn)",
    "§ 60c(3) sent. 2: grant at the earliest (months before the start)",
    V(6, D(2020, 1, 1), None, "§ 60c Abs. 3 S. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg_16g.application_months_before_start", "§ 16g Abs. 3 S. 1: Antrag frühestens (Monate vor Beginn)",
    "§ 16g(3) sent. 1: application at the earliest (months before the start)",
    V(7, D(2024, 3, 1), None, "§ 16g Abs. 3 S. 1 AufenthG", "V-STAT"),
)
define(
    "aufenthg_16g.grant_months_before_start", "§ 16g Abs. 3 S. 2: Erteilung frühestens (Monate vor Beginn)",
    "§ 16g(3) sent. 2: grant at the earliest (months before the start)",
    V(6, D(2024, 3, 1), None, "§ 16g Abs. 3 S. 2 AufenthG", "V-STAT"),
)
define(
    "aufenthg.responsibility_procedure_kind",
    "§ 60c/§ 16g Abs. 2 Nr. 5 e, § 60a Abs. 5b Nr. 5: maßgebliches Zuständigkeitsverfahren",
    "§ 60c/§ 16g(2) no. 5 (e), § 60a(5b) no. 5: relevant responsibility procedure",
    V("dublin_procedure", None, D(2026, 6, 11), "§ 60c Abs. 2 Nr. 5 e AufenthG a. F. (Art. 20 Abs. 1 VO (EU) Nr. 604/2013)",
      "V-HIST"),
    V("ammr_procedure", D(2026, 6, 12), None, "§ 60c Abs. 2 Nr. 5 e AufenthG (Art. 38 Abs. 1 VO (EU) 2024/1351; GEAS)",
      "V-HIST", "Date is the snapshot of 12.06.2026 (upper bound); BGBl reference not verified (law.md § 14 Nr. 5)"),
)
