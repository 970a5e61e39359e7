"""Uploaded documents, stored outside the web root and served only through audited views."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Pass / Passersatz")
    CERTIFICATE = "certificate", _("Zeugnis / Zertifikat")
    CONTRACT = "contract", _("Arbeits- / Ausbildungsvertrag")
    CIVIL_STATUS = "civil_status", _("Personenstandsurkunde")
    MEDICAL = "medical", _("ärztliche Bescheinigung")
    LETTER = "letter", _("Schreiben")
    OTHER = "other", _("sonstiges")


class Document(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="documents")
    # Optional link to the fact the document proves (e.g. a language certificate).
    fact_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    fact_id = models.PositiveBigIntegerField(null=True, blank=True)
    fact = GenericForeignKey("fact_type", "fact_id")
    kind = models.CharField(_("Art"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    original_name = models.CharField(_("ursprünglicher Dateiname"), max_length=255)
    storage_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    category = "documents"

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at"]
