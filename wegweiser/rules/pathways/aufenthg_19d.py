"""§ 19d AufenthG – Aufenthaltserlaubnis für qualifizierte Geduldete zum Zweck der Beschäftigung.

Two routes in one pathway (law.md § 5.2):
* Abs. 1: a tolerated person with a qualification (Nr. 1 a–c) who meets Nr. 2–7. Legal nature from the
  parameter ``aufenthg_19d.nature``: "kann" until 29.02.2024 (a recorded discretion judgement is needed), "soll"
  from 01.03.2024 (no atypical case). The assessment shows the nature in force on its date.
* Abs. 1a: after a successfully completed training under a § 60c Ausbildungsduldung the permit "ist" to be
  granted for two years if Nr. 2, 3, 6 and 7 are met (Nr. 1, 4, 5 and the discretion do not apply).
§ 19d applies from 01.03.2020 (FEG 2019; origin [R]); before that ``not_in_force``.
"""

from __future__ import annotations

from ..conditions import MET, NOT_MET, AllTest, AnyTest, Holds, JudgementTest
from ..expr import Agg, F, I, Judged, Not, Or, Param
from ..pathway import AnyOf, Condition, Pathway
from . import common as c
from . import section5

ID = "aufenthg_19d"
NATURE = Param("aufenthg_19d.nature")

#: Abs. 1a: a § 60c Duldung was granted and a vocational qualification obtained in Germany.
HAD_60C = Agg("residence", "any", c.DULDUNG & I("duldung_kind").eq("60c") & (I("valid_from") <= c.TODAY))
VOCATIONAL_DE = Agg("qualifications", "any", I("kind").eq("vocational") & I("obtained_in_germany")
                    & (I("obtained_on") <= c.TODAY))
ABS_1A = HAD_60C & VOCATIONAL_DE

#: Nr. 1 a: qualified vocational training (since 01.03.2024 also Pflegehilfe) or university studies in Germany.
COMPLETED_IN_GERMANY = Agg("qualifications", "any", I("kind").isin(("vocational", "academic")) & I("obtained_in_germany")
                           & (I("obtained_on") <= c.TODAY))
#: Nr. 1 b: a recognised or comparable foreign university degree.
FOREIGN_DEGREE = Agg("qualifications", "any", I("kind").eq("academic") & I("obtained_in_germany").eq(False)
                     & I("recognised") & (I("obtained_on") <= c.TODAY))
QUALIFIED_JOB = c.list_stretch("employment", I("qualified") & I("kind").ne("self_employed"), "starts_on", "ends_on")
NO_PUBLIC_FUNDS = c.list_stretch("livelihood", I("benefits").isin(("none", "housing_child")), "period_from",
                                 "period_until")
ONLY_HOUSING_COSTS = Judged("other", (f"{ID}.nr1c_oeffentliche_mittel",), allow_general=False)
DISCRETION = Judged("other", (f"{ID}.ermessen",), allow_general=False)

ROUTE_ABS_1 = Not(ABS_1A)

