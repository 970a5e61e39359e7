"""How goals read on a page: status with an overdue marker, who is responsible, what differs after a stale edit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import GoalForm
from .models import ResponsibleKind, Zielvereinbarung
from .services.agreements import GOAL_FIELDS


def goal_rows(goals: Iterable[Zielvereinbarung]) -> list[dict[str, Any]]:
    """One row per goal; ``overdue`` and ``review_due`` only for open goals (never shown by colour alone)."""
    today = timezone.localdate()
    rows = []
    for goal in goals:
        rows.append({
            "goal": goal,
            "status_label": goal.get_status_display(),
            "overdue": goal.is_open and goal.due_date is not None and goal.due_date < today,
            "review_due": goal.is_open and goal.next_review is not None and goal.next_review <= today,
        })
    return rows


def responsible_label(goal: Zielvereinbarung) -> str:
    """"Partnerorganisation: Beratungsstelle Nord (Konto: …)" — kind, name and account where given."""
    parts = [str(ResponsibleKind(goal.responsible_kind).label)]
    if goal.responsible_name:
        parts.append(goal.responsible_name)
    label = ": ".join(parts)
    if goal.responsible_user_id:
        user = goal.responsible_user
        label += " " + _("(Konto: %(name)s)") % {"name": user.get_full_name() or user.get_username()}
    return label


def _display(form: GoalForm, name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    field = form.fields[name]
    if hasattr(field, "queryset"):
        obj = field.queryset.filter(pk=getattr(value, "pk", value)).first()
        return str(obj) if obj else "–"
    for key, label in getattr(field, "choices", ()):
        if str(key) == str(value):
            return str(label)
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def conflicts(form: GoalForm, stored: dict[str, Any]) -> list[dict[str, Any]]:
    """Fields where the stored state (saved by someone else) differs from what this user typed."""
    rows = []
    for name in GOAL_FIELDS:
        if form.fields[name].widget.is_hidden:
            continue
        typed = form.cleaned_data.get(name)
        typed_key = getattr(typed, "pk", typed)
        stored_value = stored.get(name)
        if (typed_key or None) != (stored_value or None) and str(typed_key or "") != str(stored_value or ""):
            rows.append({"label": form.fields[name].label, "field": form[name],
                         "stored": _display(form, name, stored_value), "typed": _display(form, name, typed)})
    return rows
