"""Uploaded documents, stored outside the web root and served only through audited views."""

import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
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


class DocumentOrigin(models.TextChoices):
    """Who brought the document in: the office itself, or an external partner (with the person's consent)."""

    OFFICE = "office", _("Behörde")
    PARTNER = "partner", _("Partner")


class DocumentReview(models.TextChoices):
    """Whether staff have checked a document. The office's own uploads need no check; a partner's do."""

    NOT_NEEDED = "not_needed", _("keine Prüfung nötig")
    PENDING = "pending", _("von Partner eingereicht – noch nicht geprüft")
    VERIFIED = "verified", _("geprüft")
    REJECTED = "rejected", _("zurückgewiesen")


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
    origin = models.CharField(_("Herkunft"), max_length=16, choices=DocumentOrigin.choices,
                              default=DocumentOrigin.OFFICE)
    review = models.CharField(_("Prüfung"), max_length=16, choices=DocumentReview.choices,
                              default=DocumentReview.NOT_NEEDED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)

    category = "documents"

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def from_partner(self) -> bool:
        return self.origin == DocumentOrigin.PARTNER

    @property
    def storage_path(self) -> Path:
        """Where the bytes are: PRIVATE_MEDIA_ROOT/<first two hex digits>/<uuid>; never the user's file name."""
        return storage_path_for(self.storage_key)

    @property
    def download_name(self) -> str:
        """The original name, with the extension of the checked type (a renamed file gets its real one)."""
        from .checks import ALLOWED_TYPES

        extension = ALLOWED_TYPES.get(self.content_type, "")
        stem = PurePath(self.original_name or "dokument").stem or "dokument"
        suffix = PurePath(self.original_name).suffix.lower()
        if suffix in (extension, ".jpeg" if extension == ".jpg" else extension):
            return self.original_name
        return f"{stem}{extension}"

    def clean(self) -> None:
        """A document may only prove a fact of its own person (guards against tampered form posts)."""
        super().clean()
        if self.fact_type_id is None and self.fact_id is None:
            return
        model = self.fact_type.model_class() if self.fact_type_id else None
        from wegweiser.facts.registry import BY_MODEL

        if model not in BY_MODEL or self.fact_id is None:
            raise ValidationError({"fact_id": _("Dieser Eintrag kann nicht mit einem Dokument verknüpft werden.")})
        if not model.objects.filter(pk=self.fact_id, person_id=self.person_id).exists():
            raise ValidationError({"fact_id": _("Der gewählte Eintrag gehört nicht zu dieser Person.")})


def storage_path_for(key: uuid.UUID) -> Path:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return root / key.hex[:2] / str(key)
