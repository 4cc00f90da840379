"""A team's plan for one assembly cycle, with goals measured against the exchanges linked to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import LATEST_YEAR
from common.models import TimeStampedModel
from teams.models.exchanges import Exchange, currency_code
from translations.models import Translatable


class Plan(Translatable, TimeStampedModel):
    translated_fields = ("title", "summary")

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="plans", verbose_name=_("team"))
    # The year the cycle's general assembly is due (Assembly.cycle): the plan leads up to it.
    cycle = models.PositiveSmallIntegerField(_("assembly cycle"), validators=[MaxValueValidator(LATEST_YEAR)])
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    currency = models.CharField(
        _("reporting currency"),
        max_length=3,
        default="USD",
        validators=[currency_code],
        help_text=_("Investment goals are measured in this currency."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-cycle", "team__order"]
        constraints = [models.UniqueConstraint(fields=["team", "cycle"], name="plan_once_per_team_cycle")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:plan-detail", args=[self.pk])


class ExchangeRate(models.Model):
    """What one unit of `currency` is worth in the plan's reporting currency, as the plan records it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rates")
    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code])
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["plan", "currency"], name="rate_once_per_currency")]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {self.plan.currency}"


class Goal(Translatable, TimeStampedModel):
    translated_fields = ("title", "unit")

    class Metric(models.TextChoices):
        EXCHANGES = "exchanges", _("Number of exchanges")
        AGREEMENTS = "agreements", _("Agreements signed")
        INVESTMENT = "investment", _("Investment committed")
        PARTICIPANTS = "participants", _("Participants reached")
        MANUAL = "manual", _("Other figure, updated by hand")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    title = models.CharField(_("goal"), max_length=200)
    metric = models.CharField(_("measured by"), max_length=16, choices=Metric.choices)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0.01)])
    exchange_kind = models.CharField(
        _("kind of exchange counted"),
        max_length=24,
        choices=Exchange.Kind.choices,
        blank=True,
        help_text=_("For a number of exchanges: count only this kind. Leave empty to count every kind."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For a figure updated by hand."))
    exchanges = models.ManyToManyField(
        Exchange, blank=True, related_name="goals", verbose_name=_("exchanges that count toward it")
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """A goal has no page of its own: it is a card on its plan's page."""
        return f"{self.plan.get_absolute_url()}#goal-{self.pk}"

    def clean(self) -> None:
        if self.exchange_kind and self.metric != self.Metric.EXCHANGES:
            raise ValidationError({"exchange_kind": _("Only a number of exchanges can be limited to one kind.")})


class GoalUpdate(Translatable, TimeStampedModel):
    """A lead's update of a figure the system cannot compute; the latest one is the goal's progress."""

    translated_fields = ("note",)

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.TextField(_("note"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("goal update")
        verbose_name_plural = _("goal updates")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.goal}: {self.value}"
