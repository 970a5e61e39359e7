"""The registry of pathways, in a fixed order. Each module defines one ``PATHWAY``; ids are fixed (issue 3)."""

from __future__ import annotations

from ..pathway import Pathway
from . import (
    aufenthg_16g,
    aufenthg_19d,
    aufenthg_25_5,
    aufenthg_25a,
    aufenthg_25b,
    aufenthg_26_4,
    aufenthg_60c,
    aufenthg_60d,
    aufenthg_104c,
    stag_10,
)

PATHWAYS: dict[str, Pathway] = {p.id: p for p in (
    aufenthg_25a.PATHWAY, aufenthg_25b.PATHWAY, aufenthg_104c.PATHWAY, aufenthg_60c.PATHWAY, aufenthg_60d.PATHWAY,
    aufenthg_16g.PATHWAY, aufenthg_19d.PATHWAY, aufenthg_25_5.PATHWAY,
    aufenthg_26_4.PATHWAY, stag_10.PATHWAY,
)}

__all__ = ["PATHWAYS"]
