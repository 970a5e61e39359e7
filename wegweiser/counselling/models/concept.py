"""The Beratungskonzept: counselling types and their topics, as versioned data each office edits.

A published version is immutable, because protocols point to its types and topics and must keep meaning what
they meant when they were written. Editing starts a new draft version (``services.concept.new_draft``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableConcept(ValidationError):
    """A published concept (or one of its types or topics) was about to be changed."""

    def __init__(self) -> None:
        super().__init__(_("Eine veröffentlichte Fassung des Beratungskonzepts kann nicht mehr geändert werden."))


class Concept(models.Model):
    version = models.PositiveIntegerField(_("Fassung"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    published = models.BooleanField(_("veröffentlicht"), default=False)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Beratungskonzept")
        verbose_name_plural = _("Beratungskonzepte")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} ({_('Fassung')} {self.version})"

    def save(self, *args, **kwargs) -> None:
        if self.pk and Concept.objects.filter(pk=self.pk, published=True).exists():
            raise ImmutableConcept()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and Concept.objects.filter(pk=self.pk, published=True).exists():
            raise ImmutableConcept()
        return super().delete(*args, **kwargs)


class _ConceptPart(models.Model):
    """Types and topics refuse changes once their concept is published."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.concept_published():
            raise ImmutableConcept()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.concept_published():
            raise ImmutableConcept()
        return super().delete(*args, **kwargs)

    def concept_published(self) -> bool:
        raise NotImplementedError


class CounsellingType(_ConceptPart):
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="types")
    key = models.SlugField(_("Schlüssel"), max_length=50)
    name_de = models.CharField(_("Bezeichnung (deutsch)"), max_length=200)
    name_en = models.CharField(_("Bezeichnung (englisch)"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Beratungsart")
        verbose_name_plural = _("Beratungsarten")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["concept", "key"], name="counselling_type_key_per_concept")]

    def __str__(self) -> str:
        return self.name_de

    def concept_published(self) -> bool:
        return Concept.objects.filter(pk=self.concept_id, published=True).exists()


class Topic(_ConceptPart):
    type = models.ForeignKey(CounsellingType, on_delete=models.CASCADE, related_name="topics")
    key = models.SlugField(_("Schlüssel"), max_length=50)
    text_de = models.CharField(_("Thema (deutsch)"), max_length=300)
    text_en = models.CharField(_("Thema (englisch)"), max_length=300)
    required = models.BooleanField(
        _("Pflichtthema"), default=False,
        help_text=_("Muss besprochen oder mit Begründung als „nicht besprochen“ vermerkt werden."),
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["type", "key"], name="counselling_topic_key_per_type")]

    def __str__(self) -> str:
        return self.text_de

    def concept_published(self) -> bool:
        return Concept.objects.filter(types__pk=self.type_id, published=True).exists()
