"""Counselling protocols for the tests of the person's copy: built through the models, final or draft."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Max

from wegweiser.counselling.models import Concept, CounsellingType, Protocol, ProtocolAddendum, Topic

BERLIN = ZoneInfo("Europe/Berlin")
FINALISED_AT = datetime(2026, 3, 2, 11, 30, tzinfo=BERLIN)
TOPICS = (
    ("wege", "In Betracht kommende Aufenthaltswege", "Possible residence pathways"),
    ("luecken", "Noch fehlende Voraussetzungen", "Conditions not yet met"),
)
PARTICIPANTS = "Frau Musterfrau; Herr Beispiel (Ausländerbehörde)"
HANDED_OVER = "Merkblatt Beschäftigungsduldung; Liste der Sprachkurse"
NEXT_STEPS = "Sprachzertifikat A2 bis Juni vorlegen."


def make_concept() -> tuple[CounsellingType, list[Topic]]:
    """A concept of its own (the data migration may already have shipped version 1), then published."""
    version = (Concept.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    concept = Concept.objects.create(version=version, title="Beratungskonzept Test", valid_from=date(2026, 1, 1))
    kind = CounsellingType.objects.create(concept=concept, key="bleibeperspektiven", order=1,
                                          name_de="Beratung zu individuellen Bleibeperspektiven",
                                          name_en="Counselling on individual staying perspectives")
    topics = [Topic.objects.create(type=kind, key=key, text_de=de, text_en=en, required=True, order=i)
              for i, (key, de, en) in enumerate(TOPICS)]
    concept.published = True
    concept.save()
    return kind, topics


def make_protocol(person, *, final: bool = True, number: str = "BP-2026-00017", **fields) -> Protocol:
    kind, topics = make_concept()
    values = {
        "person": person, "concept": kind.concept, "counselling_type": kind, "held_on": date(2026, 3, 2),
        "duration_minutes": 45, "participants": PARTICIPANTS, "interpreter_language": "ar",
        "interpreter_mode": "in_person", "handed_over": HANDED_OVER, "urgency_explained": True,
        "next_steps": NEXT_STEPS, "follow_up_on": date(2026, 6, 15),
    }
    values.update(fields)
    protocol = Protocol.objects.create(**values)
    protocol.topics_covered.set(topics)
    if final:
        protocol.status = "final"
        protocol.document_number = number
        protocol.finalised_at = FINALISED_AT
        protocol.save()
    return protocol


def add_addendum(protocol: Protocol, text: str) -> ProtocolAddendum:
    return ProtocolAddendum.objects.create(protocol=protocol, text=text)
