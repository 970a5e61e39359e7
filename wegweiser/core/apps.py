from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wegweiser.core"
    label = "core"

    def ready(self) -> None:
        # Make the project's Celery app the current app in every Django process (it is not created on
        # ``import wegweiser`` any more, so that wegweiser.rules stays free of Django).
        from wegweiser import celery  # noqa: F401
