"""The general assembly, held every N years in each member city in turn.

The scheduler that computes sequence, cycle and host lives in services.py; other parts speak of
"the current cycle" through cycles.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import INSTANT_VALIDATORS, LATEST_YEAR
from common.models import TimeStampedModel
from translations.models import Translatable


class Assembly(Translatable, TimeStampedModel):
    translated_fields = ("venue", "minutes")
    official_fields = ("minutes",)

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="assemblies", verbose_name=_("council")
    )
    sequence = models.PositiveSmallIntegerField(_("number"))
    cycle = models.PositiveSmallIntegerField(_("cycle (year due)"), validators=[MaxValueValidator(LATEST_YEAR)])
    host_city = models.ForeignKey(
        "council.City", on_delete=models.PROTECT, related_name="hosted_assemblies", verbose_name=_("host city")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, validators=INSTANT_VALIDATORS)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=INSTANT_VALIDATORS)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    attendees = models.ManyToManyField(
        "council.Person", blank=True, related_name="assemblies_attended", verbose_name=_("attendees")
    )
    minutes = models.TextField(_("minutes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")
        ordering = ["council", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["council", "sequence"], name="assembly_sequence_unique"),
            # One assembly per cycle; a cancelled one leaves its cycle free.
            models.UniqueConstraint(
                fields=["council", "cycle"], condition=~Q(status="cancelled"), name="assembly_one_per_cycle"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False, ends_at__gte=models.F("starts_at")),
                name="assembly_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("General assembly no. %(sequence)s (%(cycle)s)") % {"sequence": self.sequence, "cycle": self.cycle}
        )

    def get_absolute_url(self) -> str:
        return reverse("assemblies:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Still to come: it can be prepared, moved or cancelled."""
        return self.status in (self.Status.PLANNED, self.Status.CONFIRMED, self.Status.POSTPONED)

    @property
    def cancellation(self) -> "ScheduleChange | None":
        """The schedule change that cancelled it, with its reason: from the changes loaded with it."""
        if self.status != self.Status.CANCELLED:
            return None
        found = [change for change in self.schedule_changes.all() if change.kind == ScheduleChange.Kind.CANCELLED]
        return max(found, key=lambda change: (change.created_at, change.pk), default=None)

    @property
    def can_be_confirmed(self) -> bool:
        """Its date and venue are set: what confirming agrees with the host city (services.confirm_assembly)."""
        return self.starts_at is not None and bool(self.venue)


class ScheduleChange(Translatable, TimeStampedModel):
    """A deliberate change to the computed schedule, with the written reason the secretariat gave.

    The reason is read by the other city: it is written in its writer's language and translated at the
    translation desk like the council's other texts.
    """

    translated_fields = ("reason",)

    class Kind(models.TextChoices):
        POSTPONED = "postponed", _("Postponed")
        HOST_OVERRIDE = "host_override", _("Host changed")
        DATE_OVERRIDE = "date_override", _("Date outside its cycle")
        CANCELLED = "cancelled", _("Cancelled")

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="schedule_changes")
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    before = models.CharField(_("before"), max_length=200, blank=True)
    after = models.CharField(_("after"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assembly} · {self.get_kind_display()}"


class AgendaItem(Translatable, TimeStampedModel):
    translated_fields = ("title",)
    official_fields = ("title",)

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=300)
    presenter = models.ForeignKey(
        "council.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("presenter"),
    )  # fmt: skip
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("team")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["assembly", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Resolution(Translatable, TimeStampedModel):
    """What the assembly decided, to adjust the direction of future exchanges."""

    translated_fields = ("text",)
    official_fields = ("text",)

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text = models.TextField(_("resolution"))
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions",
        verbose_name=_("team concerned"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["assembly", "number"]
        constraints = [models.UniqueConstraint(fields=["assembly", "number"], name="resolution_number_unique")]

    def __str__(self) -> str:
        return str(_("Resolution %(number)s") % {"number": self.number})


class CalendarFeed(TimeStampedModel):
    """A person's secret address for the iCalendar feed: calendar apps cannot sign in.

    The token itself is never stored: it is derived from the nonce with the SECRET_KEY
    (assemblies.calendar_tokens), so the page can show it again, while a copy of the database alone
    opens no one's calendar.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    # Random, per feed; a new one is a new address (reset).
    nonce = models.CharField(_("nonce"), max_length=64)
    # SHA-256 of the token, in hex. Looked up on every calendar-app poll: unique, so indexed.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(_("Calendar feed of %(user)s") % {"user": self.user})


class AchievementsInput(TimeStampedModel):
    """A team has marked its contribution to an assembly's achievements report ready.

    The row exists while the input is ready; reopening deletes it. Reminders to the team's leads stop
    once it exists, and the dashboard shows which teams are ready.
    """

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="inputs_ready")
    team = models.ForeignKey(
        "teams.Team", on_delete=models.CASCADE, related_name="achievements_inputs", verbose_name=_("team")
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("marked by")
    )

    class Meta:
        verbose_name = _("achievements input")
        verbose_name_plural = _("achievements inputs")
        constraints = [models.UniqueConstraint(fields=["assembly", "team"], name="achievements_input_once")]

    def __str__(self) -> str:
        return f"{self.assembly} · {self.team}"
