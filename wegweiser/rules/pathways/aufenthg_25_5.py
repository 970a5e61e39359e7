"""§ 25 Abs. 5 AufenthG – Aufenthaltserlaubnis, wenn die Ausreise unmöglich ist.

S. 1: "kann" for a person who is enforceably obliged to leave when departure is impossible for legal or factual
reasons and the obstacles are not expected to end soon – both a matter for the case worker's judgement.
S. 2: "soll" once removal has been suspended for 18 months. S. 3–4: barred where the person is at fault; the
statutory examples (false statements, deception about identity or nationality, not meeting reasonable demands to
remove the obstacles) exclude, any other fault needs a recorded judgement. Text unchanged 04/2021 – 08/2026
(law.md § 6); encoded from 01.01.2005 [R].

The legal consequence is modelled as alternatives: either S. 2 applies (18 months, no atypical case) or the
case worker has recorded a discretionary decision under S. 1. Without either the outcome stays undetermined.
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, AllTest, Cases, Holds, JudgementTest
from ..expr import Judged, Or
from ..pathway import AnyOf, Condition, Pathway
from . import common as c
from . import section5

ID = "aufenthg_25_5"

OTHER_LAWFUL_STATUS = c.holds_today(c.status_is(*c.ERLAUBT) | c.GESTATTET)
ENFORCEABLE = Judged("other", (f"{ID}.vollziehbar_ausreisepflichtig",), allow_general=False)
DEPARTURE_IMPOSSIBLE = Judged("other", (f"{ID}.ausreise_unmoeglich",), allow_general=False)
NOT_AT_FAULT = Judged("other", (f"{ID}.unverschuldet",), allow_general=False)
DISCRETION = Judged("other", (f"{ID}.ermessen",), allow_general=False)
#: S. 4: the statutory examples of fault; a current § 60b Duldung rests on exactly these grounds (§ 60b Abs. 1).
FAULT_EXAMPLES = Or(c.OBSTRUCTS_BY_DECEPTION, c.OBSTRUCTS_BY_NON_COOPERATION, c.IN_60B_TODAY)

PATHWAY = Pathway(
    id=ID,
    title_de="Aufenthaltserlaubnis bei unmöglicher Ausreise",
    title_en="Residence permit where departure is impossible",
    citation="§ 25 Abs. 5 AufenthG",
    nature="kann",
    in_force="aufenthg_25_5.encoded",
    notes=(
        ("Ermessen („kann“, S. 1); nach 18 Monaten ausgesetzter Abschiebung Regelerteilung („soll“, S. 2).",
         "Discretion (\"kann\", sent. 1); after removal has been suspended for 18 months, granted as a rule "
         "(\"soll\", sent. 2)."),
        ("Geltungsdauer höchstens sechs Monate, solange noch keine 18 Monate rechtmäßiger Aufenthalt, sonst höchstens "
         "drei Jahre (§ 26 Abs. 1 S. 1); keine Verlängerung nach Wegfall des Hindernisses (§ 26 Abs. 2).",
         "Valid for at most six months while lawful stay is under 18 months, otherwise at most three years "
         "(§ 26(1) sent. 1); no extension once the obstacle has ceased (§ 26(2))."),
        ("Absehen von § 5 Abs. 1 und 2 im Ermessen (§ 5 Abs. 3 S. 2); § 10 Abs. 3 S. 2 (Ablehnung nach § 30 Abs. 3 "
         "AsylG a. F.) ist nicht kodiert.",
         "Waiver of § 5(1) and (2) at discretion (§ 5(3) sent. 2); § 10(3) sent. 2 (rejection under § 30(3) AsylG "
         "old) is not encoded."),
    ),
    conditions=[
        Condition(
            "vollziehbar_ausreisepflichtig", "§ 25 Abs. 5 S. 1 AufenthG",
            "Vollziehbar ausreisepflichtig (geduldet oder ohne Aufenthaltsrecht)",
            "Enforceably obliged to leave (tolerated or without a right of residence)",
            Cases(
                (c.GEDULDET_TODAY, MET),
                (OTHER_LAWFUL_STATUS, NOT_MET),
                (ENFORCEABLE.eq("positive"), MET),
                (ENFORCEABLE.eq("negative"), NOT_MET),
                otherwise=JUDGEMENT,
            ),
            on_fail="exclusion",
            evidence=("Aufenthaltszeiten erfassen", "Record residence periods"),
            judgement_hint=("Ohne Duldung oder Aufenthaltsrecht: bewerten, ob die Ausreisepflicht vollziehbar ist "
                            "(Bewertung Art „other“, Bedingung aufenthg_25_5.vollziehbar_ausreisepflichtig).",
                            "Neither Duldung nor right of residence: judge whether the obligation to leave is "
                            "enforceable (judgement kind \"other\", condition aufenthg_25_5.vollziehbar_ausreisepflichtig)."),
            review="Eine Duldung wird als Beleg der vollziehbaren Ausreisepflicht gelesen; ohne erfassten Status "
                   "bleibt die Frage der Bewertung überlassen.",
        ),
        Condition(
            "ausreise_unmoeglich", "§ 25 Abs. 5 S. 1 AufenthG",
            "Ausreise aus rechtlichen oder tatsächlichen Gründen unmöglich und Wegfall der Hindernisse in absehbarer "
            "Zeit nicht zu erwarten",
            "Departure impossible for legal or factual reasons and the obstacles are not expected to end soon",
            JudgementTest(DEPARTURE_IMPOSSIBLE), on_fail="exclusion",
            judgement_hint=("Bewerten, ob die (auch freiwillige) Ausreise rechtlich oder tatsächlich unmöglich ist und "
                            "ein Wegfall des Hindernisses absehbar ist (Bewertung Art „other“, Bedingung "
                            "aufenthg_25_5.ausreise_unmoeglich).",
                            "Judge whether (also voluntary) departure is legally or factually impossible and whether "
                            "the obstacle may end soon (judgement kind \"other\", condition "
                            "aufenthg_25_5.ausreise_unmoeglich)."),
            todo=("Ausreise laut Bewertung möglich oder Hindernis absehbar entfallend.",
                  "Departure possible per judgement, or the obstacle will end soon."),
        ),
        Condition(
            "unverschuldet", "§ 25 Abs. 5 S. 3, 4 AufenthG",
            "Unverschuldet an der Ausreise gehindert (keine falschen Angaben, keine Täuschung über Identität oder "
            "Staatsangehörigkeit, zumutbare Anforderungen zur Beseitigung der Hindernisse erfüllt)",
            "Prevented from leaving through no fault of one's own (no false statements, no deception about identity or "
            "nationality, reasonable demands to remove the obstacles met)",
            Cases(
                (FAULT_EXAMPLES, NOT_MET),
                (NOT_AT_FAULT.eq("negative"), NOT_MET),
                otherwise=MET,
            ),
            on_fail="exclusion",
            evidence=("Klären, ob die Person falsche Angaben macht, täuscht oder zumutbare Mitwirkung unterlässt",
                      "Clarify whether the person makes false statements, deceives or fails to cooperate"),
            todo=("Verschulden liegt vor (S. 3, 4): keine Erteilung, solange es fortbesteht.",
                  "Fault exists (sent. 3, 4): no grant while it continues."),
            review="Die Beispiele des S. 4 werden aus den erfassten (gegenwärtigen) Angaben und einer Duldung nach "
                   "§ 60b abgeleitet; anderes Verschulden nur über eine negative Bewertung (Art „other“, Bedingung "
                   "aufenthg_25_5.unverschuldet).",
        ),
        AnyOf(
            "rechtsfolge", "§ 25 Abs. 5 S. 1, 2 AufenthG",
            "Abschiebung seit 18 Monaten ausgesetzt (Soll-Erteilung) oder Ermessen zugunsten der Person ausgeübt",
            "Removal suspended for 18 months (granted as a rule) or discretion exercised in the person's favour",
            options=[
                Condition(
                    "abschiebung_18_monate_ausgesetzt", "§ 25 Abs. 5 S. 2 AufenthG; § 60b Abs. 5 S. 1 AufenthG",
                    "Abschiebung seit 18 Monaten ausgesetzt (Duldung; Zeiten nach § 60b zählen nicht) und kein "
                    "atypischer Fall",
                    "Removal suspended for 18 months (Duldung; § 60b periods do not count) and no atypical case",
                    AllTest(
                        c.since(c.stay(c.DULDUNG_COUNTS), "aufenthg_25_5.duldung_months", 1, ID,
                                "abschiebung_18_monate_ausgesetzt"),
                        JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
                    ),
                    review="Dass § 60b-Zeiten für die 18 Monate nicht zählen, ist eine Auslegung (law.md § 9.2, [R]).",
                ),
                Condition(
                    "ermessen", "§ 25 Abs. 5 S. 1 AufenthG („kann“)",
                    "Ermessen zugunsten der Person ausgeübt (dokumentierte Bewertung)",
                    "Discretion exercised in the person's favour (recorded judgement)",
                    JudgementTest(DISCRETION),
                    judgement_hint=("Ermessen dokumentieren (Bewertung Art „other“, Bedingung aufenthg_25_5.ermessen).",
                                    "Record the discretionary decision (judgement kind \"other\", condition "
                                    "aufenthg_25_5.ermessen)."),
                ),
            ],
        ),
        Condition(
            "lebensunterhalt", "§ 5 Abs. 1 Nr. 1 AufenthG",
            "Lebensunterhalt gesichert", "Livelihood secured",
            Holds(Or(c.livelihood_today("fully"), c.exempt("livelihood"))), regel=True,
            todo=("Lebensunterhalt sichern; Absehen nach § 5 Abs. 3 S. 2 im Ermessen.",
                  "Secure the livelihood; waiver at discretion under § 5(3) sent. 2."),
            evidence=("Lebensunterhalt erfassen", "Record livelihood"),
            review="Allgemeine Regelerteilungsvoraussetzung; Absehen im Ermessen (§ 5 Abs. 3 S. 2).",
        ),
        section5.identity(),
        section5.passport(),
        section5.no_expulsion_interest(),
    ],
)
