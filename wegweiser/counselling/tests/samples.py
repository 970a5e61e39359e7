"""Protocols for the tests: a draft under the shipped default concept, and one ready to finalise."""

from __future__ import annotations

from datetime import date
from typing import Any

from wegweiser.counselling import defaults
from wegweiser.counselling.models import Concept, CounsellingType, Protocol, Topic
from wegweiser.counselling.services import protocols
from wegweiser.counselling.services.concept import current_concept


def default_concept() -> Concept:
    """The published default concept: loaded by the migration, re-loaded here after a flushed test database
    (the browser tests flush it)."""
    defaults.load(Concept, CounsellingType, Topic)
    return current_concept()


def default_type(key: str = "bleibeperspektiven") -> CounsellingType:
    return default_concept().types.get(key=key)


def draft(user: Any, person: Any, key: str = "mitwirkungspflichten", **values: Any) -> Protocol:
    return protocols.create_protocol(user, person, default_type(key), {"held_on": date(2026, 3, 2), **values})


def complete_draft(user: Any, person: Any, key: str = "mitwirkungspflichten") -> Protocol:
    """A draft whose required topics are all covered, so that it can be finalised."""
    protocol = draft(user, person, key)
    return protocols.update_draft(
        user, protocol, {"topics_covered": list(protocol.counselling_type.topics.filter(required=True))},
        expected_version=protocol.version,
    )


def final(user: Any, person: Any, key: str = "mitwirkungspflichten") -> Protocol:
    protocol = complete_draft(user, person, key)
    return protocols.finalise(user, protocol, expected_version=protocol.version)
