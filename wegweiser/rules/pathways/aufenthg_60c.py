"""§ 60c AufenthG – Ausbildungsduldung (with the building blocks § 16g shares: its Abs. 1–3 are the same text).

Versions: in force since 01.01.2020 (before: § 60a Abs. 2 S. 4 ff., not encoded). The text is unchanged since
then except Abs. 2 Nr. 5 e: until 11.06.2026 a Dublin procedure (Art. 20 Abs. 1 VO (EU) Nr. 604/2013), from
12.06.2026 a procedure under Art. 38 Abs. 1 VO (EU) 2024/1351 (parameter ``aufenthg.responsibility_procedure_kind``).
The identity deadlines of Abs. 2 Nr. 3 depend on the date of entry (31.12.2016 / 01.01.2020 / six months after
entry). From 01.03.2024 the same facts may also found a residence permit under § 16g (pathway ``aufenthg_16g``).
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, Cases, From, Holds, JudgementTest, Test
from ..dates import MAX_DATE, MIN_DATE
from ..expr import AddMonths, Agg, Coalesce, Earliest, Expr, F, I, If, Judged, Not, Or, Param
from ..pathway import AnyOf, Condition, Node, Pathway
from . import common as c

ID = "aufenthg_60c"
TODAY = c.TODAY

# --- the training (Abs. 1 S. 1 Nr. 1 a, b) -------------------------------------------------------------------
#: A qualified training, or an assistant/helper training leading on to a shortage occupation with a promised
#: training place; not broken off and not yet over.
TRAINING = (
    Or(I("kind").eq("qualified"), I("kind").eq("assistant") & I("shortage_connection"))
    & Or(Not(I("terminated_on").known()), I("terminated_on") > TODAY)
    & Or(Not(I("ends_on").known()), I("ends_on") >= TODAY)
)
HAS_TRAINING = Agg("vocational_training", "any", TRAINING)
TRAINING_START = Agg("vocational_training", "min", TRAINING, I("starts_on"))
REGISTERED = Agg("vocational_training", "any", TRAINING & I("registered"))

# --- the two routes (Abs. 1 S. 1 Nr. 1: taken up as an asylum seeker; Nr. 2: taken up with a Duldung) ------------
GESTATTET_FROM = Agg("residence", "min", c.GESTATTET, I("valid_from"), empty=MAX_DATE)
GESTATTET_UNTIL = Agg("residence", "max", c.GESTATTET, Coalesce(I("valid_until"), TODAY), empty=MIN_DATE)
GESTATTET_TODAY = c.holds_today(c.GESTATTET)
#: Nr. 1: the training began while the asylum procedure ran, and the procedure is over (application rejected).
ROUTE_ASYLUM = (
    HAS_TRAINING & (GESTATTET_FROM <= TRAINING_START) & (TRAINING_START <= GESTATTET_UNTIL) & Not(GESTATTET_TODAY)
)
#: The exclusions of Abs. 2 Nr. 2 and 5 and the grant date of Abs. 3 S. 2 apply only in the case of Nr. 2.
ROUTE_DULDUNG = Not(ROUTE_ASYLUM)

# --- identity (Abs. 2 Nr. 3) ----------------------------------------------------------------------------------
ENTRY = c.LATEST_ENTRY
ENTRY_A = ENTRY <= Param("aufenthg_60c.identity_entry_until_a")
#: Abs. 2 Nr. 3: a) entry until 31.12.2016: by the application; b) entry 01.01.2017 – 31.12.2019: by the
#: application, at the latest 30.06.2020; c) later entry: within the first six months after entry (the period
#: starts the day after entry, § 187 Abs. 1 BGB, and ends with the corresponding day, § 188 Abs. 2, 3 BGB).
IDENTITY_DEADLINE = If(
    ENTRY_A, c.APPLICATION_DAY,
    If(ENTRY <= Param("aufenthg_60c.identity_entry_until_b"),
       Earliest(c.APPLICATION_DAY, Param("aufenthg_60c.identity_deadline_b")),
       ENTRY.add_days(1).add_months("aufenthg_60c.identity_months_after_entry").add_days(-1)),
)
#: The fixed deadline (b, c) has passed: failing it excludes the grant (unless judged as kept, or Abs. 7).
DEADLINE_PASSED = Not(ENTRY_A) & (IDENTITY_DEADLINE < TODAY)

# --- imminent removal measures (Abs. 2 Nr. 5) -------------------------------------------------------------------
MEASURE_KINDS = ("medical_examination", "voluntary_return_application", "transport_booking", "comparable")
PENDING_MEASURE = (
    Or(I("kind").isin(MEASURE_KINDS), I("kind").eq(Param("aufenthg.responsibility_procedure_kind")))
    & Or(Not(I("ended_on").known()), I("ended_on") > TODAY)
)
IMMINENT = Agg("removal_measures", "min", PENDING_MEASURE, I("initiated_on"), empty=MAX_DATE) <= c.APPLICATION_DAY

# --- conduct (Abs. 2 Nr. 1, 4) ------------------------------------------------------------------------------------
FINES_BEYOND = c.fines_beyond("aufenthg.fine_daily_rates", "aufenthg.fine_daily_rates_foreigner_only")
ANY_CONVICTION = c.intentional_conviction(ignore_foreigner_only=False)
WORK_BAN_1_3 = Or(F("employment_ban.entered_for_benefits"), F("employment_ban.safe_country_asylum_rejected"))
SELF_CAUSED = Or(c.OBSTRUCTS_BY_DECEPTION, c.OBSTRUCTS_BY_NON_COOPERATION, c.IN_60B_TODAY)


def identity_test(pathway: str, condition: str, clarified: Expr) -> Test:
    """Identity clarified in time; otherwise the case worker judges whether all necessary and reasonable steps
    were taken (deadline deemed kept, Abs. 2 Nr. 3 last half-sentence; or grant regardless, § 60c Abs. 7 /
    § 16g Abs. 6)."""
    steps = c.judged("identity_steps_sufficient", pathway, condition)
    return Cases(
        (clarified, MET),
        (steps.eq("positive"), MET),
        (steps.eq("negative"), NOT_MET),
        (c.IDENTITY_STEPS_TAKEN, JUDGEMENT),
        otherwise=NOT_MET,
    )


def common_conditions(pathway: str, law: str, what: tuple[str, str], prefix: str) -> list[Node]:
    """Abs. 1–3 of § 60c and § 16g (same wording): ``law`` is "§ 60c" or "§ 16g", ``prefix`` the parameter
    prefix (months of prior Duldung and the timing rules of Abs. 3), ``what`` the title granted (de, en)."""
    what_de, what_en = what
    return [
        AnyOf(
            "zugang", f"{law} Abs. 1 S. 1 Nr. 1, 2 AufenthG",
            "Berufsausbildung als Asylbewerber aufgenommen und nach Ablehnung fortgesetzt (Nr. 1) oder im Besitz "
            "einer Duldung nach § 60a (Nr. 2)",
            "Training taken up as an asylum seeker and continued after rejection (no. 1), or holding a Duldung under "
            "§ 60a (no. 2)",
            on_fail="exclusion",
            todo=("Zugang nur nach abgelehntem Asylantrag (Ausbildung während des Asylverfahrens begonnen) oder aus "
                  "der Duldung.",
                  "Only open after a rejected asylum application (training begun during the procedure) or from a "
                  "Duldung."),
            options=[
                Condition(
                    "asylbewerber", f"{law} Abs. 1 S. 1 Nr. 1 AufenthG",
                    "Ausbildung während des Asylverfahrens aufgenommen; Asylverfahren abgeschlossen",
                    "Training taken up during the asylum procedure; the procedure has ended",
                    Holds(ROUTE_ASYLUM), on_fail="exclusion",
                    review="Nr. 1 wird angenommen, wenn die Ausbildung zwischen Beginn und Ende der erfassten "
                           "Aufenthaltsgestattung begann und heute keine Gestattung mehr besteht (Ablehnung).",
                ),
                Condition(
                    "geduldet", f"{law} Abs. 1 S. 1 Nr. 2 AufenthG",
                    "Im Besitz einer Duldung nach § 60a", "Holds a Duldung under § 60a",
                    Holds(c.GEDULDET_TODAY), on_fail="exclusion",
                ),
            ],
        ),
        Condition(
            "berufsausbildung", f"{law} Abs. 1 S. 1 Nr. 1 a, b AufenthG",
            "Qualifizierte Berufsausbildung in einem staatlich anerkannten oder vergleichbar geregelten Ausbildungsberuf "
            "oder anschlussfähige Assistenz-/Helferausbildung (Engpassberuf, Ausbildungsplatzzusage)",
            "Qualified training in a state-recognised or comparably regulated occupation, or an assistant/helper "
            "training leading on to a shortage occupation with a promised training place",
            Holds(HAS_TRAINING),
            todo=("Ausbildungsplatz in einem staatlich anerkannten Ausbildungsberuf finden.",
                  "Find a training place in a state-recognised occupation."),
            evidence=("Ausbildung (Art, Beginn, Ende) erfassen", "Record the training (kind, start, end)"),
        ),
        Condition(
            "eintragung", f"{law} Abs. 3 S. 3 AufenthG",
            "Eintragung des Ausbildungsvertrags beantragt oder erfolgt (oder Vertrag mit/Zustimmung der "
            "Bildungseinrichtung)",
            "Registration of the training contract applied for or made (or contract with/approval of the school)",
            Holds(REGISTERED), applies=HAS_TRAINING,
            todo=("Eintragung des Ausbildungsvertrags bei der zuständigen Stelle beantragen.",
                  "Apply for the registration of the training contract with the competent body."),
            evidence=("Eintragung des Ausbildungsvertrags erfassen", "Record the registration of the contract"),
            review="Die Angabe „eingetragen“ steht auch für „Eintragung beantragt“ und für schulische Verträge.",
        ),
        Condition(
            "erteilung_ab", f"{law} Abs. 3 S. 2 AufenthG",
            f"{what_de} frühestens sechs Monate vor Beginn der Berufsausbildung erteilt (Fall der Nr. 2)",
            f"{what_en} at the earliest six months before the training starts (case of no. 2)",
            From(AddMonths(TRAINING_START, f"{prefix}.grant_months_before_start", -1)),
            applies=HAS_TRAINING & ROUTE_DULDUNG,
            evidence=("Beginn der Ausbildung erfassen", "Record the start of the training"),
        ),
        Condition(
            "antrag_frist", f"{law} Abs. 3 S. 1 AufenthG",
            "Antrag frühestens sieben Monate vor Beginn der Berufsausbildung gestellt",
            "Application made at the earliest seven months before the training starts",
            Holds(F("application_date") >= AddMonths(TRAINING_START, f"{prefix}.application_months_before_start", -1)),
            applies=HAS_TRAINING & F("application_date").known(),
            todo=("Der Antrag war verfrüht; frühestens sieben Monate vor Ausbildungsbeginn erneut stellen.",
                  "The application was premature; apply again at most seven months before the training starts."),
        ),
        Condition(
            "vorduldung", f"{law} Abs. 2 Nr. 2 AufenthG; § 60b Abs. 5 S. 1 AufenthG",
            "Bei Antragstellung seit drei Monaten im Besitz einer Duldung (Fall der Nr. 2)",
            "Has held a Duldung for three months when applying (case of no. 2)",
            c.held_before_application(c.stay(c.DULDUNG_COUNTS), f"{prefix}.prior_duldung_months", pathway,
                                      "vorduldung"),
            applies=ROUTE_DULDUNG,
            todo=("Antrag erst nach drei Monaten Duldung stellen.", "Apply only after three months of Duldung."),
            review="Zeiten einer Duldung nach § 60b zählen nicht (§ 60b Abs. 5 S. 1; vorsichtige Lesart trotz "
                   "§ 105 Abs. 3).",
        ),
        Condition(
            "beschaeftigungsverbot", f"{law} Abs. 2 Nr. 1 AufenthG mit § 60a Abs. 6 S. 1 Nr. 1, 3 AufenthG",
            "Kein Beschäftigungsverbot: nicht eingereist, um AsylbLG-Leistungen zu erlangen; kein abgelehnter "
            "Asylbewerber aus sicherem Herkunftsstaat",
            "No employment ban: did not enter to obtain AsylbLG benefits; not a rejected asylum seeker from a safe "
            "country of origin",
            Holds(Not(WORK_BAN_1_3)), on_fail="exclusion",
            evidence=("Beschäftigungsverbote nach § 60a Abs. 6 Nr. 1 und 3 klären (mit § 104 Abs. 18)",
                      "Clarify the employment bans of § 60a(6) nos. 1 and 3 (with § 104(18))"),
            review="Ob ein Staat sicherer Herkunftsstaat ist und § 104 Abs. 18 greift, erfasst die Sachbearbeitung "
                   "als Tatsache; die Einstufungen sind nicht kodiert.",
        ),
        Condition(
            "selbst_zu_vertreten", f"{law} Abs. 2 Nr. 1 AufenthG mit § 60a Abs. 6 S. 1 Nr. 2, S. 2 AufenthG",
            "Aufenthaltsbeendende Maßnahmen scheitern nicht aus selbst zu vertretenden Gründen (Täuschung, falsche "
            "Angaben, fehlende Mitwirkung)",
            "Measures to end the stay do not fail for reasons of the person's own making (deception, false "
            "statements, lack of cooperation)",
            Holds(Not(SELF_CAUSED)),
            todo=("Täuschung aufgeben, zutreffende Angaben machen und bei der Passbeschaffung mitwirken.",
                  "Stop the deception, give correct information and cooperate in obtaining a passport."),
            evidence=("Klären, ob die Abschiebung aus selbst zu vertretenden Gründen nicht vollzogen werden kann",
                      "Clarify whether removal fails for reasons of the person's own making"),
            review="Fehlende Mitwirkung und eine laufende Duldung nach § 60b gelten als selbst zu vertretende "
                   "Gründe (vorsichtige Lesart von § 60a Abs. 6 S. 1 Nr. 2).",
        ),
        Condition(
            "identitaet", f"{law} Abs. 2 Nr. 3 AufenthG (Frist noch offen oder Einreise bis 31.12.2016)",
            "Identität bis zur Antragstellung geklärt (Einreise bis 31.12.2016) bzw. innerhalb der noch laufenden "
            "Frist",
            "Identity clarified by the application (entry until 31.12.2016) or within the deadline still running",
            identity_test(pathway, "identitaet",
                          c.IDENTITY_CLARIFIED & If(F("application_date").known(),
                                                    F("identity.clarified_on") <= IDENTITY_DEADLINE, True)),
            applies=Not(DEADLINE_PASSED),
            todo=("Identität klären (Pass, Urkunden) – vor der Antragstellung.",
                  "Clarify identity (passport, documents) before applying."),
            evidence=("Einreisedatum und Stand der Identitätsklärung erfassen",
                      "Record the date of entry and the state of identity clarification"),
            judgement_hint=("Bewerten, ob alle erforderlichen und zumutbaren Schritte zur Identitätsklärung fristgerecht "
                            "ergriffen wurden (Frist gilt als gewahrt) bzw. ob nach Ermessen unbeachtlich der Frist "
                            "erteilt wird.",
                            "Judge whether all necessary and reasonable identity steps were taken in time (deadline "
                            "deemed kept) or whether to grant regardless of the deadline (discretion)."),
            review="Maßgeblich ist die letzte erfasste Einreise (wie bei § 60d).",
        ),
        Condition(
            "identitaet_frist", f"{law} Abs. 2 Nr. 3 b, c AufenthG; § 60c Abs. 7 / § 16g Abs. 6 AufenthG",
            "Identität fristgerecht geklärt: Einreise 01.01.2017–31.12.2019 bis zum Antrag, spätestens 30.06.2020; "
            "Einreise danach binnen sechs Monaten nach der Einreise",
            "Identity clarified in time: entry 01.01.2017–31.12.2019 by the application and 30.06.2020 at the "
            "latest; later entry within six months after entry",
            identity_test(pathway, "identitaet_frist",
                          c.IDENTITY_CLARIFIED & (F("identity.clarified_on") <= IDENTITY_DEADLINE)),
            applies=DEADLINE_PASSED, on_fail="exclusion",
            todo=("Frist zur Identitätsklärung versäumt; nur wenn alle zumutbaren Schritte ergriffen wurden, kann die "
                  "Sachbearbeitung das bewerten (Fristwahrung, § 60c Abs. 7 / § 16g Abs. 6).",
                  "Identity deadline missed; only if all reasonable steps were taken can the case worker judge it "
                  "(deadline kept, § 60c(7) / § 16g(6))."),
            evidence=("Datum der Identitätsklärung erfassen", "Record the date identity was clarified"),
            judgement_hint=("Bewerten, ob innerhalb der Frist alle erforderlichen und zumutbaren Schritte ergriffen "
                            "wurden (Frist gilt als gewahrt) oder ob nach Ermessen unbeachtlich der Frist erteilt "
                            "wird (§ 60c Abs. 7 / § 16g Abs. 6).",
                            "Judge whether all necessary and reasonable steps were taken within the deadline "
                            "(deadline deemed kept) or whether to grant regardless of it (discretion, § 60c(7) / "
                            "§ 16g(6))."),
            review="Maßgeblich ist die letzte erfasste Einreise (wie bei § 60d).",
        ),
        Condition(
            "extremismus", f"{law} Abs. 2 Nr. 4 AufenthG mit § 19d Abs. 1 Nr. 6 AufenthG",
            "Keine Bezüge zu extremistischen oder terroristischen Organisationen",
            "No links to extremist or terrorist organisations",
            Holds(Not(c.EXTREMISM_INDICATION)), on_fail="exclusion",
            evidence=("Anhaltspunkte für Extremismus klären", "Clarify indications of extremism"),
        ),
        Condition(
            "straftaten", f"{law} Abs. 2 Nr. 4 AufenthG mit § 19d Abs. 1 Nr. 7 AufenthG",
            "Keine Verurteilung wegen einer vorsätzlichen Straftat (Geldstrafen bis 50 Tagessätze, bei nur von "
            "Ausländern begehbaren Taten bis 90, bleiben grundsätzlich außer Betracht)",
            "No conviction for an intentional offence (fines up to 50 daily rates, or 90 for offences only "
            "foreigners can commit, are as a rule disregarded)",
            Cases(
                (FINES_BEYOND, NOT_MET),
                (ANY_CONVICTION & c.judged("other", pathway, "straftaten").eq("negative"), NOT_MET),
                otherwise=MET,
            ),
            on_fail="exclusion",
            evidence=("Verurteilungen (Bundeszentralregister) mit Strafmaß erfassen",
                      "Record convictions (federal register) with the sentence"),
            judgement_hint=("Nur wenn geringe Geldstrafen ausnahmsweise doch zählen sollen („grundsätzlich“): "
                            "negative Bewertung erfassen.",
                            "Only if small fines exceptionally count (\"as a rule\"): record a negative judgement."),
            review="Vorsichtige Lesart: die Grenzen 50 und 90 werden nicht addiert; Erziehungsmaßregeln nach JGG "
                   "lassen das Ergebnis offen.",
        ),
        Condition(
            "ausweisung", f"{law} Abs. 2 Nr. 4 AufenthG",
            "Keine Ausweisungsverfügung und keine Abschiebungsanordnung nach § 58a",
            "No expulsion order and no removal order under § 58a",
            Holds(Not(F("expulsion_order"))), on_fail="exclusion",
            evidence=("Ausweisungsverfügung / Abschiebungsanordnung klären", "Clarify expulsion or removal orders"),
        ),
        Condition(
            "keine_abschiebungsmassnahmen", f"{law} Abs. 2 Nr. 5 AufenthG",
            "Bei Antragstellung stehen keine konkreten Maßnahmen zur Aufenthaltsbeendigung bevor (Fall der Nr. 2)",
            "No concrete measures to end the stay are imminent when applying (case of no. 2)",
            Holds(Not(IMMINENT)), applies=ROUTE_DULDUNG, on_fail="exclusion",
            evidence=("Eingeleitete Maßnahmen zur Aufenthaltsbeendigung erfassen",
                      "Record the measures to end the stay that were initiated"),
            review="Zählt, was bis zum Antrag eingeleitet und am Stichtag nicht erledigt ist; ob vergleichbare "
                   "Maßnahmen von vornherein aussichtslos sind (Buchst. d), erfasst die Sachbearbeitung als "
                   "„erledigt“. Ab 12.06.2026 zählt ein Verfahren nach Art. 38 VO (EU) 2024/1351 statt Dublin.",
        ),
        Condition(
            "kein_missbrauch", f"{law} Abs. 1 S. 2 AufenthG",
            "Kein Fall offensichtlichen Missbrauchs", "No case of obvious abuse",
            JudgementTest(Judged("atypical_case", (f"{pathway}.kein_missbrauch",), allow_general=False),
                          positive=NOT_MET, negative=MET, missing=MET),
            on_fail="exclusion",
            todo=("Offensichtlicher Missbrauch laut Bewertung: Versagung im Ermessen möglich.",
                  "Obvious abuse per judgement: refusal possible at discretion."),
            review="Offensichtlicher Missbrauch wird nur aus einer erfassten Bewertung (atypical_case für diese "
                   "Bedingung) abgeleitet.",
        ),
    ]


PATHWAY = Pathway(
    id=ID,
    title_de="Ausbildungsduldung",
    title_en="Duldung for vocational training",
    citation="§ 60c AufenthG",
    nature="anspruch",
    in_force="aufenthg_60c.in_force",
    notes=(
        ("Die Duldung wird für die im Ausbildungsvertrag bestimmte Dauer erteilt; die Beschäftigungserlaubnis ist zu "
         "erteilen (§ 60c Abs. 1 S. 3, Abs. 3 S. 4). Nach erfolgreichem Abschluss: § 19d Abs. 1a (zwei Jahre).",
         "Granted for the training period in the contract; the employment permission must be granted (§ 60c(1) "
         "sent. 3, (3) sent. 4). After successful completion: § 19d(1a) (two years)."),
        ("Seit 01.03.2024 prüfen, ob stattdessen eine Aufenthaltserlaubnis nach § 16g möglich ist.",
         "From 01.03.2024 check whether a residence permit under § 16g is possible instead."),
    ),
    conditions=common_conditions(ID, "§ 60c", ("Die Ausbildungsduldung wird", "The training Duldung is granted"),
                                 "aufenthg_60c"),
)
