"""What the screening views share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import ScreeningRun

#: Purpose written to the audit trail for the worklists (positive case work on the whole caseload).
PURPOSE = "Arbeitslisten"


def current_run() -> ScreeningRun | None:
    """The completed run whose results the worklists show (see ``services.runs.current_run``)."""
    from ..services.runs import current_run as _current_run

    return _current_run()
