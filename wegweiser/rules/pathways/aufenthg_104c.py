"""§ 104c AufenthG a. F. – Chancen-Aufenthaltsrecht (Abs. 1; grants 31.12.2022 – 30.12.2025).

The grant rule applies from 31.12.2022 until the last application day 30.12.2025 (parameter
``aufenthg_104c.grant_in_force``); on other dates the outcome is ``not_in_force``. From 31.12.2025 § 104c is only
a transitional rule for existing permits: holders are checked for § 25a / § 25b with the holder privileges (until
30.06.2027) in those pathways. The five years are measured on the fixed reference day 31.10.2022, not on the
assessment date; § 60b periods count (Abs. 1 S. 3).
"""

from __future__ import annotations

from typing import Any

from ..conditions import JUDGEMENT, MET, NOT_MET, Cases, Holds, JudgementTest
from ..expr import Agg, Coalesce, Ctx, F, I, If, Lit, Not, Or, Param, VCtx
from ..pathway import Condition, Pathway
from ..timeline import Part, Stretch
from . import common as c

ID = "aufenthg_104c"
CUTOFF = "aufenthg_104c.cutoff_date"
YEARS = "aufenthg_104c.years"


class StretchOn(Stretch):
    """A stretch as it stood on a fixed day (a date parameter) instead of the assessment date."""

    def __init__(self, on: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on = on  # parameter name; also makes the parameter part of the pathway's version

    def _ev(self, c: Ctx) -> Any:
        saved = c.as_of
        c.as_of = c.param(self.on)
        try:
            return super()._ev(c)
        finally:
            c.as_of = saved

    def _prep(self, v: VCtx, key: str) -> Any:
        saved = v.as_of
        v.as_of = v.param(self.on)
        try:
            return super()._prep(v, key)
        finally:
            v.as_of = saved


#: Abs. 1 S. 1: "geduldet, gestattet oder mit einer Aufenthaltserlaubnis"; § 60b periods count (Abs. 1 S. 3).
STAYS = c.DULDUNG | c.GESTATTET | c.status_is("aufenthaltserlaubnis", "fiktionsbescheinigung")
ON_CUTOFF = StretchOn(CUTOFF, "residence", STAYS, "valid_from", "valid_until", blocks="stays_abroad")
START, GAP, PREV = Part(ON_CUTOFF, "start"), Part(ON_CUTOFF, "gap"), Part(ON_CUTOFF, "prev")
BRIDGE = c.judged("harmless_interruption", ID, "stichtag")
BRIDGEABLE = (
    GAP.known() & PREV.known() & (START <= GAP.add_months("aufenthg.harmless_interruption_months"))
    & (PREV.add_years(YEARS) <= Param(CUTOFF))
)

#: Abs. 1 S. 1 Nr. 2: juvenile-law convictions that are not a youth sentence are as a rule disregarded.
JGG_MEASURE = I("juvenile_law") & Not(I("prison_months").known()) & Not(I("daily_rates").known())
COUNTED = (I("decided_on") <= c.TODAY) & Or(Not(I("erased_on").known()), I("erased_on") > c.TODAY) \
    & I("intentional") & Not(JGG_MEASURE)
_RATES = Coalesce(I("daily_rates"), If(I("prison_months").known(), 0, Lit(None)))
_TOTAL = Agg("convictions", "sum", COUNTED, _RATES)
_GENERAL = Agg("convictions", "sum", COUNTED & Not(I("immigration_only_offence")), _RATES)
#: Any prison or youth sentence, or fines beyond 50 daily rates (90 if all are for foreigner-only offences).
CONVICTION_BEYOND = Or(
    Agg("convictions", "any", COUNTED & I("prison_months").known()),
    Not(Or(_TOTAL <= Param("aufenthg.fine_daily_rates"),
           (_GENERAL <= 0) & (_TOTAL <= Param("aufenthg.fine_daily_rates_foreigner_only")))),
)
ANY_COUNTED = Agg("convictions", "any", COUNTED)
REPEATED_DECEPTION = c.OBSTRUCTS_BY_DECEPTION & F("removal_obstruction.repeated")

PATHWAY = Pathway(
    id=ID,
    title_de="Chancen-Aufenthaltsrecht",
    title_en="Opportunity residence permit (Chancen-Aufenthaltsrecht)",
    citation="§ 104c Abs. 1 AufenthG a. F.",
    nature="soll",
    in_force="aufenthg_104c.grant_in_force",
    notes=(
        ("Erteilung abweichend von § 5 Abs. 1 Nr. 1, 1a, 4 und Abs. 2 sowie § 10 Abs. 3 S. 2; für 18 Monate, nicht "
         "verlängerbar; danach nur § 25a oder § 25b (Abs. 3). Hinweis auf §§ 25a, 25b (Abs. 4).",
         "Granted notwithstanding § 5(1) nos. 1, 1a, 4 and (2) and § 10(3) sent. 2; for 18 months, not "
         "extendable; afterwards only § 25a or § 25b (Abs. 3). Advice on §§ 25a, 25b (Abs. 4)."),
        ("Ehegatten, Lebenspartner und Kinder (Abs. 2) brauchen die fünf Jahre nicht; das ist gesondert zu prüfen.",
         "Spouses, partners and children (Abs. 2) do not need the five years; check this separately."),
        ("Anträge bis 30.12.2025; ob über rechtzeitige Anträge danach noch nach § 104c entschieden wird, ist "
         "umstritten.",
         "Applications until 30.12.2025; whether timely applications are still decided under § 104c later is "
         "disputed."),
    ),
    conditions=[
        Condition(
            "geduldet", "§ 104c Abs. 1 S. 1 AufenthG a. F.",
            "Geduldet (auch Duldung nach § 60b)", "Tolerated (a § 60b Duldung included)",
            Holds(c.GEDULDET_TODAY), on_fail="exclusion",
            todo=("Nur aus der Duldung zugänglich.", "Only open from a Duldung."),
            review="Ein Anspruch auf Duldung genügt nach Sekundärquellen (berlin-hilft); hier zählt eine erfasste "
                   "Duldung am Stichtag.",
        ),
        Condition(
            "stichtag", "§ 104c Abs. 1 S. 1, S. 3 AufenthG a. F.",
            "Am 31.10.2022 seit fünf Jahren ununterbrochen geduldet, gestattet oder mit Aufenthaltserlaubnis im "
            "Bundesgebiet (Zeiten nach § 60b zählen)",
            "On 31.10.2022 five years of uninterrupted tolerated, authorised or permitted stay in Germany (§ 60b "
            "periods count)",
            Cases(
                (START.add_years(YEARS) <= Param(CUTOFF), MET),
                (BRIDGEABLE & BRIDGE.eq("positive"), MET),
                (BRIDGEABLE & BRIDGE.eq("none"), JUDGEMENT),
                otherwise=NOT_MET,
            ),
            on_fail="exclusion",
            evidence=("Lückenlose Aufenthaltszeiten bis 31.10.2022 und Auslandsaufenthalte erfassen",
                      "Record the complete residence history up to 31.10.2022 and stays abroad"),
            judgement_hint=("Bewerten, ob die Unterbrechung (höchstens drei Monate) unschädlich war.",
                            "Judge whether the interruption (at most three months) was harmless."),
            review="Fiktionsbescheinigung zählt wie Aufenthaltserlaubnis; Unterbrechungen bis drei Monate nur mit "
                   "Bewertung (Verwaltungspraxis zu §§ 25a, 25b übertragen).",
        ),
        Condition(
            "fdgo", "§ 104c Abs. 1 S. 1 Nr. 1 AufenthG a. F.",
            "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
            "Commitment to the free democratic basic order",
            Holds((F("fdgo_declared_on") <= c.TODAY) & Not(c.EXTREMISM_INDICATION)),
            todo=("Bekenntnis zur freiheitlichen demokratischen Grundordnung abgeben; Anhaltspunkte ausräumen.",
                  "Declare commitment to the free democratic basic order; dispel contrary indications."),
            evidence=("Bekenntnis und Anhaltspunkte für Extremismus erfassen",
                      "Record the declaration and any indications of extremism"),
        ),
        Condition(
            "straftaten", "§ 104c Abs. 1 S. 1 Nr. 2 AufenthG a. F.",
            "Keine Verurteilung wegen einer vorsätzlichen Straftat (Geldstrafen bis 50 Tagessätze, bei nur von "
            "Ausländern begehbaren Taten bis 90, und Jugendstrafrecht ohne Jugendstrafe bleiben grundsätzlich "
            "außer Betracht)",
            "No conviction for an intentional offence (fines up to 50 daily rates, or 90 for offences only "
            "foreigners can commit, and juvenile-law convictions without a youth sentence are as a rule disregarded)",
            Cases(
                (CONVICTION_BEYOND, NOT_MET),
                (ANY_COUNTED & c.judged("other", ID, "straftaten").eq("negative"), NOT_MET),
                otherwise=MET,
            ),
            on_fail="exclusion",
            evidence=("Verurteilungen (Bundeszentralregister) mit Strafmaß erfassen",
                      "Record convictions (federal register) with the sentence"),
            judgement_hint=("Nur wenn geringe Strafen ausnahmsweise doch zählen sollen („grundsätzlich“): negative "
                            "Bewertung erfassen.",
                            "Only if minor sentences exceptionally count (\"as a rule\"): record a negative "
                            "judgement."),
            review="Vorsichtige Lesart: die Grenzen 50 und 90 werden nicht addiert.",
        ),
        Condition(
            "versagung_taeuschung", "§ 104c Abs. 1 S. 2 AufenthG a. F.",
            "Nicht wiederholt vorsätzlich falsche Angaben oder Täuschung über Identität/Staatsangehörigkeit, durch "
            "die die Abschiebung verhindert wird",
            "No repeated intentional false statements or deception about identity/nationality that prevent removal",
            Holds(Not(REPEATED_DECEPTION)), regel=True, on_fail="exclusion",
            evidence=("Klären, ob die Abschiebung durch wiederholte Täuschung verhindert wird",
                      "Clarify whether removal is prevented by repeated deception"),
            review="„soll versagt werden“: eine erfasste Ausnahme vom Regelfall (regel_exception) hebt die "
                   "Versagung auf.",
        ),
        Condition(
            "ausweisungsinteresse", "§ 5 Abs. 1 Nr. 2 AufenthG",
            "Kein Ausweisungsinteresse", "No interest in expulsion",
            Holds(Not(Or(c.serious_expulsion_interest(), c.expulsion_interest_recorded(serious_only=False)))),
            regel=True,
            todo=("Ausweisungsinteresse besteht; Absehen nach § 5 Abs. 3 S. 2 im Ermessen.",
                  "An interest in expulsion exists; waiver at discretion under § 5(3) sent. 2."),
            review="§ 104c weicht nicht von § 5 Abs. 1 Nr. 2 ab (Auslegung); Absehen im Ermessen (§ 5 Abs. 3 S. 2).",
        ),
        Condition(
            "kein_atypischer_fall", "§ 104c Abs. 1 S. 1 AufenthG a. F. („soll“)",
            "Kein atypischer Fall (Soll-Vorschrift)", "No atypical case (\"soll\" provision)",
            JudgementTest(c.judged("atypical_case", ID), positive=NOT_MET, negative=MET, missing=MET),
            on_fail="exclusion",
            todo=("Atypischer Fall laut Bewertung: kein Regelanspruch, Erteilung allenfalls nach Ermessen.",
                  "Atypical case per judgement: no regular entitlement, grant at discretion at most."),
        ),
    ],
)
