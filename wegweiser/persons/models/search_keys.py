"""Indexed search keys for the person search (filled by ``wegweiser.persons.search``).

Two tables keep the search fast at 100 000 persons without scanning them:

* ``SearchToken`` -- the vocabulary: each distinct name token once, with its phonetic code, spelling shape,
  vowel-less skeleton and reversed spelling, each indexed. Fuzzy look-ups (equal codes, prefix ranges) run
  here, on some ten thousand distinct names instead of on every person.
* ``PersonNameKey`` -- one row per (person, token), indexed by token, to go from matching tokens to persons.

Rows are derived data: ``search.rebuild_search_keys`` can recreate them at any time from ``Person.search_text``.
"""

from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class SearchToken(models.Model):
    """One distinct normalised name token and the keys the search looks it up by."""

    token = models.CharField(max_length=64, unique=True)
    phonetic = models.CharField(max_length=64, db_index=True)  # Kölner Phonetik
    shape = models.CharField(max_length=64, db_index=True)  # consonant frame, vowel runs as "*"
    skeleton = models.CharField(max_length=64, db_index=True)  # phonetic code without vowels
    reversed_token = models.CharField(max_length=64, db_index=True)  # for suffix (front-typo) ranges

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")

    def __str__(self) -> str:
        return self.token


class PersonNameKey(models.Model):
    """A person has this name token (derived from ``Person.search_text``)."""

    # The unique constraint below starts with person and serves deletes by person; no extra FK index.
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="name_keys",
                               db_index=False)
    token = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Namensschlüssel")
        verbose_name_plural = _("Namensschlüssel")
        constraints = [models.UniqueConstraint(fields=["person", "token"], name="unique_person_name_key")]
        indexes = [models.Index(fields=["token", "person"], name="person_name_key_token")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.token}"


@receiver(post_save, sender="persons.Person", dispatch_uid="persons_search_keys_on_create")
def _keys_for_new_person(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new person gets its search keys when first saved (``update_search_fields`` needs a primary key).

    If the creator did not fill ``search_text`` the fields are computed here, so no person is unfindable.
    """
    if not created:
        return
    from wegweiser.persons import search

    if not instance.search_text:
        text, phonetic = search.compute_search_fields(*search.person_names(instance))
        if text:
            sender.objects.filter(pk=instance.pk).update(search_text=text, search_phonetic=phonetic)
            instance.search_text, instance.search_phonetic = text, phonetic
    search.sync_search_keys(instance)
