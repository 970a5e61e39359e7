"""How cases read on a page: state, and whether the consent still holds (shown in words, never colour alone)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import CaseState, CommissionCase
from .services.cases import today
from .services.consent_check import consent_problems

#: States in which the case has been (or is being) shown to the commission on the strength of the consent.
SHOWN_STATES = (CaseState.SUBMITTED, CaseState.RECOMMENDED, CaseState.DECIDED)


def consent_warnings(case: CommissionCase) -> list[str]:
    """Why the consent no longer carries the case today (revoked, expired, ...); empty if it does.

    A draft without consent is not a warning (it may be prepared first); a withdrawn case needs none.
    """
    if case.state == CaseState.WITHDRAWN or (case.state == CaseState.DRAFT and case.consent_id is None):
        return []
    return consent_problems(case.consent, case.person, case.commission, today())


def may_print(case: CommissionCase) -> bool:
    """The submission document exists once the case is submitted, and only while the consent holds."""
    return case.state in SHOWN_STATES and not consent_warnings(case)


def case_rows(cases: Iterable[CommissionCase]) -> list[dict[str, Any]]:
    return [{"case": case, "state_label": CaseState(case.state).label, "warnings": consent_warnings(case)}
            for case in cases]
