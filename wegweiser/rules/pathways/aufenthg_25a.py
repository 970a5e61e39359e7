"""§ 25a Abs. 1 AufenthG – Aufenthaltsgewährung bei gut integrierten Jugendlichen und jungen Volljährigen.

Versions (parameters in ``params``): until 30.12.2022 four years, application before the 21st birthday,
gateway "geduldet"; from 31.12.2022 three years, before the 27th birthday, gateway Duldung for at least
twelve months or a § 104c permit (with Abs. 5 and 6); from 01.07.2027 the § 104c parts are gone.
Before 01.08.2015 no version is encoded.
"""

from __future__ import annotations

from ..conditions import MET, NOT_MET, AnyTest, Holds, JudgementTest, Switch
from ..expr import Agg, F, I, Not, Or, Param
from ..pathway import AnyOf, Condition, Pathway
from . import common as c
from . import section5

ID = "aufenthg_25a"
YEARS = "aufenthg_25a.years"
MAX_AGE = "aufenthg_25a.max_age_at_application"

STAYS = c.status_is(*c.ERLAUBT) | c.GESTATTET | c.DULDUNG
SCHOOL = c.Stretch("school_attendance", I("regular"), "attended_from", "attended_until", blocks=None)
QUALIFICATION_DE = Agg(
    "qualifications", "any",
    I("kind").isin(("hauptschule", "mittlere_reife", "abitur", "vocational", "academic"))
    & I("obtained_in_germany") & I("recognised") & (I("obtained_on") <= c.TODAY),
)

