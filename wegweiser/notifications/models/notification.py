"""A message to one staff user (e.g. "Zielvereinbarung fällig"), shown in the app and optionally e-mailed.

The text is what the sender wrote; the notification stores no further personal data. ``person`` only links
to the case file concerned so that the recipient can open it (the case file view checks and audits itself).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger/in"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    message = models.TextField(_("Nachricht"))
    url = models.CharField(_("Link"), max_length=500, blank=True)
    person = models.ForeignKey(
        "persons.Person", verbose_name=_("Person"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelesen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"Benachrichtigung {self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
