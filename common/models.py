"""Abstract building blocks shared by the domain apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.i18n import localized
from common.validators import validate_sendable_email


class SendableEmailField(models.EmailField):
    """An e-mail address that mail can be sent to (common.validators.validate_sendable_email). Its check
    takes the place of EmailField's own, which it includes: with both, a bad address is refused twice."""

    default_validators = [validate_sendable_email]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedNameModel(TimeStampedModel):
    """A name stored in each interface language; `name` reads the reader's, falling back to English."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Attachment(TimeStampedModel):
    """A file kept in the file storage (MEDIA_ROOT or the bucket of MEDIA_STORAGE_URL) and served only
    through a view that checks the reader's right, by streaming it (never by the storage's own address).

    A concrete attachment adds the foreign key to what it belongs to and its own `file` field (for
    its folder in the storage).
    """

    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ChangeToken(models.Model):
    """A random token renewed whenever the records it watches change (common.change_tokens): what the
    caches of figures computed from those records are keyed by, so that a change makes them unreachable."""

    name = models.CharField(primary_key=True, max_length=40)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("change token")

    def __str__(self) -> str:
        return self.name
