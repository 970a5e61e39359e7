from django.apps import AppConfig


class CommissionConfig(AppConfig):
    """Cases before the Ausländerrechtliche Beratungskommission (ABK): prepared and submitted with the person's
    consent, the commission's recommendation and the office's decision on it."""

    name = "wegweiser.commission"
    label = "commission"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .sections import commission_section

        register(commission_section)
