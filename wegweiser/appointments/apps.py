from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Service orientation: the service catalogue, booking without an account, reminders, the office's day."""

    name = "wegweiser.appointments"
    label = "appointments"
    verbose_name = "Termine"
