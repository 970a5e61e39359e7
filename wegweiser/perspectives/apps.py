from django.apps import AppConfig


class PerspectivesConfig(AppConfig):
    """Staying perspectives on the person page: today's assessment, what-if, snapshots."""

    name = "wegweiser.perspectives"
    label = "perspectives"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .panel import perspectives_section

        register(perspectives_section)
