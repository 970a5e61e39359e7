"""Integration facts: what the pathway rules need, each with its source, date and who recorded it."""

from .base import Fact, FactSource
from .conduct import Conviction, ExpulsionInterest, ExtremismIndication
from .education import Qualification, SchoolAttendance, VocationalTraining
from .health import HealthExemption
from .identity import IdentityClarification, IdentityStep, Passport
from .judgement import Judgement
from .language import CivicTest, IntegrationCourse, LanguageCertificate
from .livelihood import Employment, Housing, Livelihood, PensionContributions

__all__ = [
    "CivicTest", "Conviction", "Employment", "ExpulsionInterest", "ExtremismIndication", "Fact", "FactSource",
    "HealthExemption", "Housing", "IdentityClarification", "IdentityStep", "IntegrationCourse", "Judgement",
    "LanguageCertificate", "Livelihood", "Passport", "PensionContributions", "Qualification",
    "SchoolAttendance", "VocationalTraining",
]
