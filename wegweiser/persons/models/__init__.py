"""The digital case file: persons, their family and household, and their residence history."""

from .family import FamilyRelation, Household, RelationKind
from .notes import Note
from .person import Nationality, Person, PersonLanguage, Sex
from .residence import DuldungKind, Entry, ResidencePeriod, ResidenceStatus, StayAbroad

__all__ = [
    "DuldungKind",
    "Entry",
    "FamilyRelation",
    "Household",
    "Nationality",
    "Note",
    "Person",
    "PersonLanguage",
    "RelationKind",
    "ResidencePeriod",
    "ResidenceStatus",
    "Sex",
    "StayAbroad",
]
