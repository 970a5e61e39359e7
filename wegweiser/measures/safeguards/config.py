"""The office's safeguard policy: presets, office settings, and the rule that a hard rule is never made soft.

Plain Python (no Django): the config is stored as a dict (``to_dict``/``from_dict``) on the office setting
and, frozen, on every plan, so that a plan is judged by the policy it was approved under.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import time
from typing import Any

#: Rules whose violation always blocks; no office setting can turn them into warnings (seed 004).
HARD_RULES = frozenset({"night_minor", "family_unity", "institution", "unfit_certificate"})
#: Rules that block until the plan carries a written reason (then they are met); not configurable.
REASON_RULES = frozenset({"staying_perspective", "force_proportionality"})
#: Rules that warn by default; an office may make each of them hard (then a violation blocks).
WARNING_RULES = frozenset({"voluntary_departure_counselling", "partner_unity", "place_check", "certificate_review"})
ALL_RULES = HARD_RULES | REASON_RULES | WARNING_RULES

#: Legal majority (§ 2 BGB). Used for the family rule ("minderjährige Kinder"), whatever the night preset says.
AGE_OF_MAJORITY = 18

#: Default maximum age of a medical certificate, in days. NOT a legal threshold: neither § 60a Abs. 2c
#: AufenthG nor seed 004 names a number (the seed says "im Einzelfall nicht mutmaßlich veraltet"). It is an
#: office choice, shipped as a default and changeable in the office setting; older certificates are flagged
#: for review, never silently ignored.
DEFAULT_CERTIFICATE_MAX_AGE_DAYS = 90
MAX_CERTIFICATE_MAX_AGE_DAYS = 3650


class ConfigError(ValueError):
    """An office setting that the safeguards must not accept (e.g. a hard rule made soft)."""


@dataclass(frozen=True)
class SafeguardConfig:
    preset: str
    #: Night interval [night_start, night_end) in Europe/Berlin local time; wraps over midnight if start > end.
    night_start: time
    night_end: time
    #: Persons younger than this (on the planned date) count as minors for the night rule.
    night_minor_age: int
    certificate_max_age_days: int = DEFAULT_CERTIFICATE_MAX_AGE_DAYS
    #: Warning rules the office has made hard.
    hard_warnings: frozenset[str] = field(default_factory=frozenset)
    #: Rules the office wants soft. Always empty in a valid config; kept so that a stored or submitted
    #: setting that tries it is refused loudly instead of being dropped.
    soft_rules: frozenset[str] = field(default_factory=frozenset)
    #: Where the preset comes from, shown with the night rule's result.
    preset_source: str = ""
    #: Set when the preset's legal text is not in the repository and needs review.
    to_review: str = ""

    def is_hard(self, rule_id: str) -> bool:
        return rule_id in HARD_RULES or rule_id in REASON_RULES or rule_id in self.hard_warnings

    def to_dict(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "night_start": self.night_start.strftime("%H:%M"),
            "night_end": self.night_end.strftime("%H:%M"),
            "night_minor_age": self.night_minor_age,
            "certificate_max_age_days": self.certificate_max_age_days,
            "hard_warnings": sorted(self.hard_warnings),
        }


UNNA_SOURCE = "Kreis Unna, Vereinbarung vom 02.03.2023 (Seed 004): keine Abschiebungen zwischen 22 und 6 Uhr, " \
              "wenn Minderjährige mitbetroffen wären"
NRW_SOURCE = "NRW, Runderlass MIK vom 13.01.2016: Familien mit Kindern unter 14 Jahren nicht zwischen 21 und 6 Uhr " \
             "(nach law.md Abschnitt 10.2, Sekundärquelle GGUA)"
#: to review: decree text not in the repository (only a secondary source is cited in law.md section 10.2).
NRW_TO_REVIEW = "Zu prüfen: Erlasstext liegt im Repository nicht vor (nur Sekundärquelle)."

PRESETS: dict[str, SafeguardConfig] = {
    "unna": SafeguardConfig(
        preset="unna", night_start=time(22, 0), night_end=time(6, 0), night_minor_age=AGE_OF_MAJORITY,
        preset_source=UNNA_SOURCE,
    ),
    # to review: decree text not in the repository
    "nrw_erlass": SafeguardConfig(
        preset="nrw_erlass", night_start=time(21, 0), night_end=time(6, 0), night_minor_age=14,
        preset_source=NRW_SOURCE, to_review=NRW_TO_REVIEW,
    ),
}
DEFAULT_PRESET = "unna"


def validate(config: SafeguardConfig) -> SafeguardConfig:
    """Refuse settings that would weaken the safeguards or make no sense; returns the config unchanged."""
    if config.soft_rules & (HARD_RULES | REASON_RULES):
        raise ConfigError("Hard rules cannot be made soft: "
                          + ", ".join(sorted(config.soft_rules & (HARD_RULES | REASON_RULES))))
    if config.soft_rules:
        raise ConfigError("Unknown setting soft_rules: " + ", ".join(sorted(config.soft_rules)))
    unknown = config.hard_warnings - WARNING_RULES
    if unknown:
        raise ConfigError("Not warning rules: " + ", ".join(sorted(unknown)))
    if config.night_start == config.night_end:
        raise ConfigError("The night interval must not be empty.")
    if not 1 <= config.night_minor_age <= AGE_OF_MAJORITY:
        raise ConfigError("The age for the night rule must be between 1 and 18.")
    if not 1 <= config.certificate_max_age_days <= MAX_CERTIFICATE_MAX_AGE_DAYS:
        raise ConfigError(f"The certificate age must be between 1 and {MAX_CERTIFICATE_MAX_AGE_DAYS} days.")
    if config.preset in PRESETS:
        base = PRESETS[config.preset]
        # The times and age of a preset are the preset's; an office cannot shorten the night under its name.
        if (config.night_start, config.night_end, config.night_minor_age) != (
            base.night_start, base.night_end, base.night_minor_age
        ) and not _covers(config, base):
            raise ConfigError("The night interval or age would be weaker than the preset " + config.preset)
    return config


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _night_minutes(c: SafeguardConfig) -> set[int]:
    start, end = _minutes(c.night_start), _minutes(c.night_end)
    return set(range(start, end)) if start < end else set(range(start, 1440)) | set(range(0, end))


def _covers(config: SafeguardConfig, base: SafeguardConfig) -> bool:
    """Whether ``config`` protects at least as much as ``base`` (longer night, higher age)."""
    return _night_minutes(config) >= _night_minutes(base) and config.night_minor_age >= base.night_minor_age


def build(
    preset: str = DEFAULT_PRESET, *, certificate_max_age_days: int = DEFAULT_CERTIFICATE_MAX_AGE_DAYS,
    hard_warnings: frozenset[str] | set[str] | list[str] = frozenset(), soft_rules: frozenset[str] | set[str] | list[str] = frozenset(),
    night_start: time | None = None, night_end: time | None = None, night_minor_age: int | None = None,
) -> SafeguardConfig:
    """A validated config from a preset and the office's choices (raises ``ConfigError``)."""
    if preset not in PRESETS:
        raise ConfigError(f"Unknown preset {preset!r}")
    base = PRESETS[preset]
    config = replace(
        base,
        certificate_max_age_days=int(certificate_max_age_days),
        hard_warnings=frozenset(hard_warnings),
        soft_rules=frozenset(soft_rules),
        night_start=night_start or base.night_start,
        night_end=night_end or base.night_end,
        night_minor_age=night_minor_age or base.night_minor_age,
    )
    return validate(config)


def from_dict(data: dict[str, Any] | None) -> SafeguardConfig:
    """The config stored by ``to_dict`` (validated again: a tampered row cannot soften a hard rule)."""
    if not data:
        return build()
    def parse(value: str | None) -> time | None:
        return time.fromisoformat(value) if value else None
    return build(
        data.get("preset", DEFAULT_PRESET),
        certificate_max_age_days=data.get("certificate_max_age_days", DEFAULT_CERTIFICATE_MAX_AGE_DAYS),
        hard_warnings=data.get("hard_warnings", []),
        soft_rules=data.get("soft_rules", []),
        night_start=parse(data.get("night_start")), night_end=parse(data.get("night_end")),
        night_minor_age=data.get("night_minor_age"),
    )
