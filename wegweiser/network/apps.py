from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """The directory of counselling services, partners and volunteers, and referrals to them."""

    name = "wegweiser.network"
    label = "network"

    def ready(self) -> None:
        from wegweiser.persons.sections import register

        from .sections import referrals_section

        register(referrals_section)
