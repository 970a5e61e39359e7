"""Permission-matrix rows for every URL of the caseload app (see wegweiser/core/permission_matrix.py)."""

from __future__ import annotations

from wegweiser.core.permission_matrix import Row

ROWS: list[Row] = []
