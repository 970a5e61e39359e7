from django.apps import AppConfig


class ConsentConfig(AppConfig):
    """Releases from confidentiality (Einwilligung / Entbindung von der Schweigepflicht) and the pages of the
    external accounts they open. The policy module asks ``services.grants`` for every external read."""

    name = "wegweiser.consent"
    label = "consent"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .sections import consents_section

        register(consents_section)
