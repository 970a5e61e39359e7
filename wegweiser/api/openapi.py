"""The schema generator's view of our API (drf-spectacular AutoSchema)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema


class WegweiserAutoSchema(AutoSchema):
    """Request bodies are documented as JSON only: the format clients should use and the docs describe.

    The views also parse form encodings (DRF's defaults), which only tests and HTML tools use.
    """

    def map_parsers(self) -> list[str]:
        return ["application/json"]
