"""Free-text notes in a case file.

A note is a record of what someone wrote at a given time; it is never changed afterwards (a correction is a
new note), so that the file shows who knew what when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Note(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("Notiz"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Notiz")
        verbose_name_plural = _("Notizen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Notiz {self.pk} ({self.created_at:%d.%m.%Y %H:%M})" if self.created_at else "Notiz"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Notes are immutable once written.")
        super().save(*args, **kwargs)
