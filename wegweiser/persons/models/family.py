"""Family relations and households."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Household(models.Model):
    """People who live together (Haushalt / Bedarfsgemeinschaft in practice)."""

    address = models.TextField(_("Anschrift"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Haushalt")
        verbose_name_plural = _("Haushalte")


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("Ehegatte/Ehegattin")
    PARTNER = "partner", _("Lebenspartner/-in")
    PARENT = "parent", _("Elternteil von")


class FamilyRelation(models.Model):
    """A relation from ``person`` to ``relative``. For PARENT, ``person`` is the parent of ``relative``."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="relations_out")
    relative = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("Beziehung"), max_length=16, choices=RelationKind.choices)
    has_custody = models.BooleanField(
        _("personensorgeberechtigt"), null=True, blank=True,
        help_text=_("Nur bei Eltern: hat dieser Elternteil die Personensorge? Leer = unbekannt."),
    )
    since = models.DateField(_("seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Familienbeziehung")
        verbose_name_plural = _("Familienbeziehungen")
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "kind"], name="unique_family_relation"),
            models.CheckConstraint(condition=~models.Q(person=models.F("relative")), name="relation_not_self"),
        ]
