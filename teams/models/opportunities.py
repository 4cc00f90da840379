"""Cooperation potential: ideas for exchanges, from identification to an exchange or a reasoned drop."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.models import TimeStampedModel
from translations.models import Translatable


class Opportunity(Translatable, TimeStampedModel):
    translated_fields = ("title", "description", "dropped_reason")
    history_quiet_fields = ("dropped_at", "dropped_by")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        BECAME_EXCHANGE = "became_exchange", _("Became an exchange")
        DROPPED = "dropped", _("Dropped")

    team = models.ForeignKey(
        "teams.Team", on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("team")
    )
    focus_area = models.ForeignKey(
        "teams.FocusArea", on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("focus area")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        "council.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposing_city = models.ForeignKey(
        "council.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("proposing city")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED)
    exchange = models.OneToOneField(
        "teams.Exchange",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunity",
        verbose_name=_("exchange"),
    )
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    dropped_at = models.DateTimeField(_("dropped at"), null=True, blank=True)
    dropped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dropped by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["team__order", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:opportunity-detail", args=[self.pk])