PATHWAY = Pathway(
    id=ID,
    title_de="Aufenthaltserlaubnis für qualifizierte Geduldete zum Zweck der Beschäftigung",
    title_en="Residence permit for qualified tolerated persons for employment",
    citation="§ 19d Abs. 1, 1a AufenthG",
    nature="soll",
    nature_param="aufenthg_19d.nature",
    in_force="aufenthg_19d.in_force",
    notes=(
        ("Rechtsnatur: Abs. 1 bis 29.02.2024 „kann“ (Ermessen), seit 01.03.2024 „soll“; Abs. 1a „ist zu erteilen“ "
         "(Anspruch, zwei Jahre).",
         "Legal nature: Abs. 1 \"kann\" (discretion) until 29.02.2024, \"soll\" since 01.03.2024; Abs. 1a \"ist zu "
         "erteilen\" (entitlement, two years)."),
        ("Erteilung abweichend von § 5 Abs. 2 und § 10 Abs. 3 S. 1 möglich (Abs. 3); Zustimmung der Bundesagentur "
         "für Arbeit und Abs. 4 (Inhaber einer Aufenthaltserlaubnis nach § 10 Abs. 3 S. 1) sind nicht kodiert.",
         "May be granted notwithstanding § 5(2) and § 10(3) sent. 1 (Abs. 3); the Federal Employment Agency's consent "
         "and Abs. 4 (holders of a permit granted under § 10(3) sent. 1) are not encoded."),
    ),
    conditions=[
        Condition(
            "zugang", "§ 19d Abs. 1, 1a AufenthG",
            "Geduldet (Abs. 1) oder nach einer Ausbildungsduldung (§ 60c) ausgebildet (Abs. 1a)",
            "Tolerated (Abs. 1) or trained under a training Duldung (§ 60c) (Abs. 1a)",
            Holds(Or(c.GEDULDET_TODAY, ABS_1A)), on_fail="exclusion",
            evidence=("Aufenthaltszeiten erfassen", "Record residence periods"),
        ),
        AnyOf(
            "qualifikation", "§ 19d Abs. 1 Nr. 1, Abs. 1a AufenthG",
            "Qualifikation: Abschluss in Deutschland, anerkannter Hochschulabschluss mit zwei Jahren angemessener "
            "Beschäftigung, drei Jahre qualifizierte Beschäftigung – oder Abschluss nach Ausbildungsduldung (Abs. 1a)",
            "Qualification: completed in Germany, recognised degree with two years of adequate employment, three years "
            "of qualified employment – or completed under a training Duldung (Abs. 1a)",
            todo=("Qualifikation erwerben oder qualifizierte Beschäftigung fortsetzen.",
                  "Obtain a qualification or continue qualified employment."),
            options=[
                Condition(
                    "abs1a_ausbildungsduldung", "§ 19d Abs. 1a AufenthG",
                    "Berufsausbildung unter einer Ausbildungsduldung (§ 60c) erfolgreich abgeschlossen",
                    "Vocational training under a training Duldung (§ 60c) successfully completed",
                    Holds(ABS_1A),
                    review="Ob der Abschluss die unter der Ausbildungsduldung betriebene Ausbildung ist, wird nicht "
                           "geprüft (ein inländischer Berufsabschluss und eine § 60c-Duldung genügen).",
                ),
                Condition(
                    "nr1a_abschluss_inland", "§ 19d Abs. 1 Nr. 1 Buchst. a AufenthG",
                    "Qualifizierte Berufsausbildung, Pflegehilfeausbildung (seit 01.03.2024) oder Hochschulstudium im "
                    "Bundesgebiet abgeschlossen",
                    "Qualified vocational training, care-assistant training (since 01.03.2024) or university studies "
                    "completed in Germany",
                    Holds(COMPLETED_IN_GERMANY),
                    review="Ein Berufsabschluss („vocational“) wird als qualifizierte Berufsausbildung gelesen; eine "
                           "Pflegehilfeausbildung lässt sich nicht gesondert erfassen.",
                ),
                Condition(
                    "nr1b_hochschulabschluss_ausland", "§ 19d Abs. 1 Nr. 1 Buchst. b AufenthG",
                    "Anerkannter ausländischer Hochschulabschluss und seit zwei Jahren ununterbrochen angemessen "
                    "beschäftigt",
                    "Recognised foreign university degree and two years of uninterrupted adequate employment",
                    AllTest(Holds(FOREIGN_DEGREE),
                            c.since(QUALIFIED_JOB, "aufenthg_19d.degree_employment_years", 12, ID,
                                    "nr1b_hochschulabschluss_ausland")),
                    review="„dem Abschluss angemessene Beschäftigung“ wird als qualifizierte Beschäftigung laut "
                           "Angabe gelesen; nur ein ausländischer Abschluss der Art „academic“ zählt.",
                ),
                Condition(
                    "nr1c_qualifizierte_beschaeftigung", "§ 19d Abs. 1 Nr. 1 Buchst. c AufenthG",
                    "Seit drei Jahren ununterbrochen qualifiziert beschäftigt und im letzten Jahr vor dem Antrag ohne "
                    "öffentliche Mittel außer für Unterkunft und Heizung",
                    "Three years of uninterrupted qualified employment and no public funds except for housing and "
                    "heating in the year before the application",
                    AllTest(
                        c.since(QUALIFIED_JOB, "aufenthg_19d.qualified_employment_years", 12, ID,
                                "nr1c_qualifizierte_beschaeftigung"),
                        AnyTest(
                            c.held_before_application(NO_PUBLIC_FUNDS, "aufenthg_19d.no_benefits_months", ID,
                                                      "nr1c_oeffentliche_mittel"),
                            JudgementTest(ONLY_HOUSING_COSTS, missing=NOT_MET),
                        ),
                    ),
                    review="Leistungen nur für Unterkunft und Heizung lassen sich nicht von anderem SGB-II-Bezug "
                           "trennen: sie zählen nur mit positiver Bewertung (Art „other“, Bedingung "
                           "nr1c_oeffentliche_mittel).",
                ),
            ],
        ),
        Condition(
            "wohnraum", "§ 19d Abs. 1 Nr. 2 AufenthG", "Ausreichender Wohnraum", "Adequate housing",
            Holds(F("housing.adequate")),
            todo=("Ausreichenden Wohnraum nachweisen.", "Prove adequate housing."),
            evidence=("Wohnraum erfassen", "Record housing"),
        ),
        Condition(
            "deutsch_b1", "§ 19d Abs. 1 Nr. 3, § 2 Abs. 11 AufenthG",
            "Ausreichende Deutschkenntnisse (B1)", "Sufficient German (B1)",
            Holds(c.german_written("B1")),
            todo=("Deutschkenntnisse auf Niveau B1 nachweisen (vollständiges Zertifikat).",
                  "Prove German at level B1 (complete certificate)."),
            evidence=("Sprachzertifikate erfassen", "Record language certificates"),
        ),
        Condition(
            "keine_taeuschung", "§ 19d Abs. 1 Nr. 4 AufenthG",
            "Die Ausländerbehörde nicht vorsätzlich über aufenthaltsrechtlich relevante Umstände getäuscht",
            "Has not intentionally deceived the immigration authority about relevant circumstances",
            Holds(Not(Or(c.OBSTRUCTS_BY_DECEPTION, c.IN_60B_TODAY))), on_fail="exclusion", applies=ROUTE_ABS_1,
            evidence=("Klären, ob die Person über Identität oder Staatsangehörigkeit getäuscht hat",
                      "Clarify whether the person deceived about identity or nationality"),
            review="Erfasst ist nur die gegenwärtige Täuschung (und eine Duldung nach § 60b); frühere Täuschungen "
                   "müssen als solche erfasst sein.",
        ),
        Condition(
            "keine_behinderung", "§ 19d Abs. 1 Nr. 5 AufenthG",
            "Behördliche Maßnahmen zur Aufenthaltsbeendigung nicht vorsätzlich hinausgezögert oder behindert",
            "Has not intentionally delayed or obstructed official measures to end the stay",
            Holds(Not(c.OBSTRUCTS_BY_NON_COOPERATION)), on_fail="exclusion", applies=ROUTE_ABS_1,
            evidence=("Klären, ob die Person Maßnahmen zur Aufenthaltsbeendigung behindert hat",
                      "Clarify whether the person obstructed measures to end the stay"),
            review="Die Angabe „Nichterfüllung zumutbarer Mitwirkungspflichten“ wird als vorsätzliche Behinderung "
                   "gelesen.",
        ),
        Condition(
            "extremismus", "§ 19d Abs. 1 Nr. 6 AufenthG",
            "Keine Bezüge zu extremistischen oder terroristischen Organisationen",
            "No links to extremist or terrorist organisations",
            Holds(Not(c.EXTREMISM_INDICATION)), on_fail="exclusion",
            evidence=("Anhaltspunkte für Extremismus klären", "Clarify indications of extremism"),
        ),
        Condition(
            "straffreiheit", "§ 19d Abs. 1 Nr. 7 AufenthG",
            "Nicht wegen einer vorsätzlichen Straftat verurteilt (Geldstrafen bis insgesamt 50 Tagessätze, bei nur "
            "von Ausländern begehbaren Taten bis 90, bleiben grundsätzlich außer Betracht)",
            "Not convicted of an intentional offence (fines of up to 50 daily rates in total, or up to 90 for "
            "offences only foreigners can commit, are in principle disregarded)",
            Holds(Not(c.fines_beyond("aufenthg.fine_daily_rates", "aufenthg.fine_daily_rates_foreigner_only"))),
            on_fail="exclusion",
            evidence=("Verurteilungen erfassen", "Record convictions"),
            review="Vorsichtige Lesart: die 90 Tagessätze gelten nur, wenn alle Geldstrafen nur von Ausländern "
                   "begehbare Taten betreffen; „grundsätzlich“ wird als „außer Betracht“ gelesen.",
        ),
        Condition(
            "lebensunterhalt", "§ 5 Abs. 1 Nr. 1 AufenthG",
            "Lebensunterhalt gesichert", "Livelihood secured",
            Holds(c.livelihood_today("fully")), regel=True,
            todo=("Lebensunterhalt sichern.", "Secure the livelihood."),
            evidence=("Lebensunterhalt erfassen", "Record livelihood"),
            review="Allgemeine Regelerteilungsvoraussetzung (§ 5 Abs. 1); § 19d Abs. 3 erlaubt nur das Absehen von "
                   "§ 5 Abs. 2.",
        ),
        section5.identity(waiver=False, review="Allgemeine Regelerteilungsvoraussetzung (§ 5 Abs. 1)."),
        section5.passport(waiver=False, review="Allgemeine Regelerteilungsvoraussetzung (§ 5 Abs. 1)."),
        section5.no_expulsion_interest(waiver=False, review="Allgemeine Regelerteilungsvoraussetzung (§ 5 Abs. 1)."),
        Condition(
            "ermessen", "§ 19d Abs. 1 AufenthG a. F. („kann“)",
            "Ermessensentscheidung der Ausländerbehörde (Fassung bis 29.02.2024)",
            "Discretionary decision of the immigration authority (version until 29.02.2024)",
            JudgementTest(DISCRETION), applies=ROUTE_ABS_1 & NATURE.eq("kann"), on_fail="exclusion",
            judgement_hint=("Ermessen dokumentieren (Bewertung Art „other“, Bedingung aufenthg_19d.ermessen).",
                            "Record the discretionary decision (judgement kind \"other\", condition "
                            "aufenthg_19d.ermessen)."),
            todo=("Ermessen laut Bewertung nicht zugunsten der Person ausgeübt.",
                  "Discretion per judgement not exercised in the person's favour."),
        ),
        Condition(
            "kein_atypischer_fall", "§ 19d Abs. 1 AufenthG („soll“)",
            "Kein atypischer Fall (Soll-Vorschrift, seit 01.03.2024)",
            "No atypical case (\"soll\" provision, since 01.03.2024)",
            JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
            applies=ROUTE_ABS_1 & NATURE.eq("soll"), on_fail="exclusion",
            todo=("Atypischer Fall laut Bewertung: kein Regelanspruch, Erteilung allenfalls nach Ermessen.",
                  "Atypical case per judgement: no regular entitlement, grant at discretion at most."),
        ),
    ],
)
