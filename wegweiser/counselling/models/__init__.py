"""The counselling concept (versioned) and the protocols of counselling sessions."""

from .concept import Concept, CounsellingType, Topic
from .protocol import (
    FollowUpReminder,
    InterpreterMode,
    Protocol,
    ProtocolAddendum,
    ProtocolNumber,
    ProtocolStatus,
)

__all__ = [
    "Concept", "CounsellingType", "FollowUpReminder", "InterpreterMode", "Protocol", "ProtocolAddendum", "ProtocolNumber", "ProtocolStatus",
    "Topic",
]
