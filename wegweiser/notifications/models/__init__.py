"""In-app notifications for staff."""

from .notification import Notification

__all__ = ["Notification"]
