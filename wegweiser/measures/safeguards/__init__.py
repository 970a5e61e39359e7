"""Safeguards for measures ending a stay (seed 004, Kreis Unna), as plain Python without Django.

``evaluate(PlanFacts) -> list[RuleResult]``; configuration in ``config`` (presets ``unna`` and ``nrw_erlass``).
"""

from .config import (
    ALL_RULES,
    HARD_RULES,
    PRESETS,
    REASON_RULES,
    WARNING_RULES,
    ConfigError,
    SafeguardConfig,
    build,
    from_dict,
    validate,
)
from .facts import (
    CertificateFacts,
    PathwayChance,
    PersonFacts,
    PerspectiveCheck,
    PlaceKind,
    PlanFacts,
    Relation,
    RelationKind,
)
from .rules import RULES, Outcome, RuleResult, evaluate

__all__ = [
    "ALL_RULES", "HARD_RULES", "PRESETS", "REASON_RULES", "RULES", "WARNING_RULES", "CertificateFacts",
    "ConfigError", "Outcome", "PathwayChance", "PersonFacts", "PerspectiveCheck", "PlaceKind", "PlanFacts",
    "Relation", "RelationKind", "RuleResult", "SafeguardConfig", "build", "evaluate", "from_dict", "validate",
]
