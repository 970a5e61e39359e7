from django.apps import AppConfig


class GoalsConfig(AppConfig):
    """Zielvereinbarungen (target agreements) with their status history, reviews and reminders."""

    name = "wegweiser.goals"
    label = "goals"
