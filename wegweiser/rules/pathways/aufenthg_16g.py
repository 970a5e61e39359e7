"""§ 16g AufenthG – Aufenthaltserlaubnis zur Berufsausbildung für ausreisepflichtige Ausländer.

In force since 01.03.2024 (FEG 2.0); ``not_in_force`` before. Abs. 1–3 have the wording of § 60c, so the
conditions are built by ``aufenthg_60c.common_conditions``. On top: the general requirements of § 5 Abs. 1
Nr. 1, 2 and 4 (Abs. 10 waives only § 5 Abs. 2, § 10 Abs. 3 S. 1 and § 5 Abs. 1 Nr. 1a). Abs. 2 Nr. 5 e
refers to Art. 38 Abs. 1 VO (EU) 2024/1351 from 12.06.2026 (before: Art. 20 Abs. 1 VO (EU) Nr. 604/2013).
law.md records no change for 01.07.2027 (the scheduled changes of that day concern §§ 25a, 25b only).
"""

from __future__ import annotations

from ..conditions import Holds
from ..expr import Agg, I, Not, Or
from ..pathway import Condition, Pathway
from . import aufenthg_60c as t
from . import common as c

ID = "aufenthg_16g"

#: § 16g Abs. 10 S. 3: public benefits are harmless while training support under SGB III (BAB) is received.
TRAINING_SUPPORT_TODAY = Agg("livelihood", "any", c.covers_today("period_from", "period_until")
                             & I("benefits").eq("bafoeg_bab"))

PATHWAY = Pathway(
    id=ID,
    title_de="Aufenthaltserlaubnis zur Berufsausbildung für ausreisepflichtige Ausländer",
    title_en="Residence permit for vocational training for foreigners obliged to leave",
    citation="§ 16g AufenthG",
    nature="anspruch",
    in_force="aufenthg_16g.in_force",
    notes=(
        ("Erteilung für die im Ausbildungsvertrag bestimmte Dauer (Abs. 3 S. 4); daneben Beschäftigung bis "
         "20 Stunden je Woche (Abs. 3a). Nach Abschluss: Aufenthaltserlaubnis für zwei Jahre (Abs. 8).",
         "Granted for the training period in the contract (Abs. 3 sent. 4); other work up to 20 hours a week "
         "(Abs. 3a). After completion: two-year residence permit (Abs. 8)."),
        ("Fehlen Lebensunterhalt oder Pass, bleibt die Ausbildungsduldung nach § 60c zu prüfen.",
         "If livelihood or passport are missing, check the training Duldung under § 60c."),
    ),
    conditions=[
        *t.common_conditions(ID, "§ 16g", ("Die Aufenthaltserlaubnis wird", "The residence permit is granted"),
                             "aufenthg_16g"),
        Condition(
            "lebensunterhalt", "§ 5 Abs. 1 Nr. 1 AufenthG; § 2 Abs. 3 S. 5, § 16g Abs. 10 S. 3 AufenthG",
            "Lebensunterhalt gesichert (Bedarf nach § 12 BAföG) oder Bezug von Ausbildungsförderung nach dem SGB III",
            "Livelihood secured (need under § 12 BAföG) or receiving training support under SGB III",
            Holds(Or(c.livelihood_today("fully"), TRAINING_SUPPORT_TODAY)),
            regel=True,
            todo=("Lebensunterhalt sichern (Ausbildungsvergütung, Berufsausbildungsbeihilfe); sonst § 60c prüfen.",
                  "Secure livelihood (training pay, vocational training allowance); otherwise check § 60c."),
            evidence=("Lebensunterhalt und Leistungsbezug erfassen", "Record livelihood and benefits"),
            review="„gesichert“ wird als Feststellung der Sachbearbeitung am Bedarf nach § 12 BAföG gelesen; die "
                   "Angabe „bafoeg_bab“ steht für Leistungen nach dem SGB III.",
        ),
        Condition(
            "ausweisungsinteresse", "§ 5 Abs. 1 Nr. 2 AufenthG",
            "Kein Ausweisungsinteresse", "No interest in expulsion",
            Holds(Not(Or(c.serious_expulsion_interest(), c.expulsion_interest_recorded(serious_only=False)))),
            regel=True,
            todo=("Ausweisungsinteresse besteht; Ausnahme vom Regelfall nur bei atypischem Fall.",
                  "An interest in expulsion exists; exception only in an atypical case."),
            review="Aus Verurteilungen werden nur § 54 Abs. 1 Nr. 1 und Abs. 2 Nr. 1, 2 abgeleitet; weitere "
                   "Ausweisungsinteressen müssen erfasst sein.",
        ),
        Condition(
            "pass", "§ 5 Abs. 1 Nr. 4, § 3 AufenthG; § 16g Abs. 10 S. 5 AufenthG",
            "Passpflicht erfüllt (gültiger Pass oder Passersatz)", "Passport obligation met (valid passport or substitute)",
            Holds(c.PASSPORT_VALID_TODAY), regel=True,
            todo=("Gültigen Pass oder Passersatz vorlegen; bei zumutbaren Schritten zur Identitätsklärung (Abs. 6) "
                  "kann davon abgesehen werden.",
                  "Show a valid passport or substitute; may be waived where reasonable identity steps were taken "
                  "(Abs. 6)."),
            review="Das Absehen nach Abs. 10 S. 5 (Fälle des Abs. 6) ist Ermessen: nur über eine erfasste Ausnahme "
                   "vom Regelfall (regel_exception) für diese Bedingung.",
        ),
    ],
)
