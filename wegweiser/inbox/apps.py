from django.apps import AppConfig


class InboxConfig(AppConfig):
    """What external partners submit about a consenting person (evidence, messages) and the staff inbox that
    verifies, rejects or answers it. Every partner action asks the policy with the person and the category."""

    name = "wegweiser.inbox"
    label = "inbox"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .sections import inbox_section

        register(inbox_section)
