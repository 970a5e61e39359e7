from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Screening the whole caseload against the rules engine, and the worklists built on its results."""

    name = "wegweiser.screening"
    label = "screening"
