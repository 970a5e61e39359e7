"""§ 10 StAG – Anspruchseinbürgerung (naturalisation entitlement).

Versions (law.md § 8.2, § 13): until 26.06.2024 eight years, seven with a completed integration course, "bis zu"
six with special integration achievements (judgement), giving up the former nationality (Nr. 4 a. F.) and the
exception "Leistungsbezug nicht zu vertreten"; from 27.06.2024 (StARModG) five years, Nr. 1a, livelihood
exceptions Buchst. a–c, and the three-year track of Abs. 3 (special integration, § 8 Abs. 1 Nr. 4, C1) until
29.10.2025; from 30.10.2025 Abs. 3 is gone. § 12a StAG sets which convictions are disregarded, § 12b which
stays abroad and interruptions of lawful residence do no harm. No change of § 10 StAG is scheduled for
01.07.2027 (only § 104c permits, already excluded by Nr. 2, run out then).
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, AllTest, Cases, Holds, JudgementTest, Switch, Test
from ..expr import Agg, Expr, F, I, If, Judged, Lit, Not, Or, Param
from ..pathway import AnyOf, Condition, Pathway
from ..timeline import Part, Stretch
from . import common as c

ID = "stag_10"
YEARS = "stag_10.years"
SGB = ("sgb2", "sgb12")

#: "rechtmäßiger gewöhnlicher Aufenthalt": residence titles and a Fiktionsbescheinigung; Duldung never counts.
LAWFUL = c.status_is("aufenthaltserlaubnis", "niederlassungserlaubnis", "daueraufenthalt_eu", "visum",
                     "fiktionsbescheinigung")
#: § 55 Abs. 3 AsylG: the asylum procedure counts only after recognition (asylum, refugee or subsidiary protection).
RECOGNISED = Agg("residence", "any", I("legal_basis").known() & I("legal_basis").isin(("aufenthg_25_1", "aufenthg_25_2", "aufenthg_26_3")))

#: § 10 Abs. 1 S. 1 Nr. 2: purposes whose permit does not qualify (normalised legal bases).
EXCLUDED_PURPOSES = (
    "aufenthg_16a", "aufenthg_16b", "aufenthg_16d", "aufenthg_16e", "aufenthg_16f", "aufenthg_17", "aufenthg_18f",
    "aufenthg_19", "aufenthg_19b", "aufenthg_19e", "aufenthg_20", "aufenthg_20a", "aufenthg_22", "aufenthg_23a",
    "aufenthg_24", "aufenthg_25_3", "aufenthg_25_4", "aufenthg_25_4a", "aufenthg_25_4b", "aufenthg_25_5",
    "aufenthg_104c",
)
#: Excluded until 26.06.2024 only (§ 18d and § 23 Abs. 1 left the list with the StARModG).
EXCLUDED_OLD = ("aufenthg_18d", "aufenthg_23_1")
#: Legal bases too coarse to tell (the Absatz decides).
AMBIGUOUS = ("aufenthg_25", "aufenthg_23")
QUALIFYING_TITLE = c.holds_today(
    c.status_is("niederlassungserlaubnis", "daueraufenthalt_eu")
    | (c.status_is("aufenthaltserlaubnis", "fiktionsbescheinigung", "visum")
       & Not(I("legal_basis").in_sections(EXCLUDED_PURPOSES))
       & Not(I("legal_basis").in_sections(EXCLUDED_OLD) & Param("stag_10.excludes_23_1"))
       & If(I("legal_basis").isin(AMBIGUOUS), Lit(None), True))
)

LONG_ABSENCE = c.long_absence("stag_12b.absence_months", YEARS)
ABSENCE_JUDGED = Judged("harmless_interruption", (f"{ID}.auslandsaufenthalt",), allow_general=False)


def decided(condition: str) -> Judged:
    """The case worker's recorded decision for exactly this condition (kind ``other``)."""
    return Judged("other", (f"{ID}.{condition}",), allow_general=False)


def _since(counts: Expr, n: str, condition: str, blocked: bool) -> Test:
    stretch = c.stay(counts) if blocked else c.stay_ignoring_absences(counts)
    return c.since(stretch, n, 12, ID, condition)


def _residence(n: str, condition: str, blocked: bool) -> Test:
    """§ 55 Abs. 3 AsylG: with recognition the asylum procedure (Gestattung) counts too."""
    return Switch(RECOGNISED, _since(LAWFUL | c.GESTATTET, n, condition, blocked), _since(LAWFUL, n, condition, blocked))


