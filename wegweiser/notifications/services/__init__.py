"""Creating and reading notifications. All writes go through these functions."""

from .delivery import mark_all_read, mark_read, notify, own_notifications, unread_count

__all__ = ["mark_all_read", "mark_read", "notify", "own_notifications", "unread_count"]
