from django.apps import AppConfig


class GoalsConfig(AppConfig):
    """Zielvereinbarungen (target agreements) with their status history, reviews and reminders."""

    name = "wegweiser.goals"
    label = "goals"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from . import receivers  # noqa: F401  (connects to fact and residence changes)
        from .sections import goals_section

        register(goals_section)