PATHWAY = Pathway(
    id=ID,
    title_de="Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige",
    title_en="Residence permit for well-integrated adolescents and young adults",
    citation="§ 25a Abs. 1 AufenthG",
    nature="soll",
    in_force="aufenthg_25a.encoded",
    notes=(
        ("Geltungsdauer höchstens drei Jahre (§ 26 Abs. 1 S. 1 AufenthG); Verlängerung auch nach dem "
         "27. Geburtstag möglich.",
         "Valid for at most three years (§ 26(1) sent. 1 AufenthG); renewal possible after the 27th birthday."),
        ("Bei minderjährigen Inhabern: Eltern und Geschwister nach § 25a Abs. 2 und § 60a Abs. 2b AufenthG prüfen.",
         "For minor holders: check parents and siblings under § 25a(2) and § 60a(2b) AufenthG."),
    ),
    conditions=[
        AnyOf(
            "zugang", "§ 25a Abs. 1 S. 1 AufenthG",
            "Inhaber einer Aufenthaltserlaubnis nach § 104c oder seit mindestens zwölf Monaten geduldet "
            "(vor dem 31.12.2022: geduldet)",
            "Holds a § 104c residence permit or has held a Duldung for at least twelve months "
            "(before 31.12.2022: tolerated)",
            on_fail="exclusion",
            todo=("Zugang nur aus der Duldung (ohne § 60b) oder mit einer Aufenthaltserlaubnis nach § 104c.",
                  "Only open from a Duldung (not § 60b) or with a § 104c residence permit."),
            options=[
                Condition(
                    "duldung_12_monate", "§ 25a Abs. 1 S. 1 AufenthG; § 60b Abs. 5 S. 1 AufenthG",
                    "Seit mindestens zwölf Monaten im Besitz einer Duldung (Zeiten nach § 60b zählen nicht)",
                    "Has held a Duldung for at least twelve months (§ 60b periods do not count)",
                    c.since(c.stay(c.DULDUNG_COUNTS), "aufenthg_25a.prior_duldung_months", 1, ID, "duldung_12_monate"),
                    on_fail="exclusion",
                    review="Nds. Flüchtlingsrat: Duldungsgründe genügen auch ohne Bescheinigung; hier zählen erfasste Zeiten.",
                ),
                Condition(
                    "inhaber_104c", "§ 25a Abs. 1 S. 1 AufenthG",
                    "Inhaber einer Aufenthaltserlaubnis nach § 104c", "Holds a § 104c residence permit",
                    Holds(c.HOLDER_104C), on_fail="exclusion", in_force="aufenthg_104c.holder_privileges",
                ),
            ],
        ),
        Condition(
            "voraufenthalt", "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG (mit Abs. 5)",
            "Seit drei Jahren (bis 30.12.2022: vier) ununterbrochen erlaubt, geduldet oder gestattet im Bundesgebiet",
            "Three years (until 30.12.2022: four) of uninterrupted permitted, tolerated or authorised stay in Germany",
            c.since_with_104c_rule(STAYS, YEARS, 12, ID, "voraufenthalt"),
            evidence=("Lückenlose Aufenthaltszeiten und Auslandsaufenthalte erfassen",
                      "Record the complete residence history and stays abroad"),
            review="§ 60b-Zeiten werden als Unterbrechung behandelt (sie zählen nicht, § 60b Abs. 5 S. 1).",
        ),
        Condition(
            "schule", "§ 25a Abs. 1 S. 1 Nr. 2 AufenthG",
            "In der Regel seit drei Jahren (bis 30.12.2022: vier) erfolgreicher Schulbesuch im Bundesgebiet oder "
            "ein anerkannter Schul- oder Berufsabschluss",
            "As a rule three years (until 30.12.2022: four) of successful school attendance in Germany, or a "
            "recognised school or vocational qualification",
            AnyTest(
                c.since(SCHOOL, YEARS, 12, ID, "schule"),
                Holds(Or(QUALIFICATION_DE,
                         c.exempt("school", ("illness_or_disability",)) & Param("aufenthg_25a.school_disability_waiver"))),
            ),
            regel=True,
            todo=("Schulbesuch fortsetzen oder anerkannten Abschluss nachweisen (Schulzeugnisse).",
                  "Continue school or prove a recognised qualification (school reports)."),
            evidence=("Schulbescheinigungen und Zeugnisse erfassen", "Record school certificates and reports"),
            review="„erfolgreich“ wird als regelmäßiger Schulbesuch laut Angabe „regelmäßig und erfolgreich“ gelesen.",
        ),
        Condition(
            "alter_antrag", "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG",
            "Antrag vor Vollendung des 27. Lebensjahres (bis 30.12.2022: des 21.)",
            "Application before the 27th birthday (until 30.12.2022: the 21st)",
            Switch(F("application_date").known(),
                   Holds(c.before_birthday_on(F("application_date"), MAX_AGE)),
                   c.until_birthday(MAX_AGE)),
            on_fail="exclusion",
            evidence=("Geburtsdatum (vollständig) erfassen", "Record the (complete) date of birth"),
        ),
        Condition(
            "jugendlich", "§ 25a Abs. 1 S. 1 AufenthG („jugendlich“)",
            "Bei der Entscheidung mindestens 14 Jahre alt", "At least 14 years old when the decision is made",
            c.age_from("aufenthg_25a.min_age_at_decision"),
            evidence=("Geburtsdatum (vollständig) erfassen", "Record the (complete) date of birth"),
            review="Mindestalter 14 nach Nds. Flüchtlingsrat (Sekundärquelle), nicht ausdrücklich im Gesetz.",
        ),
        Condition(
            "integrationsprognose", "§ 25a Abs. 1 S. 1 Nr. 4 AufenthG",
            "Es erscheint gewährleistet, dass er sich auf Grund seiner bisherigen Ausbildung und Lebensverhältnisse "
            "in die Lebensverhältnisse der Bundesrepublik Deutschland einfügen kann",
            "It appears assured that, given the education and living conditions so far, the person can integrate "
            "into living conditions in Germany",
            JudgementTest(c.judged("integration_prognosis", ID)),
            judgement_hint=("Integrationsprognose dokumentieren (Schule, Ausbildung, Sprache, Lebensverhältnisse, "
                            "Straffälligkeit).",
                            "Record the integration prognosis (school, training, language, living conditions, "
                            "offences)."),
        ),
        Condition(
            "fdgo", "§ 25a Abs. 1 S. 1 Nr. 5 AufenthG",
            "Keine konkreten Anhaltspunkte, dass er sich nicht zur freiheitlichen demokratischen Grundordnung bekennt",
            "No concrete indications that the person does not commit to the free democratic basic order",
            Holds(Not(c.EXTREMISM_INDICATION)), on_fail="exclusion",
            evidence=("Anhaltspunkte für Extremismus klären", "Clarify indications of extremism"),
        ),
        Condition(
            "versagung_taeuschung", "§ 25a Abs. 1 S. 3 AufenthG",
            "Abschiebung nicht wegen eigener falscher Angaben oder Täuschung über Identität oder Staatsangehörigkeit "
            "ausgesetzt",
            "Removal not suspended because of the person's own false statements or deception about identity or "
            "nationality",
            Holds(Not(Or(c.OBSTRUCTS_BY_DECEPTION, c.IN_60B_TODAY))), on_fail="exclusion",
            evidence=("Klären, ob die Abschiebung wegen eigener Täuschung ausgesetzt ist",
                      "Clarify whether removal is suspended because of the person's own deception"),
        ),
        Condition(
            "lebensunterhalt", "§ 5 Abs. 1 Nr. 1 AufenthG; § 25a Abs. 1 S. 2 AufenthG",
            "Lebensunterhalt gesichert oder in Schule, Ausbildung oder Studium (dann sind öffentliche Leistungen "
            "unschädlich)",
            "Livelihood secured, or at school, in training or at university (public benefits are then harmless)",
            Holds(Or(c.in_education_today(), c.livelihood_today("fully"), c.exempt("livelihood"))),
            regel=True,
            todo=("Lebensunterhalt sichern oder Ausbildung/Studium aufnehmen; Absehen nach § 5 Abs. 3 S. 2 möglich.",
                  "Secure livelihood or start training/studies; waiver possible under § 5(3) sent. 2."),
            review="Allgemeine Regelerteilungsvoraussetzung; Absehen im Ermessen (§ 5 Abs. 3 S. 2).",
        ),
        section5.identity_104c_holder(ID, 6),
        section5.identity(applies=Not(c.HOLDER_104C_PRIVILEGED)),
        section5.passport(),
        section5.no_expulsion_interest(
            review="Aus Verurteilungen werden nur § 54 Abs. 1 Nr. 1 und Abs. 2 Nr. 1, 2 abgeleitet; weitere "
                   "Ausweisungsinteressen müssen erfasst sein.",
        ),
        Condition(
            "kein_atypischer_fall", "§ 25a Abs. 1 S. 1 AufenthG („soll“)",
            "Kein atypischer Fall (Soll-Vorschrift)", "No atypical case (\"soll\" provision)",
            JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
            on_fail="exclusion",
            todo=("Atypischer Fall laut Bewertung: kein Regelanspruch, Erteilung allenfalls nach Ermessen.",
                  "Atypical case per judgement: no regular entitlement, grant at discretion at most."),
        ),
    ],
)
