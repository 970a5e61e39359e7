from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Service orientation: the service catalogue, booking without an account, reminders, the office's day."""

    name = "wegweiser.appointments"
    label = "appointments"
    verbose_name = "Termine"

    def ready(self) -> None:
        from wegweiser.persons.sections import register
        from wegweiser.persons.signals import residence_changed

        from . import tasks_invitations, tasks_lottery  # noqa: F401 - registers the jobs (autodiscovery finds tasks.py only)
        from .sections import appointments_section
        from .services.invitations import on_residence_changed

        register(appointments_section)
        residence_changed.connect(on_residence_changed, dispatch_uid="appointments.close_when_granted")
