from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "wegweiser.persons"
    label = "persons"
