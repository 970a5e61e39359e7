from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "wegweiser.documents"
    label = "documents"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the file clean-up)
