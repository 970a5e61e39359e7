from django.apps import AppConfig


class CounsellingConfig(AppConfig):
    """Counselling: the office's versioned Beratungskonzept and the protocols written under it."""

    name = "wegweiser.counselling"
    label = "counselling"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed

        from wegweiser.persons.sections import register

        from .models import Protocol
        from .models.protocol import refuse_m2m_on_final
        from .sections import counselling_section

        for through in (Protocol.topics_covered.through, Protocol.supporters.through):
            m2m_changed.connect(refuse_m2m_on_final, sender=through, dispatch_uid=f"counselling-final-{through}")
        register(counselling_section)
