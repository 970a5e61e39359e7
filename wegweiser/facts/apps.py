from django.apps import AppConfig


class FactsConfig(AppConfig):
    name = "wegweiser.facts"
    label = "facts"
