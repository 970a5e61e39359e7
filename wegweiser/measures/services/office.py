"""The office's safeguard setting (one row) and the config a plan is judged by."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import OfficeSafeguardPolicy
from ..safeguards import ConfigError, SafeguardConfig, build
from .common import PURPOSE


def office_policy() -> OfficeSafeguardPolicy:
    return OfficeSafeguardPolicy.objects.get_or_create(id=1)[0]


def current_config() -> SafeguardConfig:
    """The office's validated config (the shipped Unna default until the office changes it)."""
    row = office_policy()
    return build(row.preset, certificate_max_age_days=row.certificate_max_age_days, hard_warnings=row.hard_warnings)


def set_office_policy(user: Any, *, preset: str, certificate_max_age_days: int, hard_warnings: list[str],
                      expected_version: int, soft_rules: list[str] | None = None) -> OfficeSafeguardPolicy:
    """Change the office setting (Teamleitung: MEASURE_APPROVE). Refuses a hard rule made soft, unknown rules,
    out-of-range ages; ``soft_rules`` exists only so that such a request is refused, never silently dropped."""
    policy.require(user, Action.MEASURE_APPROVE)
    try:
        config = build(preset, certificate_max_age_days=certificate_max_age_days, hard_warnings=hard_warnings,
                       soft_rules=soft_rules or [])
    except (ConfigError, TypeError, ValueError) as exc:
        raise ValidationError(_("Diese Einstellung ist nicht zulässig: %(error)s. Harte Schutzregeln können nicht "
                                "abgeschwächt werden.") % {"error": exc}, code="invalid_config") from exc
    with transaction.atomic():
        row = office_policy()
        row = OfficeSafeguardPolicy.objects.select_for_update().get(pk=row.pk)
        if row.version != expected_version:
            raise ValidationError(_("Die Einstellung wurde inzwischen geändert. Bitte neu laden."), code="stale")
        before = current_config().to_dict()
        row.preset, row.certificate_max_age_days = config.preset, config.certificate_max_age_days
        row.hard_warnings = sorted(config.hard_warnings)
        row.version += 1
        row.updated_by = user
        row.save()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, obj=row,
               details={"before": before, "after": config.to_dict()})
    return row
