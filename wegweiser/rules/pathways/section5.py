"""The general requirements of § 5 Abs. 1 AufenthG that several pathways check in the same way.

Defined once so that a change of reading applies everywhere. ``waiver`` says whether § 5 Abs. 3 S. 2
(discretionary waiver for titles of Kapitel 2 Abschnitt 5, the humanitarian ones) is open; the todo text then
names it. ``review`` carries the pathway's reason why the requirement applies at all (an interpretation).
"""

from __future__ import annotations

from ..conditions import JUDGEMENT, MET, NOT_MET, Cases, Holds
from ..expr import Expr, Not, Or
from ..pathway import Condition
from . import common as c

GENERAL_REVIEW = "Allgemeine Regelerteilungsvoraussetzung; Absehen im Ermessen (§ 5 Abs. 3 S. 2)."
_WAIVER = ("; Absehen nach § 5 Abs. 3 S. 2 im Ermessen", "; waiver at discretion under § 5(3) sent. 2")


def _todo(de: str, en: str, waiver: bool) -> tuple[str, str]:
    return (f"{de}{_WAIVER[0]}.", f"{en}{_WAIVER[1]}.") if waiver else (f"{de}.", f"{en}.")


def identity(*, waiver: bool = True, review: str | None = GENERAL_REVIEW, applies: Expr | None = None) -> Condition:
    """§ 5 Abs. 1 Nr. 1a: identity and nationality clarified (as a rule)."""
    return Condition(
        "identitaet", "§ 5 Abs. 1 Nr. 1a AufenthG",
        "Identität und Staatsangehörigkeit geklärt", "Identity and nationality clarified",
        Holds(c.IDENTITY_CLARIFIED), regel=True, applies=applies,
        todo=_todo("Identität klären", "Clarify identity", waiver),
        review=review,
    )


def identity_104c_holder(pathway: str, absatz: int) -> Condition:
    """For § 104c holders, § 25a Abs. 6 / § 25b Abs. 8 replace § 5 Abs. 1 Nr. 1a: identity clarified, or all
    reasonable steps taken (S. 2, discretion: a recorded judgement decides, never the engine)."""
    steps_sufficient = c.judged("identity_steps_sufficient", pathway, "identitaet_104c")
    section = pathway.removeprefix("aufenthg_")
    return Condition(
        "identitaet_104c", f"§ {section} Abs. {absatz} AufenthG",
        "Bei Inhabern einer Aufenthaltserlaubnis nach § 104c: Identität geklärt (oder alle zumutbaren Schritte "
        "zur Klärung ergriffen)",
        "For holders of a § 104c permit: identity clarified (or all reasonable steps to clarify it taken)",
        Cases(
            (Or(c.IDENTITY_CLARIFIED, steps_sufficient.eq("positive")), MET),
            (steps_sufficient.eq("negative"), NOT_MET),
            (c.IDENTITY_STEPS_TAKEN, JUDGEMENT),
            otherwise=NOT_MET,
        ),
        applies=c.HOLDER_104C_PRIVILEGED, in_force="aufenthg_104c.holder_privileges",
        todo=("Identität klären (Pass, Urkunden) oder zumutbare Schritte dazu nachweisen.",
              "Clarify identity (passport, documents) or prove the reasonable steps taken."),
        judgement_hint=(f"Bewerten, ob alle erforderlichen und zumutbaren Schritte zur Identitätsklärung ergriffen "
                        f"wurden (Abs. {absatz} S. 2, Ermessen).",
                        f"Judge whether all necessary and reasonable identity steps were taken (Abs. {absatz} sent. 2, "
                        f"discretion)."),
    )


def passport(*, waiver: bool = True, review: str | None = GENERAL_REVIEW) -> Condition:
    """§ 5 Abs. 1 Nr. 4: passport obligation met (as a rule)."""
    return Condition(
        "pass", "§ 5 Abs. 1 Nr. 4 AufenthG",
        "Passpflicht erfüllt (gültiger Pass oder Passersatz)", "Passport obligation met (valid passport or substitute)",
        Holds(c.PASSPORT_VALID_TODAY), regel=True,
        todo=_todo("Gültigen Pass oder Passersatz vorlegen", "Show a valid passport or substitute", waiver),
        review=review,
    )


def no_expulsion_interest(*, waiver: bool = True, review: str | None = GENERAL_REVIEW) -> Condition:
    """§ 5 Abs. 1 Nr. 2: no interest in expulsion, serious ones derived from convictions (as a rule)."""
    return Condition(
        "ausweisungsinteresse", "§ 5 Abs. 1 Nr. 2 AufenthG",
        "Kein Ausweisungsinteresse", "No interest in expulsion",
        Holds(Not(Or(c.serious_expulsion_interest(), c.expulsion_interest_recorded(serious_only=False)))),
        regel=True,
        todo=_todo("Ausweisungsinteresse besteht", "An interest in expulsion exists", waiver),
        review=review,
    )


__all__ = ["GENERAL_REVIEW", "identity", "identity_104c_holder", "no_expulsion_interest", "passport"]
