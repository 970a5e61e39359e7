"""Pagination for lists of case files."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination


class PersonPagination(LimitOffsetPagination):
    """``?limit=&offset=``; the upper bound keeps one call from dumping the whole office."""

    default_limit = 50
    max_limit = 200

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """Documented in English and with the bounds (DRF's texts follow the server language)."""
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Number of results per page (default {self.default_limit}, at most {self.max_limit}); "
                    "with `q`, the number of search results."
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": "Index of the first result (list without `q` only).",
                "schema": {"type": "integer", "minimum": 0},
            },
        ]
