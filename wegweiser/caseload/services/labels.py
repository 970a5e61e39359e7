"""Readable names for pathway keys (``aufenthg_25b`` -> "§ 25b AufenthG", with the pathway's title)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wegweiser.rules.pathways import PATHWAYS

from .transitions import UNKNOWN

_LAW_NAMES = {"aufenthg": "AufenthG", "asylg": "AsylG", "stag": "StAG", "freizuegg": "FreizügG/EU"}


def short_label(key: str) -> str:
    """The citation a key stands for; the key itself if it has an unexpected shape."""
    if key == UNKNOWN:
        return _("Rechtsgrundlage nicht lesbar")
    law, _sep, rest = key.partition("_")
    parts = rest.split("_") if rest else []
    if law not in _LAW_NAMES or not parts:
        return key
    text = f"§ {parts[0]}"
    if len(parts) > 1:
        text += f" Abs. {parts[1]}"
    if len(parts) > 2:
        text += f" Nr. {parts[2]}"
    return f"{text} {_LAW_NAMES[law]}"


def title(key: str) -> str:
    """The pathway's title in the user's language where the engine knows the pathway, else empty."""
    pathway = PATHWAYS.get(key)
    if pathway is None:
        return ""
    return pathway.title_en if (get_language() or "de").startswith("en") else pathway.title_de
