"""Integration facts: what the pathway rules need, each with its source, date and who recorded it."""

from .base import Fact, FactSource
from .checks import CheckedList, ListCheck
from .conduct import Conviction, ExpulsionInterest, ExtremismIndication
from .education import Qualification, SchoolAttendance, VocationalTraining
from .health import HealthExemption
from .identity import IdentityClarification, IdentityStep, Passport
from .judgement import Judgement
from .language import CivicTest, IntegrationCourse, LanguageCertificate
from .livelihood import Employment, Housing, Livelihood, PensionContributions
from .removal import Commitment, ExpulsionOrder, RemovalObstruction

__all__ = [
    "CheckedList", "CivicTest", "Commitment", "Conviction", "Employment", "ExpulsionInterest", "ExpulsionOrder",
    "ExtremismIndication", "Fact", "FactSource", "HealthExemption", "Housing", "IdentityClarification",
    "IdentityStep", "IntegrationCourse", "Judgement", "LanguageCertificate", "ListCheck", "Livelihood",
    "Passport", "PensionContributions", "Qualification", "RemovalObstruction", "SchoolAttendance",
    "VocationalTraining",
]
