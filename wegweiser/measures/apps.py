from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Measures ending a stay: plans under the office's safeguards, four-eyes approval, the execution log."""

    name = "wegweiser.measures"
    label = "measures"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .sections import measures_section

        register(measures_section)
