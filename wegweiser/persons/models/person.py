"""The person at the centre of a case file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.core.partial_dates import PartialDateField


class Sex(models.TextChoices):
    """Sex as recorded in the passport or civil status documents."""

    FEMALE = "f", _("weiblich")
    MALE = "m", _("männlich")
    DIVERSE = "d", _("divers")
    UNSPECIFIED = "x", _("ohne Angabe (X)")


class Person(models.Model):
    file_number = models.CharField(_("Aktenzeichen"), max_length=32, unique=True)
    family_name = models.CharField(_("Familienname (laut Pass)"), max_length=200)
    given_names = models.CharField(_("Vornamen (laut Pass)"), max_length=200, blank=True)
    family_name_latin = models.CharField(
        _("Familienname (lateinische Umschrift)"), max_length=200, blank=True,
        help_text=_("Umschrift, wenn der Pass eine andere Schrift verwendet."),
    )
    given_names_latin = models.CharField(_("Vornamen (lateinische Umschrift)"), max_length=200, blank=True)
    birth_name = models.CharField(_("Geburtsname"), max_length=200, blank=True)
    birth_date = PartialDateField(_("Geburtsdatum"), null=True, blank=True)
    birth_place = models.CharField(_("Geburtsort"), max_length=200, blank=True)
    birth_country = models.CharField(_("Geburtsland"), max_length=16, blank=True)
    sex = models.CharField(_("Geschlecht (laut Dokument)"), max_length=1, choices=Sex.choices, blank=True)
    letter_language = models.CharField(
        _("Sprache für Schreiben"), max_length=8, blank=True, help_text=_("ISO-639-1-Code, z. B. ar, fa, uk")
    )
    address = models.TextField(_("Anschrift"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=64, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("Team"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="persons",
    )
    household = models.ForeignKey(
        "persons.Household", verbose_name=_("Haushalt"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="members",
    )
    # Normalised, transliterated name tokens for search ("mohammed alhassan ..."); maintained by services.
    lotse = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Integrationslotse/-lotsin"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="accompanied_persons",
        help_text=_("Begleitet die Person auf dem Weg zu einem gesicherten Aufenthalt."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    # Phonetic codes (Kölner Phonetik) of the name tokens, space separated, for typo-tolerant search.
    search_phonetic = models.TextField(editable=False, blank=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["family_name", "given_names"]
        indexes = [models.Index(fields=["birth_date"]), models.Index(fields=["family_name_latin"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.file_number})"

    @property
    def display_name(self) -> str:
        family = self.family_name_latin or self.family_name
        given = self.given_names_latin or self.given_names
        return f"{family}, {given}" if given else family


class Nationality(models.Model):
    """One nationality of a person: an ISO 3166-1 alpha-2 code, or stateless / unclear."""

    STATELESS = "XX"  # ICAO 9303 uses XXA; we store our own marker
    UNCLEAR = "XU"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nationalities")
    code = models.CharField(_("Staatsangehörigkeit"), max_length=2)
    since = models.DateField(_("seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Staatsangehörigkeit")
        verbose_name_plural = _("Staatsangehörigkeiten")
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="unique_nationality_per_person")]


class PersonLanguage(models.Model):
    """A language the person speaks (ISO 639-1 or 639-3 code)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("Sprache"), max_length=8)
    is_native = models.BooleanField(_("Muttersprache"), default=False)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="unique_language_per_person")]
