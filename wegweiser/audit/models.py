"""The audit trail: append-only and hash-chained.

Each entry stores the hash of its predecessor and its own hash over its content, so that any change or
deletion of an earlier entry breaks the chain at a point ``verify_chain`` can name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Angesehen")
    SEARCH = "search", _("Gesucht")
    CREATE = "create", _("Angelegt")
    CHANGE = "change", _("Geändert")
    DELETE = "delete", _("Gelöscht")
    EXPORT = "export", _("Exportiert")
    DOWNLOAD = "download", _("Heruntergeladen")
    LOGIN = "login", _("Angemeldet")
    LOGIN_FAILED = "login_failed", _("Anmeldung fehlgeschlagen")
    LOGOUT = "logout", _("Abgemeldet")
    DENIED = "denied", _("Zugriff verweigert")


class AuditEntry(models.Model):
    """One line of the audit trail. Never updated, never deleted (enforced in code and by DB triggers)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    actor_id = models.BigIntegerField(_("Benutzer-ID"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("Benutzername"), max_length=150, blank=True)
    actor_role = models.CharField(_("Rolle"), max_length=32, blank=True)
    action = models.CharField(_("Aktion"), max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("Objektart"), max_length=64, blank=True)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    person_id = models.BigIntegerField(_("Person-ID"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("Zweck"), max_length=200)
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")


class AuditChainHead(models.Model):
    """A single row locked while appending, so that concurrent writers chain one after the other."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    last_id = models.BigIntegerField(default=0)
