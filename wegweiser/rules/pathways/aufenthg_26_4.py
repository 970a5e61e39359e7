"""§ 26 Abs. 4 AufenthG with § 9 Abs. 2 S. 1 – Niederlassungserlaubnis für Inhaber humanitärer Aufenthaltserlaubnisse.

A holder of a residence permit under Kapitel 2 Abschnitt 5 (§§ 22–26) "kann" get a settlement permit when the
conditions of § 9 Abs. 2 S. 1 are met; § 9 Abs. 2 S. 2–6 apply accordingly (§ 26 Abs. 4 S. 2) and the time of
the asylum procedure before the permit counts (§ 26 Abs. 4 S. 3). Values (law.md § 13): five years, 60 months of
pension contributions, German B1 – unchanged from 01.08.2015 through 08/2026. Before 01.08.2015 (seven years,
recalled [R]) nothing is encoded. Stays abroad of up to six months each are credited (§ 9 Abs. 4 Nr. 2); a longer
one needs the case worker's judgement whether the permit went on and the time counts.
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, Cases, Holds, JudgementTest, Switch, Test
from ..expr import F, I, Judged, Or, Param
from ..pathway import Condition, Pathway
from . import common as c
from . import section5

ID = "aufenthg_26_4"
YEARS = "aufenthg_9.years"
PENSION = "aufenthg_9.pension_months"

#: Legal bases of Kapitel 2 Abschnitt 5 AufenthG (§§ 22–25b) as normalised in situation/1. § 104c permits are
#: left out: while one is held only a § 25a or § 25b permit may be granted (§ 104c Abs. 3 S. 4 a. F.).
ABSCHNITT_5 = (
    "aufenthg_22", "aufenthg_23", "aufenthg_23_1", "aufenthg_23_2", "aufenthg_23_4", "aufenthg_23a", "aufenthg_24",
    "aufenthg_25", "aufenthg_25_1", "aufenthg_25_2", "aufenthg_25_3", "aufenthg_25_4", "aufenthg_25_4a",
    "aufenthg_25_4b", "aufenthg_25_5", "aufenthg_25a", "aufenthg_25a_1", "aufenthg_25a_2", "aufenthg_25b",
    "aufenthg_25b_1", "aufenthg_25b_4", "aufenthg_25b_6",
)
#: Time that counts: the residence permit (a Fiktionsbescheinigung continues it, a national visa is credited)
#: and the asylum procedure that preceded it (§ 26 Abs. 4 S. 3). Duldung does not count.
COUNTS = c.status_is("aufenthaltserlaubnis", "fiktionsbescheinigung", "visum") | c.GESTATTET
HOLDS_ABSCHNITT_5 = c.holds_today(
    c.status_is("aufenthaltserlaubnis", "fiktionsbescheinigung") & I("legal_basis").in_sections(ABSCHNITT_5)
)

LONG_ABSENCE = c.long_absence("aufenthg_9.absence_credit_months", YEARS)
ABSENCE_JUDGED = Judged("harmless_interruption", (f"{ID}.auslandsaufenthalt",), allow_general=False)


def waiver(condition: str) -> Judged:
    """A recorded decision to waive a requirement (§ 9 Abs. 2 S. 4, 5), for exactly this condition."""
    return Judged("other", (f"{ID}.{condition}",), allow_general=False)


def time_test(n: str, condition: str) -> Test:
    """Years of permit (with asylum procedure) – a stay abroad longer than six months needs a judgement: positive,
    the time counts through; negative, the time counts from the return."""
    through = c.since(c.stay_ignoring_absences(COUNTS), n, 12, ID, condition)
    from_return = c.since(c.stay(COUNTS), n, 12, ID, condition)
    return Switch(
        LONG_ABSENCE,
        Switch(ABSENCE_JUDGED.eq("positive"), through,
               Switch(ABSENCE_JUDGED.eq("negative"), from_return, JudgementTest(ABSENCE_JUDGED))),
        through,
    )


SPOUSE_PENSION = (
    F("household.has_spouse") & F("household.spouse.lives_together")
    & (F("household.spouse.pension_months") >= Param(PENSION))
)
ILLNESS = ("illness_or_disability",)

PATHWAY = Pathway(
    id=ID,
    title_de="Niederlassungserlaubnis für Inhaber einer humanitären Aufenthaltserlaubnis",
    title_en="Settlement permit for holders of a humanitarian residence permit",
    citation="§ 26 Abs. 4 AufenthG i. V. m. § 9 Abs. 2 S. 1 AufenthG",
    nature="kann",
    in_force="aufenthg_26_4.encoded",
    notes=(
        ("Ermessen („kann“): Die Ausländerbehörde entscheidet auch bei erfüllten Voraussetzungen nach Ermessen.",
         "Discretion (\"kann\"): the authority decides at its discretion even when all conditions are met."),
        ("Für Inhaber nach § 25 Abs. 1 oder 2 S. 1 ist § 26 Abs. 3 (Anspruch) vorrangig zu prüfen.",
         "For holders under § 25(1) or (2) sent. 1 check § 26(3) (entitlement) first."),
        ("Nicht kodiert: § 9 Abs. 2 S. 1 Nr. 5, 6 (Beschäftigung erlaubt, sonstige Erlaubnisse), § 9 Abs. 4 Nr. 1, 3 "
         "(frühere Niederlassungserlaubnis, Studium zur Hälfte) und § 26 Abs. 4 S. 4 (Kinder, § 35).",
         "Not encoded: § 9(2) sent. 1 nos. 5, 6 (employment permitted, other permits), § 9(4) nos. 1, 3 (earlier "
         "settlement permit, studies counted half) and § 26(4) sent. 4 (children, § 35)."),
    ),
    conditions=[
        Condition(
            "aufenthaltserlaubnis_abschnitt_5", "§ 26 Abs. 4 S. 1 AufenthG",
            "Besitzt eine Aufenthaltserlaubnis nach Kapitel 2 Abschnitt 5 (§§ 22–25b)",
            "Holds a residence permit under chapter 2 part 5 (§§ 22–25b)",
            Holds(HOLDS_ABSCHNITT_5),
            todo=("Nur mit einer humanitären Aufenthaltserlaubnis (§§ 22–25b) möglich.",
                  "Only possible with a humanitarian residence permit (§§ 22–25b)."),
            evidence=("Aufenthaltszeiten mit Rechtsgrundlage erfassen", "Record residence periods with legal basis"),
            review="„Im Übrigen“: auch Inhaber nach § 25 Abs. 1, 2 werden hier geprüft (Abs. 3 ist günstiger); "
                   "§ 104c-Inhaber sind ausgenommen (§ 104c Abs. 3 S. 4 a. F.).",
        ),
        Condition(
            "besitz_fuenf_jahre", "§ 9 Abs. 2 S. 1 Nr. 1, Abs. 4 Nr. 2 AufenthG; § 26 Abs. 4 S. 3 AufenthG",
            "Seit fünf Jahren im Besitz der Aufenthaltserlaubnis; die Zeit des vorangegangenen Asylverfahrens zählt, "
            "Auslandsaufenthalte bis sechs Monate werden angerechnet",
            "Has held the residence permit for five years; the preceding asylum procedure counts, stays abroad of up "
            "to six months are credited",
            time_test(YEARS, "besitz_fuenf_jahre"),
            judgement_hint=("Bewerten, ob ein Auslandsaufenthalt von mehr als sechs Monaten die Aufenthaltserlaubnis "
                            "fortbestehen ließ (positiv: Zeit läuft durch; negativ: Zeit ab Rückkehr) bzw. ob eine "
                            "Unterbrechung unschädlich war.",
                            "Judge whether a stay abroad of more than six months left the permit in place (positive: "
                            "time runs on; negative: time from the return) or whether an interruption was harmless."),
            review="Duldungszeiten zählen nicht ([R], law.md § 7.2); Visum und Fiktionsbescheinigung zählen wie die "
                   "Aufenthaltserlaubnis; die Anrechnung nach § 9 Abs. 4 Nr. 2 ist auf sechs Monate je Aufenthalt "
                   "begrenzt – längere Aufenthalte werden als Ganzes der Bewertung vorgelegt.",
        ),
        Condition(
            "lebensunterhalt", "§ 9 Abs. 2 S. 1 Nr. 2, S. 6 AufenthG",
            "Lebensunterhalt gesichert (außer bei Krankheit oder Behinderung)",
            "Livelihood secured (unless prevented by illness or disability)",
            Holds(Or(c.livelihood_today("fully"), c.exempt("livelihood", ILLNESS))),
            todo=("Lebensunterhalt vollständig ohne öffentliche Mittel sichern.",
                  "Secure livelihood fully without public funds."),
            evidence=("Angaben zum Lebensunterhalt erfassen", "Record livelihood"),
        ),
        Condition(
            "rentenbeitraege", "§ 9 Abs. 2 S. 1 Nr. 3, S. 6, Abs. 3 S. 1–3 AufenthG",
            "Mindestens 60 Monate Beiträge zur Rentenversicherung (beim Ehegatten genügt einer; entfällt in "
            "Ausbildung und bei Krankheit oder Behinderung)",
            "At least 60 months of pension contributions (for spouses one suffices; waived in education and for "
            "illness or disability)",
            Cases(
                (Or(F("pension.months") >= Param(PENSION), c.exempt("livelihood", ILLNESS), c.in_education_today()),
                 MET),
                (SPOUSE_PENSION, MET),
                otherwise=NOT_MET,
            ),
            todo=("Weitere Beitragsmonate zur Rentenversicherung erwerben (60 erforderlich).",
                  "Earn further months of pension contributions (60 required)."),
            evidence=("Rentenversicherungsverlauf (Beitragsmonate) erfassen", "Record the pension record (months)"),
            review="Beitragsmonate einschließlich angerechneter Kinderbetreuungs- und Pflegezeiten (§ 9 Abs. 2 S. 1 "
                   "Nr. 3 Hs. 2) werden als erfasste Zahl übernommen.",
        ),
        Condition(
            "deutsch_b1", "§ 9 Abs. 2 S. 1 Nr. 7, S. 2–5 AufenthG; § 2 Abs. 11 AufenthG",
            "Ausreichende Deutschkenntnisse (B1) oder Integrationskurs abgeschlossen",
            "Sufficient German (B1) or integration course completed",
            Cases(
                (Or(c.german_written(Param("aufenthg_9.german_level")),  # type: ignore[arg-type]
                    F("integration_course.status").eq("completed"), c.exempt("language", ILLNESS)), MET),
                (waiver("deutsch_b1").eq("positive"), MET),
                otherwise=NOT_MET,
            ),
            todo=("Deutschkenntnisse B1 nachweisen (Zertifikat) oder Integrationskurs abschließen; Absehen zur "
                  "Vermeidung einer Härte möglich (S. 4).",
                  "Prove German B1 (certificate) or complete the integration course; waiver possible to avoid "
                  "hardship (sent. 4)."),
            evidence=("Sprachzertifikate und Integrationskurs erfassen", "Record language certificates and course"),
            judgement_hint=("Absehen nach § 9 Abs. 2 S. 4 (Härte) oder S. 5 dokumentieren.",
                            "Record a waiver under § 9(2) sent. 4 (hardship) or sent. 5."),
        ),
        Condition(
            "grundkenntnisse", "§ 9 Abs. 2 S. 1 Nr. 8, S. 2–4 AufenthG",
            "Grundkenntnisse der Rechts- und Gesellschaftsordnung (Test „Leben in Deutschland“ oder Integrationskurs)",
            "Basic knowledge of the legal and social order (\"Leben in Deutschland\" test or integration course)",
            Cases(
                (Or(c.civic_knowledge(), c.exempt("civic_test", ILLNESS)), MET),
                (waiver("grundkenntnisse").eq("positive"), MET),
                otherwise=NOT_MET,
            ),
            todo=("Test „Leben in Deutschland“ bestehen oder Integrationskurs abschließen.",
                  "Pass the \"Leben in Deutschland\" test or complete the integration course."),
            evidence=("Testergebnis oder Integrationskursbescheinigung erfassen",
                      "Record the test result or integration course certificate"),
        ),
        Condition(
            "wohnraum", "§ 9 Abs. 2 S. 1 Nr. 9 AufenthG",
            "Ausreichender Wohnraum für sich und die Familie", "Adequate housing for the person and the family",
            Holds(F("housing.adequate")),
            todo=("Ausreichenden Wohnraum nachweisen.", "Prove adequate housing."),
            evidence=("Wohnraum erfassen", "Record housing"),
        ),
        Condition(
            "oeffentliche_sicherheit", "§ 9 Abs. 2 S. 1 Nr. 4 AufenthG",
            "Keine Gründe der öffentlichen Sicherheit oder Ordnung stehen entgegen (Abwägung)",
            "No grounds of public security or order stand in the way (weighing)",
            Cases(
                (Or(c.expulsion_interest_recorded(serious_only=False), c.intentional_conviction(ignore_foreigner_only=False))
                 .eq(False), MET),
                (waiver("oeffentliche_sicherheit").eq("positive"), MET),
                (waiver("oeffentliche_sicherheit").eq("negative"), NOT_MET),
                otherwise=JUDGEMENT,
            ),
            on_fail="exclusion",
            evidence=("Verurteilungen und Ausweisungsinteressen erfassen",
                      "Record convictions and interests in expulsion"),
            judgement_hint=("Abwägen, ob Verurteilungen oder Ausweisungsinteressen nach Schwere, Art, Aufenthaltsdauer "
                            "und Bindungen entgegenstehen (Nr. 4).",
                            "Weigh whether convictions or interests in expulsion stand in the way given their "
                            "severity, kind, the length of stay and ties (no. 4)."),
        ),
        Condition(
            "ausweisungsinteresse", "§ 5 Abs. 1 Nr. 2 AufenthG",
            "Kein Ausweisungsinteresse", "No interest in expulsion",
            Holds(Or(c.serious_expulsion_interest(), c.expulsion_interest_recorded(serious_only=False)).eq(False)),
            regel=True,
            todo=("Ausweisungsinteresse besteht; Absehen nach § 5 Abs. 3 S. 2 im Ermessen.",
                  "An interest in expulsion exists; waiver at discretion under § 5(3) sent. 2."),
        ),
        section5.identity(review=None),
        section5.passport(review=None),
    ],
)
