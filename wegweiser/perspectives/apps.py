from django.apps import AppConfig


class PerspectivesConfig(AppConfig):
    """Staying perspectives on the person page: today's assessment, what-if, snapshots."""

    name = "wegweiser.perspectives"
    label = "perspectives"
