"""Permission-matrix rows (see wegweiser/core/permission_matrix.py)."""

ROWS: list = []
