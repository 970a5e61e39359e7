"""Office configuration: presets, the certificate age as an office choice, and hard rules never made soft."""

from __future__ import annotations

from datetime import time

import pytest

from wegweiser.measures.safeguards import HARD_RULES, ConfigError, build, from_dict
from wegweiser.measures.safeguards.config import DEFAULT_CERTIFICATE_MAX_AGE_DAYS, NRW_TO_REVIEW


def test_unna_is_the_default():
    config = build()
    assert (config.preset, config.night_start, config.night_end, config.night_minor_age) == (
        "unna", time(22), time(6), 18)
    assert config.certificate_max_age_days == DEFAULT_CERTIFICATE_MAX_AGE_DAYS


def test_nrw_preset_is_marked_for_review():
    config = build("nrw_erlass")
    assert (config.night_start, config.night_minor_age) == (time(21), 14)
    assert config.to_review == NRW_TO_REVIEW


@pytest.mark.parametrize("rule", sorted(HARD_RULES | {"staying_perspective", "force_proportionality"}))
def test_hard_rule_can_never_be_made_soft(rule):
    with pytest.raises(ConfigError):
        build(soft_rules={rule})
    with pytest.raises(ConfigError):  # a tampered stored config is refused as well
        from_dict({"preset": "unna", "soft_rules": [rule]})


def test_warnings_can_be_made_hard_but_hard_rules_are_not_warnings():
    assert build(hard_warnings={"place_check"}).is_hard("place_check")
    with pytest.raises(ConfigError):
        build(hard_warnings={"night_minor"})
    with pytest.raises(ConfigError):
        build(hard_warnings={"no_such_rule"})


def test_preset_night_cannot_be_weakened_but_may_be_widened():
    with pytest.raises(ConfigError):
        build(night_start=time(23))
    with pytest.raises(ConfigError):
        build(night_minor_age=16)
    assert build(night_start=time(20)).night_start == time(20)


@pytest.mark.parametrize("days", [0, -1, 100000])
def test_certificate_age_range(days):
    with pytest.raises(ConfigError):
        build(certificate_max_age_days=days)


def test_round_trip():
    config = build("nrw_erlass", certificate_max_age_days=30, hard_warnings={"certificate_review"})
    assert from_dict(config.to_dict()) == config
