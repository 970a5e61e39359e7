"""Counselling pages: protocols (under their person, then by id) and the concept editor."""

from .concept import (
    ConceptDetailView,
    ConceptEditView,
    ConceptListView,
    ConceptNewDraftView,
    ConceptPublishView,
    ConceptTypeEditView,
)
from .protocol import (
    AddendumCreateView,
    ProtocolCreateView,
    ProtocolDetailView,
    ProtocolEditView,
    ProtocolFinaliseView,
)

__all__ = [
    "AddendumCreateView", "ConceptDetailView", "ConceptEditView", "ConceptListView", "ConceptNewDraftView",
    "ConceptPublishView", "ConceptTypeEditView", "ProtocolCreateView", "ProtocolDetailView", "ProtocolEditView",
    "ProtocolFinaliseView",
]
