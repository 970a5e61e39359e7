from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    """The caseload dashboard of the Integrationslotsin and the Teamleitung."""

    name = "wegweiser.caseload"
    label = "caseload"
