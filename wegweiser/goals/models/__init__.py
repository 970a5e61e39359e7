"""Zielvereinbarungen (target agreements), their status history and the reminders already sent."""

from .goal import GoalStatus, ResponsibleKind, StatusChange, Zielvereinbarung
from .reminder import ReminderEvent, ReminderSent

__all__ = ["GoalStatus", "ReminderEvent", "ReminderSent", "ResponsibleKind", "StatusChange", "Zielvereinbarung"]
