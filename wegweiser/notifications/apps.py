from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications for staff (and e-mail where wanted)."""

    name = "wegweiser.notifications"
    label = "notifications"
