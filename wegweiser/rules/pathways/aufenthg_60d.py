"""§ 60d AufenthG – Beschäftigungsduldung: a Duldung for 30 months, granted "in der Regel".

Versions (law.md § 4.3, § 13; parameters in ``params``):
* 01.01.2020 – 26.02.2024: entry by 01.08.2018; 18 months of employment of at least 35 hours a week (single
  parents 20); identity deadlines graded by entry date and by an employment on 01.01.2020 (by the application /
  by 30.06.2020); applicable only until 31.12.2023 – a sunset repealed with effect from 23.12.2023.
* from 27.02.2024 (RückfVerbG): entry by 31.12.2022; 12 months, 20 hours; identity by the application (entry
  until 2016) or by 31.12.2024 / an earlier application (entry 2017–2022); no sunset.
Before 01.01.2020 the provision did not exist: ``not_in_force``.
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, Cases, Holds, JudgementTest, Since, Switch, Until
from ..expr import Agg, Earliest, Expr, F, I, If, Judged, Lit, Not, Or, Param
from ..pathway import Condition, Pathway
from . import common as c

ID = "aufenthg_60d"
HOURS = "aufenthg_60d.hours_per_week"
HOURS_SINGLE = "aufenthg_60d.hours_per_week_single_parent"
EARLY_ENTRY = Param("aufenthg_60d.identity_early_entry_until")


def _employment(hours: str) -> Expr:
    """Item predicate: employment subject to social insurance with at least ``hours`` (parameter) a week."""
    return I("social_insurance") & (I("hours_per_week") >= Param(hours))


def _employment_test(hours: str) -> Since:
    return c.since(c.list_stretch("employment", _employment(hours), "starts_on", "ends_on"),
                   "aufenthg_60d.employment_months", 1, ID, "beschaeftigung")


#: Nr. 3: the single-parent hours apply to single parents; where both values are equal (since 27.02.2024) it
#: does not matter whether the person is a single parent.
SINGLE_PARENT_HOURS_APPLY = Or(F("household.single_parent"), Param(HOURS) <= Param(HOURS_SINGLE))

LIVELIHOOD_BY_EMPLOYMENT = I("secured").eq("fully") & I("by_employment")
LIVELIHOOD_STRETCH = c.list_stretch("livelihood", LIVELIHOOD_BY_EMPLOYMENT, "period_from", "period_until")
LIVELIHOOD_BY_EMPLOYMENT_TODAY = Agg(
    "livelihood", "any", c.covers_today("period_from", "period_until") & LIVELIHOOD_BY_EMPLOYMENT)

FOREIGNER_ONLY_RATES = "aufenthg_60d.fine_daily_rates_foreigner_only"
CONVICTED = Or(
    c.conviction_beyond_bzrg_32(FOREIGNER_ONLY_RATES),
    F("household.has_spouse") & c.conviction_beyond_bzrg_32(FOREIGNER_ONLY_RATES, "household.spouse.convictions"),
)

COURSE = F("integration_course.status")
COURSE_JUDGED = Judged("other", (f"{ID}.integrationskurs",), allow_general=False)
IDENTITY_JUDGED = c.judged("identity_steps_sufficient", ID, "identitaet")

# --- Nr. 1: identity deadlines ----------------------------------------------------------------------------------

#: Old version, Buchst. a/b: an employment within Nr. 3 on 01.01.2020 (35 hours, single parents 20).
_ON = Param("aufenthg_60d.identity_employment_on")
_EMPLOYED_ON_2020_01_01 = Or(
    Agg("employment", "any", (I("starts_on") <= _ON) & Or(Not(I("ends_on").known()), I("ends_on") >= _ON)
        & _employment(HOURS)),
    F("household.single_parent") & Agg(
        "employment", "any", (I("starts_on") <= _ON) & Or(Not(I("ends_on").known()), I("ends_on") >= _ON)
        & _employment(HOURS_SINGLE)),
)
#: The day by which the identity must be clarified, per version.
DEADLINE_2020 = If((c.LATEST_ENTRY <= EARLY_ENTRY) & _EMPLOYED_ON_2020_01_01, c.APPLICATION_DAY,
                   Param("aufenthg_60d.identity_deadline"))
DEADLINE_2024 = If(c.LATEST_ENTRY <= EARLY_ENTRY, c.APPLICATION_DAY,
                   Earliest(Param("aufenthg_60d.identity_deadline"), c.APPLICATION_DAY))


def _clarified_by(deadline: Expr) -> Expr:
    """Identity clarified by ``deadline``; without a date of clarification only a deadline not yet passed is met."""
    on = F("identity.clarified_on")
    return If(c.IDENTITY_CLARIFIED,
              If(on.known(), on <= deadline, If(deadline >= c.TODAY, True, Lit(None))),
              False)


def _identity_conditions(suffix: str, deadline: Expr, in_force: str, citation: str, text: tuple[str, str]) -> list:
    """Nr. 1 as two conditions: while the deadline is open a missing clarification can still be remedied; once it
    has passed it excludes. Either way the case worker may judge that all reasonable steps were taken in time (the
    deadline is then met, Nr. 1 Halbs. 2) or waive Nr. 1 (Abs. 4, discretion)."""
    test = Cases(
        (IDENTITY_JUDGED.eq("positive"), MET),
        (_clarified_by(deadline), MET),
        (IDENTITY_JUDGED.eq("negative"), NOT_MET),
        (c.IDENTITY_STEPS_TAKEN, JUDGEMENT),
        otherwise=NOT_MET,
    )
    hint = ("Bewerten, ob alle erforderlichen und zumutbaren Schritte zur Identitätsklärung fristgerecht ergriffen "
            "wurden (Abs. 1 Nr. 1 Halbs. 2) oder ob nach Abs. 4 von Nr. 1 abgesehen wird (Ermessen).",
            "Judge whether all necessary and reasonable identity steps were taken in time (Abs. 1 no. 1 second half) "
            "or whether no. 1 is waived under Abs. 4 (discretion).")
    review = ("Einreise = letzte erfasste Einreise (vorsichtige Lesart). Die Identität des Ehegatten ist nicht "
              "erfasst und wird nicht geprüft.")
    return [
        Condition(
            f"identitaet{suffix}", citation, text[0], text[1], test,
            applies=deadline >= c.TODAY, in_force=in_force, judgement_hint=hint, review=review,
            todo=("Identität vor der Antragstellung klären (Pass, Urkunden).",
                  "Clarify identity before applying (passport, documents)."),
            evidence=("Einreisedatum, Stand und Datum der Identitätsklärung erfassen",
                      "Record the date of entry and the status and date of identity clarification"),
        ),
        Condition(
            f"identitaet_frist{suffix}", citation, f"{text[0]} – Frist abgelaufen", f"{text[1]} – deadline passed", test,
            applies=deadline < c.TODAY, in_force=in_force, on_fail="exclusion", judgement_hint=hint, review=review,
            todo=("Identität nicht fristgerecht geklärt; Absehen nur nach Abs. 4 (Ermessen).",
                  "Identity not clarified in time; waiver only under Abs. 4 (discretion)."),
            evidence=("Einreisedatum, Stand und Datum der Identitätsklärung erfassen",
                      "Record the date of entry and the status and date of identity clarification"),
        ),
    ]


PATHWAY = Pathway(
    id=ID,
    title_de="Beschäftigungsduldung",
    title_en="Employment Duldung",
    citation="§ 60d Abs. 1 AufenthG",
    nature="regel",
    in_force="aufenthg_60d.in_force",
    notes=(
        ("Duldung für 30 Monate (§ 60d Abs. 1); minderjährige ledige Kinder erhalten sie für denselben Zeitraum "
         "(Abs. 2). Danach Aufenthaltserlaubnis nach § 25b Abs. 6 prüfen.",
         "Duldung for 30 months (§ 60d(1)); minor unmarried children get it for the same period (Abs. 2). "
         "Afterwards check a residence permit under § 25b(6)."),
        ("Nicht kodiert: Bezüge des Ehegatten zu extremistischen Organisationen (Nr. 8), Identität und "
         "Integrationskurs des Ehegatten (Nr. 1, 11), Ausweisungsinteressen und BtM-Verurteilungen der Kinder "
         "(Nr. 10).",
         "Not encoded: the spouse's links to extremist organisations (no. 8), the spouse's identity and integration "
         "course (nos. 1, 11), the children's interests in expulsion and drug convictions (no. 10)."),
    ),
    conditions=[
        Condition(
            "einreise", "§ 60d Abs. 1 AufenthG",
            "Eingereist bis zum 31.12.2022 (bis 26.02.2024: bis zum 01.08.2018)",
            "Entered Germany by 31.12.2022 (until 26.02.2024: by 01.08.2018)",
            Holds(c.LATEST_ENTRY <= Param("aufenthg_60d.entry_cutoff")), on_fail="exclusion",
            evidence=("Einreisedatum erfassen", "Record the date of entry"),
            review="Maßgeblich ist die letzte erfasste Einreise (vorsichtige Lesart).",
        ),
        *_identity_conditions(
            "", DEADLINE_2024, "aufenthg_60d.identity_rule_2024", "§ 60d Abs. 1 Nr. 1, Abs. 4 AufenthG",
            ("Identität geklärt – bei Einreise bis 31.12.2016 bis zur Antragstellung, bei Einreise 2017 bis 2022 bis "
             "31.12.2024 oder einem früheren Antrag",
             "Identity clarified – for entry by 31.12.2016 by the application, for entry 2017 to 2022 by 31.12.2024 "
             "or an earlier application")),
        *_identity_conditions(
            "_2020", DEADLINE_2020, "aufenthg_60d.identity_rule_2020", "§ 60d Abs. 1 Nr. 1, Abs. 4 AufenthG a. F.",
            ("Identität geklärt – bei Einreise bis 31.12.2016 und Beschäftigung am 01.01.2020 bis zur Antragstellung, "
             "sonst bis 30.06.2020",
             "Identity clarified – for entry by 31.12.2016 with employment on 01.01.2020 by the application, "
             "otherwise by 30.06.2020")),
        Condition(
            "duldung_12_monate", "§ 60d Abs. 1 Nr. 2 AufenthG; § 60b Abs. 5 S. 1 AufenthG",
            "Seit mindestens zwölf Monaten im Besitz einer Duldung (Zeiten nach § 60b zählen nicht)",
            "Has held a Duldung for at least twelve months (§ 60b periods do not count)",
            c.since(c.stay(c.DULDUNG_COUNTS), "aufenthg_60d.prior_duldung_months", 1, ID, "duldung_12_monate"),
            evidence=("Duldungszeiten und Auslandsaufenthalte erfassen", "Record Duldung periods and stays abroad"),
        ),
        Condition(
            "beschaeftigung", "§ 60d Abs. 1 Nr. 3 AufenthG",
            "Seit mindestens zwölf Monaten sozialversicherungspflichtig beschäftigt mit mindestens 20 Wochenstunden "
            "(bis 26.02.2024: 18 Monate, 35 Stunden, Alleinerziehende 20)",
            "Employed subject to social insurance for at least twelve months with at least 20 hours a week "
            "(until 26.02.2024: 18 months, 35 hours, single parents 20)",
            Switch(SINGLE_PARENT_HOURS_APPLY, _employment_test(HOURS_SINGLE), _employment_test(HOURS)),
            todo=("Sozialversicherungspflichtige Beschäftigung mit ausreichender Wochenarbeitszeit aufnehmen.",
                  "Take up employment subject to social insurance with enough weekly hours."),
            evidence=("Beschäftigungen mit Wochenstunden und Sozialversicherungspflicht erfassen",
                      "Record employment with weekly hours and social insurance"),
            review="Eine Beschäftigung muss die Stundenzahl allein erreichen; Unterbrechungen (Abs. 3 S. 2) nur über "
                   "die Bewertung „unschädliche Unterbrechung“.",
        ),
        Condition(
            "lebensunterhalt_12_monate", "§ 60d Abs. 1 Nr. 4 AufenthG",
            "Lebensunterhalt in den zwölf Monaten vor dem Antrag durch die Beschäftigung gesichert",
            "Livelihood secured by the employment in the twelve months before the application",
            c.held_before_application(LIVELIHOOD_STRETCH, "aufenthg_60d.livelihood_months", ID,
                                      "lebensunterhalt_12_monate"),
            evidence=("Zeiträume des Lebensunterhalts erfassen", "Record livelihood periods"),
            review="„durch seine Beschäftigung gesichert“ = Angabe „gesichert: voll“ und „durch Erwerbstätigkeit“.",
        ),
        Condition(
            "lebensunterhalt", "§ 60d Abs. 1 Nr. 5 AufenthG",
            "Lebensunterhalt durch die Beschäftigung gesichert", "Livelihood secured by the employment",
            Holds(LIVELIHOOD_BY_EMPLOYMENT_TODAY),
            todo=("Lebensunterhalt durch die Beschäftigung sichern.", "Secure the livelihood through the employment."),
            evidence=("Lebensunterhalt erfassen", "Record livelihood"),
        ),
        Condition(
            "deutsch_a2_muendlich", "§ 60d Abs. 1 Nr. 6, § 2 Abs. 10 AufenthG",
            "Hinreichende mündliche Deutschkenntnisse (A2)", "Sufficient oral German (A2)",
            Holds(c.german_oral(Param("aufenthg_60d.oral_german_level"))),
            todo=("Mündliche Deutschkenntnisse auf Niveau A2 nachweisen.", "Prove oral German at level A2."),
            evidence=("Sprachzertifikate erfassen", "Record language certificates"),
        ),
        Condition(
            "straffreiheit", "§ 60d Abs. 1 Nr. 7 AufenthG",
            "Er und sein Ehegatte nicht wegen einer vorsätzlichen Straftat verurteilt (Geldstrafen bis 90 Tagessätze "
            "für nur von Ausländern begehbare Taten bleiben grundsätzlich außer Betracht)",
            "Neither the person nor the spouse convicted of an intentional offence (fines of up to 90 daily rates for "
            "offences only foreigners can commit are in principle disregarded)",
            Holds(Not(CONVICTED)), on_fail="exclusion",
            evidence=("Verurteilungen der Person und des Ehegatten erfassen",
                      "Record the convictions of the person and the spouse"),
            review="„grundsätzlich außer Betracht“ wird als „außer Betracht“ gelesen; ob im Register keine weitere "
                   "Strafe eingetragen ist (§ 32 Abs. 2 Nr. 5 a BZRG), wird nicht geprüft.",
        ),
        Condition(
            "extremismus", "§ 60d Abs. 1 Nr. 8 AufenthG",
            "Keine Bezüge zu extremistischen oder terroristischen Organisationen",
            "No links to extremist or terrorist organisations",
            Holds(Not(c.EXTREMISM_INDICATION)), on_fail="exclusion",
            evidence=("Anhaltspunkte für Extremismus klären", "Clarify indications of extremism"),
            review="Nur Anhaltspunkte zur Person; der Ehegatte ist nicht erfasst.",
        ),
        Condition(
            "keine_ausweisung", "§ 60d Abs. 1 Nr. 9 AufenthG",
            "Keine Ausweisungsverfügung und keine Abschiebungsanordnung nach § 58a",
            "No expulsion order and no removal order under § 58a",
            Holds(Not(F("expulsion_order"))), on_fail="exclusion",
            evidence=("Klären, ob eine Ausweisungsverfügung oder Abschiebungsanordnung besteht",
                      "Clarify whether an expulsion or removal order exists"),
        ),
        Condition(
            "schulbesuch_kinder", "§ 60d Abs. 1 Nr. 10 AufenthG",
            "Tatsächlicher Schulbesuch der minderjährigen ledigen Kinder im schulpflichtigen Alter nachgewiesen",
            "Actual school attendance of minor unmarried children of school age proven",
            Holds(Agg("household.children", "all",
                      Or(Not(c.CHILD_IN_HOME_UNMARRIED & c.child_school_age_today()), I("school_attendance_proven")))),
            applies=Agg("household.children", "any", c.CHILD_IN_HOME_UNMARRIED & c.child_school_age_today()),
            todo=("Schulbescheinigungen der Kinder vorlegen.", "Show the children's school certificates."),
            evidence=("Geburtsdaten und Schulbesuch der Kinder erfassen",
                      "Record the children's dates of birth and school attendance"),
            review="Schulpflichtiges Alter vereinfacht 6 bis unter 18 Jahre (Landesrecht); § 54 Abs. 2 Nr. 1–2 und "
                   "BtM-Verurteilungen der Kinder sind nicht erfasst.",
        ),
        Condition(
            "integrationskurs", "§ 60d Abs. 1 Nr. 11 AufenthG",
            "Integrationskurs erfolgreich abgeschlossen, soweit zur Teilnahme verpflichtet, oder Abbruch nicht zu "
            "vertreten",
            "Integration course completed if obliged to attend, or not responsible for breaking it off",
            Cases(
                (COURSE.isin(("completed", "not_obliged", "exempt")), MET),
                (COURSE_JUDGED.eq("positive"), MET),
                (COURSE_JUDGED.eq("negative"), NOT_MET),
                (F("integration_course.obliged").eq(False), MET),
                (COURSE.eq("attended"), JUDGEMENT),
                otherwise=NOT_MET,
            ),
            todo=("Integrationskurs erfolgreich abschließen.", "Complete the integration course."),
            evidence=("Stand des Integrationskurses erfassen", "Record the integration course status"),
            judgement_hint=("Bewerten, ob die Person den Abbruch bzw. Misserfolg des Integrationskurses nicht zu "
                            "vertreten hat.",
                            "Judge whether the person is not responsible for breaking off or failing the course."),
        ),
        Condition(
            "befristung", "§ 60d AufenthG a. F. (anwendbar bis 31.12.2023)",
            "Erteilung bis zum 31.12.2023 (Befristung, aufgehoben mit Wirkung vom 23.12.2023)",
            "Granted by 31.12.2023 (time limit, repealed with effect from 23.12.2023)",
            Until(Param("aufenthg_60d.sunset")), on_fail="exclusion", in_force="aufenthg_60d.sunset",
            review="Befristung und ihre Aufhebung nur aus Sekundärquellen (law.md § 4.3).",
        ),
        Condition(
            "kein_atypischer_fall", "§ 60d Abs. 1 AufenthG („in der Regel“)",
            "Kein atypischer Fall (Regelerteilung)", "No atypical case (granted as a rule)",
            JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
            on_fail="exclusion",
            todo=("Atypischer Fall laut Bewertung: keine Regelerteilung.",
                  "Atypical case per judgement: no grant as a rule."),
        ),
    ],
)
