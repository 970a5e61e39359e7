"""The digital case file: persons, their family and household, and their residence history."""

from .family import FamilyRelation, Household, RelationKind
from .notes import Note
from .person import Nationality, Person, PersonLanguage, Sex
from .residence import DuldungKind, Entry, ResidencePeriod, ResidenceStatus, StayAbroad
from .search_keys import PersonNameKey, SearchToken

__all__ = [
    "DuldungKind",
    "Entry",
    "FamilyRelation",
    "Household",
    "Nationality",
    "Note",
    "Person",
    "PersonLanguage",
    "PersonNameKey",
    "RelationKind",
    "ResidencePeriod",
    "ResidenceStatus",
    "SearchToken",
    "Sex",
    "StayAbroad",
]
