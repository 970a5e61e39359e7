"""The roles of Wegweiser users. One user has exactly one role; the policy module decides what it may do."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SACHBEARBEITUNG = "sachbearbeitung", _("Sachbearbeitung")
    INTEGRATIONSLOTSE = "integrationslotse", _("Integrationslotse/-lotsin")
    TEAMLEITUNG = "teamleitung", _("Teamleitung")
    KIM_FALLMANAGEMENT = "kim_fallmanagement", _("KIM-Fallmanagement (extern)")
    UNTERSTUETZENDE = "unterstuetzende", _("Unterstützende (extern)")
    BERATUNGSDIENST = "beratungsdienst", _("Beratungsdienst (extern)")
    AUSWERTUNG = "auswertung", _("Auswertung")
    DATENSCHUTZ = "datenschutz", _("Datenschutz")
    ADMINISTRATION = "administration", _("Administration")


#: Roles of people outside the office: they see personal data only where a valid consent grants it. Counselling
#: services (MBE, JMD, refugee and legal advice) have their own role: they are neither the municipal case
#: management nor volunteers, and the office wants to tell them apart in the user list and the audit trail.
EXTERNAL_ROLES = frozenset({Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE, Role.BERATUNGSDIENST})
#: Roles that work on case files.
CASE_ROLES = frozenset({Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG})
