"""Permission-matrix rows for the caseload dashboard (see wegweiser/core/permission_matrix.py)."""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

DASHBOARD = (Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG)

ROWS: list[Row] = [
    Row("caseload:dashboard", allowed=DASHBOARD),
    Row("caseload:dashboard", allowed=DASHBOARD, query="first=2025-01&last=2025-12"),
]
