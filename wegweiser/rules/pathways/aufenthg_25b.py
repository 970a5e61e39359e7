"""§ 25b AufenthG – Aufenthaltsgewährung bei nachhaltiger Integration (Abs. 1, with Abs. 2, 3, 6, 7, 8).

Versions: from 01.08.2015 eight years (six with a minor child), gateway "geduldet"; Abs. 6 (after 30 months
of § 60d) from 01.01.2020; from 31.12.2022 six/four years and the § 104c gateway with Abs. 7 and 8; from
01.07.2027 the § 104c parts are gone. Abs. 1 S. 2 lists "regelmäßig" (as a rule) requirements: a recorded
``regel_exception`` judgement for the condition can replace a failure (special integration achievements).
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, AllTest, Cases, Holds, JudgementTest
from ..expr import F, I, If, Not, Or, Param
from ..pathway import AnyOf, Condition, Pathway
from . import common as c
from . import section5

ID = "aufenthg_25b"
#: § 25b Abs. 1 S. 2 Nr. 1: "geduldet, gestattet oder mit einer Aufenthaltserlaubnis".
STAYS = c.DULDUNG | c.GESTATTET | c.status_is("aufenthaltserlaubnis", "fiktionsbescheinigung")
LIVELIHOOD_PROGNOSIS = c.judged("livelihood_prognosis", ID, "lebensunterhalt")
PRIVILEGED_BENEFITS = Or(  # § 25b Abs. 1 S. 3 Nr. 1-4
    c.in_education_today(),
    c.has_minor_child_today(),
    F("household.single_parent") & c.has_minor_child_today(),
    F("household.cares_for_relative"),
)
SIXTY_D_STILL_MET = (  # § 60d Abs. 1 Nr. 3, 5, 7, 9 re-checked for Abs. 6
    c.employed_today("aufenthg_60d.hours_per_week")
    & c.livelihood_today("fully")
    & Not(c.intentional_conviction())
    & Not(F("expulsion_order"))
)
WRITTEN_GERMAN_IF_COURSE = If(
    F("integration_course.was_possible"),
    Or(c.german_written("A2"),
       F("household.has_spouse") & c.german_written("A2", "household.spouse.language_certificates")),
    True,
)

PATHWAY = Pathway(
    id=ID,
    title_de="Aufenthaltserlaubnis bei nachhaltiger Integration",
    title_en="Residence permit for sustainable integration",
    citation="§ 25b Abs. 1 AufenthG",
    nature="soll",
    in_force="aufenthg_25b.in_force",
    notes=(
        ("Erteilung abweichend von § 5 Abs. 1 Nr. 1 und Abs. 2; Geltungsdauer höchstens zwei Jahre "
         "(§ 25b Abs. 5 S. 1).",
         "Granted notwithstanding § 5(1) no. 1 and (2); valid for at most two years (§ 25b(5) sent. 1)."),
        ("Ehegatten und minderjährige ledige Kinder: § 25b Abs. 4 prüfen.",
         "Spouse and minor unmarried children: check § 25b(4)."),
    ),
    conditions=[
        Condition(
            "zugang", "§ 25b Abs. 1 S. 1 AufenthG",
            "Geduldet oder Inhaber einer Aufenthaltserlaubnis nach § 104c (bis 30.12.2022: geduldet)",
            "Tolerated or holding a § 104c residence permit (until 30.12.2022: tolerated)",
            Holds(Or(c.GEDULDET_TODAY, c.HOLDER_104C & c.PRIVILEGES_104C)), on_fail="exclusion",
            todo=("Zugang nur aus der Duldung oder mit einer Aufenthaltserlaubnis nach § 104c.",
                  "Only open from a Duldung or with a § 104c residence permit."),
        ),
        AnyOf(
            "voraufenthalt", "§ 25b Abs. 1 S. 2 Nr. 1, Abs. 6, Abs. 7 AufenthG",
            "Sechs Jahre (mit minderjährigem ledigem Kind im Haushalt vier; bis 30.12.2022: acht/sechs) ununterbrochen "
            "geduldet, gestattet oder mit Aufenthaltserlaubnis – oder 30 Monate Beschäftigungsduldung (Abs. 6)",
            "Six years (four with a minor unmarried child in the household; until 30.12.2022: eight/six) of "
            "uninterrupted tolerated, authorised or permitted stay – or 30 months of employment Duldung (Abs. 6)",
            regel=False,
            options=[
                Condition(
                    "voraufenthalt_allein", "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG (mit Abs. 7)",
                    "Sechs Jahre (bis 30.12.2022: acht) ununterbrochen geduldet, gestattet oder mit Aufenthaltserlaubnis",
                    "Six years (until 30.12.2022: eight) uninterrupted tolerated, authorised or permitted stay",
                    c.since_with_104c_rule(STAYS, "aufenthg_25b.years_single", 12, ID, "voraufenthalt_allein"),
                    regel=True,
                    review="§ 60b-Zeiten werden als Unterbrechung behandelt; Fiktionsbescheinigung zählt wie "
                           "Aufenthaltserlaubnis.",
                ),
                Condition(
                    "voraufenthalt_mit_kind", "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG (mit Abs. 7)",
                    "Vier Jahre (bis 30.12.2022: sechs), solange ein minderjähriges lediges Kind im Haushalt lebt",
                    "Four years (until 30.12.2022: six) while a minor unmarried child lives in the household",
                    AllTest(
                        c.since_with_104c_rule(STAYS, "aufenthg_25b.years_with_child", 12, ID, "voraufenthalt_mit_kind"),
                        c.minor_child_until(),
                    ),
                    regel=True,
                ),
                Condition(
                    "beschaeftigungsduldung_30_monate", "§ 25b Abs. 6 AufenthG",
                    "Seit 30 Monaten im Besitz einer Duldung nach § 60d, deren Voraussetzungen weiter erfüllt sind; "
                    "bei möglichem Integrationskurs schriftliche Deutschkenntnisse (A2) bei ihm oder Ehegatten",
                    "Has held a § 60d Duldung for 30 months and still meets its requirements; if an integration "
                    "course was possible, written German (A2) of the person or the spouse",
                    AllTest(
                        c.since(c.stay(c.DULDUNG & I("duldung_kind").eq("60d")), "aufenthg_25b.abs6_months", 1, ID,
                                "beschaeftigungsduldung_30_monate"),
                        Holds(SIXTY_D_STILL_MET),
                        Holds(WRITTEN_GERMAN_IF_COURSE),
                    ),
                    in_force="aufenthg_25b.abs6_in_force",
                    review="Von § 60d werden hier nur Abs. 1 Nr. 3, 5, 7 und 9 erneut geprüft; vollständig prüft "
                           "der Pfad aufenthg_60d.",
                ),
            ],
        ),
        Condition(
            "fdgo", "§ 25b Abs. 1 S. 2 Nr. 2 AufenthG",
            "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
            "Commitment to the free democratic basic order",
            Holds((F("fdgo_declared_on") <= c.TODAY) & Not(c.EXTREMISM_INDICATION)),
            regel=True,
            evidence=("Bekenntnis zur freiheitlichen demokratischen Grundordnung abgeben und erfassen",
                      "Make and record the declaration of commitment to the free democratic basic order"),
            todo=("Anhaltspunkte für Extremismus ausräumen.", "Dispel indications of extremism."),
        ),
        Condition(
            "grundkenntnisse", "§ 25b Abs. 1 S. 2 Nr. 2 AufenthG",
            "Grundkenntnisse der Rechts- und Gesellschaftsordnung und der Lebensverhältnisse im Bundesgebiet",
            "Basic knowledge of the legal and social order and living conditions in Germany",
            Holds(c.civic_knowledge()), regel=True,
            todo=("Test „Leben in Deutschland“ bestehen oder Integrationskurs abschließen.",
                  "Pass the \"Leben in Deutschland\" test or complete the integration course."),
            evidence=("Testergebnis oder Integrationskursbescheinigung erfassen",
                      "Record the test result or integration course certificate"),
        ),
        Condition(
            "lebensunterhalt", "§ 25b Abs. 1 S. 2 Nr. 3, S. 3, Abs. 3 AufenthG",
            "Lebensunterhalt überwiegend durch Erwerbstätigkeit gesichert oder positive Prognose (Wohngeld "
            "unschädlich; vorübergehender Leistungsbezug in den Fällen des S. 3 in der Regel unschädlich)",
            "Livelihood mainly secured through employment, or a positive prognosis (housing benefit harmless; "
            "temporary benefits as a rule harmless in the cases of sent. 3)",
            Cases(
                (Or(c.exempt("livelihood"), c.livelihood_by_employment_today(), LIVELIHOOD_PROGNOSIS.eq("positive")),
                 MET),
                (LIVELIHOOD_PROGNOSIS.eq("negative"), NOT_MET),
                (PRIVILEGED_BENEFITS, JUDGEMENT),
                otherwise=NOT_MET,
            ),
            regel=True,
            todo=("Lebensunterhalt überwiegend durch Erwerbstätigkeit sichern (oder positive Prognose dokumentieren).",
                  "Mainly secure livelihood through employment (or record a positive prognosis)."),
            judgement_hint=("Bewerten, ob der Leistungsbezug vorübergehend und unschädlich ist (Abs. 1 S. 3) bzw. "
                            "Prognose zum Lebensunterhalt dokumentieren.",
                            "Judge whether receiving benefits is temporary and harmless (Abs. 1 sent. 3) or record "
                            "a livelihood prognosis."),
            review="„überwiegend“ folgt der Angabe „überwiegend gesichert“ (> 50 % gilt als übliche Lesart, [R]).",
        ),
        Condition(
            "deutsch_a2_muendlich", "§ 25b Abs. 1 S. 2 Nr. 4, Abs. 3 AufenthG",
            "Hinreichende mündliche Deutschkenntnisse (A2)", "Sufficient oral German (A2)",
            Holds(Or(c.german_oral(Param("aufenthg_25b.oral_german_level")), c.exempt("language"))),
            regel=True,
            todo=("Mündliche Deutschkenntnisse auf Niveau A2 nachweisen (Zertifikat).",
                  "Prove oral German at level A2 (certificate)."),
            evidence=("Sprachzertifikate erfassen", "Record language certificates"),
        ),
        Condition(
            "schulbesuch_kinder", "§ 25b Abs. 1 S. 2 Nr. 5 AufenthG",
            "Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter nachgewiesen",
            "Actual school attendance of children of school age proven",
            Holds(c.Agg("household.children", "all", Or(Not(c.child_school_age_today()), I("school_attendance_proven")))),
            applies=c.Agg("household.children", "any", c.child_school_age_today()),
            regel=True,
            todo=("Schulbescheinigungen der Kinder vorlegen.", "Show the children's school certificates."),
            evidence=("Geburtsdaten und Schulbesuch der Kinder erfassen",
                      "Record the children's dates of birth and school attendance"),
            review="Schulpflichtiges Alter vereinfacht 6 bis unter 18 Jahre (Landesrecht).",
        ),
        Condition(
            "versagung_mitwirkung", "§ 25b Abs. 2 Nr. 1 AufenthG",
            "Verhindert oder verzögert die Aufenthaltsbeendigung nicht durch vorsätzlich falsche Angaben, Täuschung "
            "über Identität oder Staatsangehörigkeit oder Nichterfüllung zumutbarer Mitwirkungsanforderungen",
            "Does not prevent or delay the end of stay by intentionally false statements, deception about identity "
            "or nationality or by not meeting reasonable duties to cooperate",
            Holds(Not(Or(c.OBSTRUCTS_BY_DECEPTION, c.OBSTRUCTS_BY_NON_COOPERATION, c.IN_60B_TODAY))),
            on_fail="exclusion",
            evidence=("Feststellen, ob die Person derzeit die Aufenthaltsbeendigung verhindert oder verzögert",
                      "Establish whether the person currently prevents or delays the end of stay"),
            review="Gegenwartsbezug („verhindert oder verzögert“); eine laufende Duldung nach § 60b gilt als Hinweis.",
        ),
        Condition(
            "versagung_ausweisungsinteresse", "§ 25b Abs. 2 Nr. 2 AufenthG",
            "Kein Ausweisungsinteresse nach § 54 Abs. 1 oder Abs. 2 Nr. 1 und 2",
            "No interest in expulsion under § 54(1) or (2) nos. 1 and 2",
            Holds(Not(c.serious_expulsion_interest())), on_fail="exclusion",
            evidence=("Verurteilungen (Bundeszentralregister) und Ausweisungsinteressen erfassen",
                      "Record convictions (federal register) and interests in expulsion"),
        ),
        Condition(
            "ausweisungsinteresse", "§ 5 Abs. 1 Nr. 2 AufenthG",
            "Kein sonstiges Ausweisungsinteresse", "No other interest in expulsion",
            Holds(Not(c.expulsion_interest_recorded(serious_only=False))), regel=True,
            todo=("Ausweisungsinteresse besteht; Absehen nach § 5 Abs. 3 S. 2 im Ermessen.",
                  "An interest in expulsion exists; waiver at discretion under § 5(3) sent. 2."),
            review="Allgemeine Regelerteilungsvoraussetzung; Absehen im Ermessen (§ 5 Abs. 3 S. 2).",
        ),
        section5.identity_104c_holder(ID, 8),
        section5.identity(
            review="§ 25b weicht nur von § 5 Abs. 1 Nr. 1 und Abs. 2 ab; Nr. 1a bleibt Regelvoraussetzung (Auslegung).",
            applies=Not(c.HOLDER_104C_PRIVILEGED),
        ),
        section5.passport(
            review="§ 25b weicht nur von § 5 Abs. 1 Nr. 1 und Abs. 2 ab; Nr. 4 bleibt Regelvoraussetzung (Auslegung).",
        ),
        Condition(
            "kein_atypischer_fall", "§ 25b Abs. 1 S. 1 AufenthG („soll“)",
            "Kein atypischer Fall (Soll-Vorschrift)", "No atypical case (\"soll\" provision)",
            JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
            on_fail="exclusion",
            todo=("Atypischer Fall laut Bewertung: kein Regelanspruch, Erteilung allenfalls nach Ermessen.",
                  "Atypical case per judgement: no regular entitlement, grant at discretion at most."),
        ),
    ],
)