def residence_test(n: str, condition: str) -> Test:
    """Years of lawful habitual residence. § 12b Abs. 1 S. 1: stays abroad up to six months do not interrupt;
    a longer one needs a judgement (Abs. 1 S. 2, Abs. 2): positive, the time runs on; negative, from the return."""
    through = _residence(n, condition, blocked=False)
    return Switch(
        LONG_ABSENCE,
        Switch(ABSENCE_JUDGED.eq("positive"), through,
               Switch(ABSENCE_JUDGED.eq("negative"), _residence(n, condition, blocked=True),
                      JudgementTest(ABSENCE_JUDGED))),
        through,
    )


def years_reached(n: str) -> Expr:
    """Three-valued: the current lawful stretch (ignoring absences) already lasts ``n`` years (for asking a
    judgement only when it can matter)."""
    lawful = Part(c.stay_ignoring_absences(LAWFUL), "start")
    with_asyl = Part(c.stay_ignoring_absences(LAWFUL | c.GESTATTET), "start")
    start = If(RECOGNISED, with_asyl, lawful)
    return start.add_years(n) <= c.TODAY


def judged_when_due(n: str, condition: str) -> Test:
    """A judgement asked for only once the shorter period is reached; before, a missing one simply fails."""
    j = decided(condition)
    return Switch(years_reached(n), JudgementTest(j), JudgementTest(j, missing=NOT_MET))


# --- livelihood (§ 10 Abs. 1 S. 1 Nr. 3) ---------------------------------------------------------------------
NO_SGB_TODAY = Agg(
    "livelihood", "any",
    c.covers_today("period_from", "period_until")
    & If(I("secured").eq("fully"), True, I("benefits").isin(("none", "housing_child", "bafoeg_bab"))),
)
FULL_TIME = I("full_time")


def full_time_since(employment: str, condition: str) -> Test:
    """In Vollzeit erwerbstätig and so for 20 months (counted as the current uninterrupted stretch)."""
    stretch = Stretch(employment, FULL_TIME, "starts_on", "ends_on", blocks=None)
    return c.since(stretch, "stag_10.full_time_months", 1, ID, condition)


GUEST_WORKER_ENTRY = Agg("entries", "any", I("date") <= Param("stag_10.guest_worker_entry_until"))

# --- convictions (§ 10 Abs. 1 S. 1 Nr. 5, § 12a Abs. 1) ------------------------------------------------------
ACTIVE = (I("decided_on") <= c.TODAY) & Or(Not(I("erased_on").known()), I("erased_on") > c.TODAY)
#: § 12a Abs. 1 S. 1 Nr. 1: measures under the JGG (no Jugendstrafe, no fine) are disregarded.
JGG_MEASURE = I("juvenile_law") & Not(I("prison_months").known()) & Not(I("daily_rates").known())
COUNTED = ACTIVE & Not(JGG_MEASURE)
#: Never disregarded: prison not suspended, Jugendstrafe, or a suspended sentence above three months.
NOT_DISREGARDABLE = Agg("convictions", "any", COUNTED & I("prison_months").known() & Or(
    I("suspended").eq(False), I("juvenile_law"), I("prison_months") > Param("stag_12a.max_suspended_prison_months")))
FINES = Agg("convictions", "sum", COUNTED & Not(I("prison_months").known()), I("daily_rates"))
PRISON = Agg("convictions", "sum", COUNTED & I("prison_months").known(), I("prison_months"))
#: § 12a Abs. 1 S. 3: added up, one daily rate = one day of prison (a month counted as 30 days, so 90 daily
#: rates = three months): fines + 30 × months ≤ 90.
WITHIN_12A = Or(
    PRISON.eq(0) & (FINES <= Param("stag_12a.max_daily_rates")),
    PRISON.eq(1) & (FINES <= 60),
    PRISON.eq(2) & (FINES <= 30),
    PRISON.eq(3) & FINES.eq(0),
)
SUSPENDED_SENTENCE = Agg("convictions", "any", COUNTED & I("prison_months").known())


def _c1() -> Expr:
    return c.german_written(Param("stag_10.turbo_german_level"))  # type: ignore[arg-type]


