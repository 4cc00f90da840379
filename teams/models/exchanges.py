"""The exchange log: every exchange between the member cities, recorded at team level."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import DAY_VALIDATORS, INSTANT_VALIDATORS
from common.models import Attachment, TimeStampedModel
from translations.models import Translatable
from translations.reading import text_of

HOST_CITY_NEEDED = _("Name the host city, or mark the exchange as a joint online event.")
# Past these a figure is a typing mistake (a key held down), not an exchange's: people from one city, everyone
# reached (audiences too), agreements signed at one exchange. PostgreSQL's integer ends at 2,147,483,647.
MAX_PARTICIPANTS = 1_000_000
MAX_REACHED = 100_000_000
MAX_AGREEMENTS = 1_000
currency_code = RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO currency code, e.g. USD."))


class Exchange(Translatable, TimeStampedModel):
    translated_fields = ("title", "description", "outcomes", "cancel_reason")
    history_quiet_fields = ("cancelled_at", "cancelled_by", "status_before_cancel")

    class Kind(models.TextChoices):
        DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
        FORUM = "forum", _("Forum or conference")
        BUSINESS_EVENT = "business_event", _("Business event")
        AGREEMENT = "agreement", _("Agreement signed")
        JOINT_PROJECT = "joint_project", _("Joint project")
        PERFORMANCE = "performance", _("Performance or exhibition")
        EDUCATION_EXCHANGE = "education_exchange", _("Student or teacher exchange")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.DRAFT, Status.PROPOSED, Status.PLANNED, Status.IN_PROGRESS)
    # What every "Planned" figure counts (the dashboard, the achievements report, their PDFs and charts):
    # agreed and not yet completed. A proposal is not agreed yet and a draft not even proposed; a
    # cancelled exchange will not happen. The note shown beside those figures says the same
    # (templates/includes/planned_note.html).
    PLANNED_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("team"))
    focus_area = models.ForeignKey(
        "teams.FocusArea", on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("focus area")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)

    # Written in the author's language (Translatable.language); the other languages' versions are
    # translations.Version rows.
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    # Local calendar dates of the host city; the times, where known, as UTC instants.
    starts_on = models.DateField(_("start date"), validators=DAY_VALIDATORS)
    ends_on = models.DateField(_("end date"), null=True, blank=True, validators=DAY_VALIDATORS)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, validators=INSTANT_VALIDATORS)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=INSTANT_VALIDATORS)

    host_city = models.ForeignKey(
        "council.City",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_exchanges",
        verbose_name=_("host city"),
    )
    visiting_city = models.ForeignKey(
        "council.City",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visiting_exchanges",
        verbose_name=_("visiting city"),
    )
    joint_online = models.BooleanField(_("joint online event"), default=False)
    departments = models.ManyToManyField(
        "council.Department", blank=True, related_name="exchanges", verbose_name=_("departments involved")
    )
    people = models.ManyToManyField(
        "council.Person", blank=True, related_name="exchanges", verbose_name=_("people involved")
    )
    partner_organisations = models.TextField(
        _("partner organisations"), blank=True, help_text=_("Companies, universities, agencies — one per line.")
    )

    outcomes = models.TextField(_("outcomes"), blank=True)
    agreements_signed = models.PositiveIntegerField(
        _("agreements signed"), default=0, validators=[MaxValueValidator(MAX_AGREEMENTS)]
    )
    investment_amount = models.DecimalField(
        _("investment committed"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    investment_currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[currency_code])
    participants_reached = models.PositiveIntegerField(
        _("participants reached"), null=True, blank=True, validators=[MaxValueValidator(MAX_REACHED)]
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Set by cancelling (teams.services.exchanges.cancel_exchange) and cleared by reopening; the history
    # keeps every cancellation, its reason and who reopened it.
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    # Where reopening takes it back to.
    status_before_cancel = models.CharField(
        _("status before cancelling"), max_length=16, choices=Status.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            # The exchange list's default order and its date-range filter; the dashboard's upcoming and
            # latest lists (dashboards/selectors.py upcoming_exchanges, latest_completed).
            models.Index(fields=["-starts_on", "-id"], name="exchange_start_order"),
            # The exchange list filtered by a status, in that order: walking the index above instead,
            # PostgreSQL skipped every exchange of other statuses first (EXPLAIN ANALYZE at 100,000 exchanges:
            # 8 → 0.5 ms for the completed ones). The dashboard's latest achievements use it too.
            models.Index(fields=["status", "-starts_on", "-id"], name="exchange_status_start_order"),
            # A mayor's office's briefing: what changed since its last visit (dashboards/briefing.py).
            models.Index(fields=["updated_at"], name="exchange_updated"),
            # Team pages filter by team, then status; every dashboard figure filters on the council's
            # teams, status and a date range (dashboards/selectors.py Scope.exchanges). The columns the
            # figures count and sum ride along (PostgreSQL: INCLUDE), so that PostgreSQL answers them
            # from the index alone, never reading the wide rows (make bench-dashboard: 168 → 119 ms at
            # 100,000 exchanges). The city filter uses the foreign-key indexes of host_city and
            # visiting_city.
            models.Index(
                fields=["team", "status", "starts_on"],
                include=[
                    "id",
                    "focus_area",
                    "host_city",
                    "visiting_city",
                    "agreements_signed",
                    "participants_reached",
                    "investment_amount",
                    "investment_currency",
                ],
                name="exchange_team_status",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="exchange_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(investment_amount__isnull=True) | ~Q(investment_currency=""),
                name="exchange_investment_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("teams:exchange-detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        """The title in the reader's language where a current version exists, else as written."""
        return text_of(self, "title").value

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def people_reached(self) -> int | None:
        """Everyone the exchange reached: as recorded, else its participants from each city (read from
        `participations`, which its page prefetches); `people_reached_expression()` is the same in a query."""
        if self.participants_reached is not None:
            return self.participants_reached
        return sum(participation.participants for participation in self.participations.all()) or None

    def clean(self) -> None:
        errors = {}
        if self.focus_area_id and self.team_id and self.focus_area.team_id != self.team_id:
            errors["focus_area"] = _("Choose a focus area of this exchange's team.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if not self.joint_online and not self.host_city_id:
            errors["host_city"] = HOST_CITY_NEEDED
        if self.host_city_id and self.host_city_id == self.visiting_city_id:
            errors["visiting_city"] = _("The visiting city must differ from the host city.")
        if self.investment_amount is not None and not self.investment_currency:
            errors["investment_currency"] = _("Give the currency of the investment.")
        if errors:
            raise ValidationError(errors)


class ExchangeParticipation(models.Model):
    """How many people of one member city took part."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="participations")
    city = models.ForeignKey("council.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["exchange", "city"], name="participation_once_per_city")]

    def __str__(self) -> str:
        return f"{self.city}: {self.participants}"


def attachment_path(instance: "ExchangeAttachment", filename: str) -> str:
    return f"exchanges/{instance.exchange_id}/{filename}"


class ExchangeAttachment(Attachment):
    """A file of an exchange: a programme, minutes, a signed agreement, photos."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)


def people_reached_expression(prefix: str = "") -> Coalesce:
    """ "Participants reached" as every total counts it (the dashboard, the achievements report, goals'
    progress): the figure recorded, or, left empty, the participants from each city. `prefix` reaches the
    exchange from another model ("exchange__" from a goal's links)."""
    participants = (
        ExchangeParticipation.objects.filter(exchange_id=OuterRef(f"{prefix}id"))
        .order_by()
        .values("exchange_id")
        .annotate(total=Sum("participants"))
        .values("total")
    )
    return Coalesce(f"{prefix}participants_reached", Subquery(participants))
