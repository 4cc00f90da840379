"""The council's texts in every council language: versions, and the sign-offs that make one official.

A record keeps what its writer wrote in its own columns, with the language it was written in
(`Translatable.language`). Each other language's version is a row of `Version`, keyed by the record,
the field and the language. A version remembers the source it was made from: when the record's text
changes, by a form, the admin or an import alike, the version no longer matches and reads as outdated;
nothing has to remember to mark it. A sign-off remembers the source and the text it approved, and is
valid only while both still read so.

Why a table of versions rather than a column per language (django-modeltranslation) or django-parler:
each version carries who wrote it, when, from which source and who signed it off, which columns could
not hold; one table serves every model, so a new translatable field needs no migration of its own; and
the translation desk lists what is missing across all models with one query per model.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Keyed(models.Model):
    """A row about one field of one record in one language."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        abstract = True


class Version(Keyed):
    text = models.TextField(_("translation"))
    # The source as it read when this version was written: a different source now means outdated,
    # and the difference between the two is what the translator has to carry over.
    source_text = models.TextField(_("source it translates"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    written_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="version_once_per_language"
            )
        ]
        indexes = [models.Index(fields=["content_type", "field", "language"], name="version_queue")]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]"


class SignOff(Keyed):
    """A text made official in one language by someone who may speak for it."""

    source_text = models.TextField(_("source signed"))
    text = models.TextField(_("text signed"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("signed by")
    )
    signed_at = models.DateTimeField(_("signed"))

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="sign_off_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]"


# Where translations.reading keeps a record's loaded versions: a plain list. Django's own prefetch cache
# would build a queryset per record (~0.3 ms each: a page of 25 exchanges spent more on that than on the query).
LOADED_VERSIONS = "loaded_versions"


class Translatable(models.Model):
    """A record whose texts are read in every council language.

    A concrete model names its texts in `translated_fields`, and among them the texts that become
    official by sign-off in `official_fields`.
    """

    translated_fields: tuple[str, ...] = ()
    official_fields: tuple[str, ...] = ()

    language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES, default="en")
    versions = GenericRelation(Version)
    sign_offs = GenericRelation(SignOff)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        if self.official_fields:
            self.drop_stale_sign_offs()

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None:  # as Django forgets the relations it prefetched
            self.__dict__.pop(LOADED_VERSIONS, None)

    def drop_stale_sign_offs(self) -> None:
        """A signed-off text that changed is official in no language any more, even if changed back."""
        changed = Q()
        for name in self.official_fields:
            changed |= Q(field=name) & ~Q(source_text=getattr(self, name))
        self.sign_offs.filter(changed).delete()
