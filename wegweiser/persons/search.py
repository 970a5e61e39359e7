"""Name normalisation for search (placeholder signature; the search work fills it in)."""

from __future__ import annotations


def compute_search_fields(*names: str) -> tuple[str, str]:
    """Return (search_text, search_phonetic) for the given name strings."""
    raise NotImplementedError
