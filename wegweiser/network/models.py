"""The network directory: organisations and people the office works with, and referrals to them.

Entries are deactivated, never deleted: consents and referrals point to them and must stay readable.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    KOMMUNALES_INTEGRATIONSZENTRUM = "kommunales_integrationszentrum", _("Kommunales Integrationszentrum")
    KIM_FALLMANAGEMENT = "kim_fallmanagement", _("KIM-Fallmanagement")
    MBE = "mbe", _("Migrationsberatung für Erwachsene (MBE)")
    JMD = "jmd", _("Jugendmigrationsdienst (JMD)")
    FLUECHTLINGSBERATUNG = "fluechtlingsberatung", _("Flüchtlingsberatung")
    RECHTSBERATUNG = "rechtsberatung", _("Rechtsberatung")
    SPRACHKURSTRAEGER = "sprachkurstraeger", _("Sprachkursträger")
    JOBCENTER = "jobcenter", _("Jobcenter")
    AGENTUR_FUER_ARBEIT = "agentur_fuer_arbeit", _("Agentur für Arbeit")
    EHRENAMT = "ehrenamt", _("Ehrenamt")
    BERATUNGSKOMMISSION = "beratungskommission", _("Ausländerrechtliche Beratungskommission (ABK)")
    SONSTIGE = "sonstige", _("Sonstige")


class Organisation(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=40, choices=OrganisationKind.choices)
    # ISO 639-1 codes of the languages counselling is offered in; topic keys from wegweiser.network.topics.
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    topics = models.JSONField(_("Themen"), default=list, blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=64, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person in the network; a volunteer may stand alone, without an organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="contacts",
    )
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=64, blank=True)
    # The external log-in of this person (Unterstützende, KIM-Fallmanagement, Beratungsdienst).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzerkonto"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="network_contact",
    )
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"{self.name} ({self.organisation.name})"
        return self.name


class Referral(models.Model):
    """The office sent a person to an organisation (or one of its people) for help with something."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.PROTECT, related_name="referrals"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("Kontaktperson"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals",
    )
    reason = models.TextField(_("Anlass"))
    # The counselling in which the referral was agreed, if any (a referral "from a protocol").
    protocol = models.ForeignKey(
        "counselling.Protocol", verbose_name=_("Beratungsprotokoll"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="referrals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} → {self.organisation}"