PATHWAY = Pathway(
    id=ID,
    title_de="Einbürgerung (Anspruch)",
    title_en="Naturalisation (entitlement)",
    citation="§ 10 StAG",
    nature="anspruch",
    in_force="stag_10.in_force",
    notes=(
        ("Ehegatten und minderjährige Kinder können miteingebürgert werden (§ 10 Abs. 2).",
         "Spouse and minor children may be naturalised with the applicant (§ 10(2))."),
        ("Nicht kodiert: Handlungsfähigkeit (§ 34), Maßregeln und Ermittlungsverfahren (§ 12a Abs. 1 S. 5, Abs. 3), "
         "Sperrfrist nach § 35a, die Einordnung in die deutschen Lebensverhältnisse a. F.",
         "Not encoded: capacity to act (§ 34), measures and pending investigations (§ 12a(1) sent. 5, (3)), the bar "
         "of § 35a, the former integration clause."),
    ),
    conditions=[
        Condition(
            "aufenthaltstitel", "§ 10 Abs. 1 S. 1 Nr. 2 StAG",
            "Unbefristetes Aufenthaltsrecht oder ein Aufenthaltstitel zu einem nicht ausgeschlossenen Zweck "
            "(nicht §§ 16a–20a, 22, 23a, 24, 25 Abs. 3–5, 104c; bis 26.06.2024 auch nicht § 18d, § 23 Abs. 1)",
            "Permanent right of residence or a title for a purpose not excluded (not §§ 16a–20a, 22, 23a, 24, "
            "25(3)–(5), 104c; until 26.06.2024 also not § 18d, § 23(1))",
            Holds(QUALIFYING_TITLE),
            todo=("Aufenthaltstitel zu einem berechtigenden Zweck (z. B. § 25a, § 25b) oder Niederlassungserlaubnis "
                  "erlangen.",
                  "Obtain a title for a qualifying purpose (e.g. § 25a, § 25b) or a settlement permit."),
            evidence=("Aufenthaltszeiten mit Rechtsgrundlage erfassen", "Record residence periods with legal basis"),
        ),
        AnyOf(
            "aufenthaltsdauer", "§ 10 Abs. 1 S. 1, Abs. 3 StAG; § 12b StAG",
            "Seit fünf Jahren (bis 26.06.2024: acht, sieben mit Integrationskurs, bis zu sechs bei besonderen "
            "Integrationsleistungen; 27.06.2024–29.10.2025: drei nach Abs. 3) rechtmäßiger gewöhnlicher Aufenthalt",
            "Five years (until 26.06.2024: eight, seven with integration course, down to six for special integration; "
            "27.06.2024–29.10.2025: three under Abs. 3) of lawful habitual residence",
            review="Duldungszeiten zählen nicht, Gestattungszeiten nur nach Anerkennung (§ 55 Abs. 3 AsylG) "
                   "([R], law.md § 8.1); Unterbrechungen der Rechtmäßigkeit (§ 12b Abs. 3) nur bis drei Monate per "
                   "Bewertung überbrückt; Anrechnung früherer Zeiten bis drei Jahre (§ 12b Abs. 2) nicht kodiert.",
            options=[
                Condition(
                    "regelfrist", "§ 10 Abs. 1 S. 1 StAG",
                    "Seit fünf (bis 26.06.2024: acht) Jahren rechtmäßiger gewöhnlicher Aufenthalt",
                    "Five (until 26.06.2024: eight) years of lawful habitual residence",
                    residence_test(YEARS, "regelfrist"),
                    judgement_hint=("Bewerten, ob ein Auslandsaufenthalt über sechs Monate den gewöhnlichen Aufenthalt "
                                    "unterbrochen hat (§ 12b Abs. 1 S. 2: Wiedereinreise in der gesetzten Frist) bzw. "
                                    "ob eine Unterbrechung unschädlich war (§ 12b Abs. 3).",
                                    "Judge whether a stay abroad over six months interrupted habitual residence "
                                    "(§ 12b(1) sent. 2: re-entry within the set period) or whether an interruption "
                                    "was harmless (§ 12b(3))."),
                ),
                Condition(
                    "integrationskurs", "§ 10 Abs. 3 S. 1 StAG a. F. (bis 26.06.2024)",
                    "Sieben Jahre bei erfolgreicher Teilnahme am Integrationskurs",
                    "Seven years with successful participation in the integration course",
                    AllTest(residence_test("stag_10.years_integration_course", "integrationskurs"),
                            Holds(F("integration_course.status").eq("completed"))),
                    in_force="stag_10.years_integration_course",
                ),
                Condition(
                    "besondere_integration", "§ 10 Abs. 3 S. 2 StAG a. F. (bis 26.06.2024)",
                    "Bis zu sechs Jahre bei besonderen Integrationsleistungen (Ermessen)",
                    "Down to six years for special integration achievements (discretion)",
                    AllTest(residence_test("stag_10.years_special_integration", "besondere_integration"),
                            judged_when_due("stag_10.years_special_integration", "besondere_integration")),
                    in_force="stag_10.years_special_integration",
                    judgement_hint=("Bewerten, ob besondere Integrationsleistungen (Sprachkenntnisse über B1, "
                                    "schulische, berufliche Leistungen, bürgerschaftliches Engagement) vorliegen.",
                                    "Judge whether there are special integration achievements (German above B1, "
                                    "school or professional achievements, civic engagement)."),
                ),
                Condition(
                    "turbo_drei_jahre", "§ 10 Abs. 3 StAG i. d. F. 27.06.2024 – 29.10.2025",
                    "Drei Jahre bei besonderen Integrationsleistungen, gesichertem Unterhalt (§ 8 Abs. 1 Nr. 4) und "
                    "Deutsch C1",
                    "Three years with special integration achievements, secured livelihood (§ 8(1) no. 4) and German C1",
                    AllTest(
                        residence_test("stag_10.turbo_years", "turbo_drei_jahre"),
                        Holds(_c1()),
                        Holds(c.livelihood_today("fully")),
                        judged_when_due("stag_10.turbo_years", "turbo_drei_jahre"),
                    ),
                    in_force="stag_10.turbo_years",
                    judgement_hint=("Bewerten, ob besondere Integrationsleistungen (besonders gute schulische, "
                                    "berufsqualifizierende oder berufliche Leistungen, bürgerschaftliches Engagement) "
                                    "nachgewiesen sind (Abs. 3 Nr. 1).",
                                    "Judge whether special integration achievements are proven (Abs. 3 no. 1)."),
                    review="§ 8 Abs. 1 Nr. 4 („sich und seine Angehörigen zu ernähren imstande“) als vollständig "
                           "gesicherter Lebensunterhalt gelesen.",
                ),
            ],
        ),
        Condition(
            "identitaet", "§ 10 Abs. 1 S. 1 StAG",
            "Identität und Staatsangehörigkeit geklärt", "Identity and nationality clarified",
            Holds(c.IDENTITY_CLARIFIED),
            todo=("Identität und Staatsangehörigkeit klären (Pass, Urkunden).",
                  "Clarify identity and nationality (passport, documents)."),
            evidence=("Stand der Identitätsklärung erfassen", "Record the state of identity clarification"),
        ),
        Condition(
            "bekenntnis_fdgo", "§ 10 Abs. 1 S. 1 Nr. 1 StAG",
            "Bekenntnis zur freiheitlichen demokratischen Grundordnung und Loyalitätserklärung",
            "Commitment to the free democratic basic order and declaration of loyalty",
            Holds((F("fdgo_declared_on") <= c.TODAY) & Not(c.EXTREMISM_INDICATION)),
            todo=("Bekenntnis und Loyalitätserklärung abgeben; Anhaltspunkte für Bestrebungen ausräumen.",
                  "Make the commitment and declaration; dispel indications of hostile activities."),
            evidence=("Bekenntnis erfassen", "Record the declaration"),
        ),
        Condition(
            "bekenntnis_verantwortung", "§ 10 Abs. 1 S. 1 Nr. 1a StAG (ab 27.06.2024)",
            "Bekenntnis zur besonderen historischen Verantwortung Deutschlands",
            "Commitment to Germany's special historical responsibility",
            Holds(F("historical_responsibility_declared_on") <= c.TODAY),
            in_force="stag_10.historical_responsibility",
            todo=("Bekenntnis nach Nr. 1a abgeben.", "Make the commitment under no. 1a."),
            evidence=("Bekenntnis nach Nr. 1a erfassen", "Record the commitment under no. 1a"),
        ),
        AnyOf(
            "lebensunterhalt", "§ 10 Abs. 1 S. 1 Nr. 3 StAG",
            "Lebensunterhalt ohne Leistungen nach SGB II oder XII (Ausnahmen: bis 26.06.2024 nicht zu vertreten; "
            "ab 27.06.2024 Buchst. a–c)",
            "Livelihood without benefits under SGB II or XII (exceptions: until 26.06.2024 not responsible; from "
            "27.06.2024 letters a–c)",
            todo=("Lebensunterhalt ohne Bürgergeld oder Sozialhilfe sichern.",
                  "Secure livelihood without citizen's income or social assistance."),
            options=[
                Condition(
                    "ohne_sgb_leistungen", "§ 10 Abs. 1 S. 1 Nr. 3 Hs. 1 StAG",
                    "Kein Bezug von Leistungen nach SGB II oder XII", "No benefits under SGB II or XII",
                    Holds(NO_SGB_TODAY),
                    evidence=("Lebensunterhalt und Leistungsbezug erfassen", "Record livelihood and benefits"),
                    review="Wohngeld, Kinderzuschlag und BAföG/BAB gelten als unschädlich; AsylbLG wie SGB II/XII.",
                ),
                Condition(
                    "nicht_zu_vertreten", "§ 10 Abs. 1 S. 1 Nr. 3 StAG a. F. (bis 26.06.2024)",
                    "Leistungsbezug nicht zu vertreten", "Not responsible for receiving benefits",
                    JudgementTest(decided("nicht_zu_vertreten")),
                    in_force="stag_10.livelihood_not_responsible",
                    judgement_hint=("Bewerten, ob die Person den Leistungsbezug nicht zu vertreten hat.",
                                    "Judge whether the person is not responsible for receiving benefits."),
                ),
                Condition(
                    "anwerbeabkommen", "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. a StAG",
                    "Gastarbeiter oder Vertragsarbeitnehmer (Einreise bis 30.06.1974 bzw. 13.06.1990), Bezug nicht "
                    "zu vertreten",
                    "Recruited guest or contract worker (entry by 30.06.1974 or 13.06.1990), not responsible",
                    Switch(GUEST_WORKER_ENTRY, JudgementTest(decided("anwerbeabkommen")),
                           JudgementTest(decided("anwerbeabkommen"), missing=NOT_MET)),
                    in_force="stag_10.livelihood_exceptions",
                    judgement_hint=("Bewerten, ob die Einreise aufgrund eines Anwerbeabkommens bzw. als "
                                    "Vertragsarbeitnehmer erfolgte und der Bezug nicht zu vertreten ist.",
                                    "Judge whether entry was under a recruitment agreement or as a contract worker "
                                    "and the person is not responsible for the benefits."),
                ),
                Condition(
                    "vollzeit", "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. b StAG",
                    "In Vollzeit erwerbstätig, davon mindestens 20 der letzten 24 Monate",
                    "Working full-time, and so for at least 20 of the last 24 months",
                    full_time_since("employment", "vollzeit"),
                    in_force="stag_10.livelihood_exceptions",
                    review="Gezählt wird die laufende ununterbrochene Vollzeitbeschäftigung (20 Monate); Lücken bis "
                           "drei Monate nur per Bewertung – „20 von 24“ wird damit vorsichtig unterschätzt.",
                ),
                Condition(
                    "ehegatte_vollzeit", "§ 10 Abs. 1 S. 1 Nr. 3 Buchst. c StAG",
                    "Lebt mit einem nach Buchst. b erwerbstätigen Ehegatten und einem minderjährigen Kind in "
                    "familiärer Gemeinschaft",
                    "Lives as a family with a spouse working as in letter b and a minor child",
                    AllTest(full_time_since("household.spouse.employment", "ehegatte_vollzeit"),
                            Holds(F("household.spouse.lives_together") & c.has_minor_child_today())),
                    in_force="stag_10.livelihood_exceptions",
                ),
            ],
        ),
        Condition(
            "straffreiheit", "§ 10 Abs. 1 S. 1 Nr. 5 StAG; § 12a Abs. 1 StAG",
            "Keine Verurteilung zu einer Strafe (außer JGG-Maßnahmen, Geldstrafe bis 90 Tagessätze, erlassene "
            "Bewährungsstrafe bis drei Monate, zusammengerechnet)",
            "No conviction to a penalty (except juvenile measures, fines up to 90 daily rates, remitted suspended "
            "sentences up to three months, added up)",
            Cases(
                (NOT_DISREGARDABLE, NOT_MET),
                (Not(WITHIN_12A), NOT_MET),
                (decided("straffreiheit").eq("positive"), MET),
                (decided("straffreiheit").eq("negative"), NOT_MET),
                (SUSPENDED_SENTENCE, JUDGEMENT),
                otherwise=MET,
            ),
            on_fail="exclusion",
            regel=True,
            evidence=("Verurteilungen (Bundeszentralregister) erfassen", "Record convictions (federal register)"),
            judgement_hint=("Prüfen, ob die Bewährungsstrafe nach Ablauf der Bewährungszeit erlassen wurde (§ 12a "
                            "Abs. 1 S. 1 Nr. 3).",
                            "Check whether the suspended sentence was remitted after probation (§ 12a(1) sent. 1 "
                            "no. 3)."),
            review="Ein Monat Freiheitsstrafe = 30 Tagessätze; geringfügige Überschreitung (§ 12a Abs. 1 S. 4) nur "
                   "über eine dokumentierte Ausnahme; antisemitische/rassistische Beweggründe (S. 2) sind nicht erfasst.",
        ),
        Condition(
            "deutsch_b1", "§ 10 Abs. 1 S. 1 Nr. 6, Abs. 4, 4a, 6 StAG",
            "Ausreichende Deutschkenntnisse (Sprachprüfung B1); unter 16 altersgemäß",
            "Sufficient German (B1 exam); below 16 age-appropriate",
            Cases(
                (Or(c.german_written(Param("stag_10.german_level")),  # type: ignore[arg-type]
                    c.exempt("language")), MET),
                (decided("deutsch_b1").eq("positive"), MET),
                (decided("deutsch_b1").eq("negative"), NOT_MET),
                (c.before_birthday_on(c.TODAY, "stag_10.child_language_age"), JUDGEMENT),
                otherwise=NOT_MET,
            ),
            todo=("Sprachprüfung B1 (alle Teile) bestehen; Härtefall nach Abs. 4a möglich.",
                  "Pass the B1 exam (all parts); hardship under Abs. 4a possible."),
            evidence=("Sprachzertifikate und Geburtsdatum erfassen", "Record language certificates and date of birth"),
            judgement_hint=("Altersgemäße Sprachentwicklung (unter 16) oder Härtefall nach Abs. 4a bewerten.",
                            "Judge age-appropriate language (below 16) or hardship under Abs. 4a."),
        ),
        Condition(
            "einbuergerungstest", "§ 10 Abs. 1 S. 1 Nr. 7, Abs. 5, 6 StAG",
            "Kenntnisse der Rechts- und Gesellschaftsordnung (in der Regel Einbürgerungstest)",
            "Knowledge of the legal and social order (as a rule the naturalisation test)",
            Cases(
                (Or(Agg("civic_tests", "any", I("kind").eq("einbuergerungstest") & I("passed")
                        & (I("taken_on") <= c.TODAY)), c.exempt("civic_test")), MET),
                (decided("einbuergerungstest").eq("positive"), MET),
                (decided("einbuergerungstest").eq("negative"), NOT_MET),
                (c.civic_knowledge(), JUDGEMENT),
                otherwise=NOT_MET,
            ),
            todo=("Einbürgerungstest bestehen.", "Pass the naturalisation test."),
            evidence=("Testergebnisse erfassen", "Record test results"),
            judgement_hint=("Bewerten, ob Test „Leben in Deutschland“ oder Integrationskurs die Kenntnisse nachweist.",
                            "Judge whether the \"Leben in Deutschland\" test or the integration course proves the "
                            "knowledge."),
        ),
        Condition(
            "aufgabe_staatsangehoerigkeit", "§ 10 Abs. 1 S. 1 Nr. 4 StAG a. F. (bis 26.06.2024); § 12 StAG a. F.",
            "Gibt die bisherige Staatsangehörigkeit auf oder verliert sie (Ausnahmen nach § 12)",
            "Gives up or loses the former nationality (exceptions under § 12)",
            JudgementTest(decided("aufgabe_staatsangehoerigkeit")),
            in_force="stag_10.renunciation_required",
            judgement_hint=("Bewerten, ob die bisherige Staatsangehörigkeit aufgegeben wird oder § 12 greift.",
                            "Judge whether the former nationality is given up or § 12 applies."),
        ),
    ],
)
