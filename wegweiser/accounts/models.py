"""User accounts and teams."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import EXTERNAL_ROLES, Role


class Team(models.Model):
    """An organisational unit of the office (e.g. "Team 2, Familiennamen L–R")."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    description = models.CharField(_("Beschreibung"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. The role decides what the policy module allows."""

    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    team = models.ForeignKey(
        Team, verbose_name=_("Team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    organisation = models.CharField(
        _("Organisation"), max_length=200, blank=True, help_text=_("Bei externen Konten: die Organisation.")
    )

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")

    @property
    def is_external(self) -> bool:
        return self.role in EXTERNAL_ROLES

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
