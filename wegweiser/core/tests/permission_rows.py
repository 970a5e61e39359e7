"""Permission-matrix rows for the core app: the start page and the language switch.

The start page is open to every verified user (it shows what their role may do); the language switch is
public so that the log-in page can be switched to English too.
"""

from __future__ import annotations

from wegweiser.core.permission_matrix import ALL_ROLES, Row, public_row

ROWS = [
    Row("core:home", allowed=ALL_ROLES),
    public_row("set_language", method="post", data=lambda world: {"language": "en", "next": "/"}),
]
