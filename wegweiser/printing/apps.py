from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """PDF documents for the person (WeasyPrint), in German and in the person's language."""

    name = "wegweiser.printing"
    label = "printing"
