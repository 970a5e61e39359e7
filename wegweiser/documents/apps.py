from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "wegweiser.documents"
    label = "documents"
