"""Links back to the case file, shared by the facts and documents pages."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse


def person_url(person: Any) -> str:
    """The person overview, or "" while no overview URL exists (the page then shows no back link)."""
    for name in ("persons:detail", "persons:overview"):
        try:
            return reverse(name, kwargs={"pk": person.pk})
        except NoReverseMatch:
            continue
    return ""
