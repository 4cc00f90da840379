"""The secretariat's desk: correspondence between the cities, action items, the agreements register."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import DAY_VALIDATORS, INSTANT_VALIDATORS
from common.models import Attachment, TimeStampedModel
from translations.models import Translatable
from translations.reading import text_of


class Correspondence(Translatable, TimeStampedModel):
    """One communication between the cities; a reply links to what it answers."""

    translated_fields = ("subject", "summary", "withdrawn_reason")
    history_quiet_fields = ("withdrawn_at", "withdrawn_by")

    class Channel(models.TextChoices):
        LETTER = "letter", _("Official letter")
        EMAIL = "email", _("E-mail")
        VIDEO_CALL = "video_call", _("Video call")
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="correspondence", verbose_name=_("council")
    )
    # The reference the secretariat gives, e.g. SEL-BJS-2026-014: gap-free per council and year.
    reference = models.CharField(_("reference"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    sent_at = models.DateTimeField(_("date and time"), validators=INSTANT_VALIDATORS)
    from_city = models.ForeignKey("council.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("from"))
    to_city = models.ForeignKey("council.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    people = models.ManyToManyField(
        "council.Person", blank=True, related_name="correspondence", verbose_name=_("people on each side")
    )
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="correspondence",
        verbose_name=_("team concerned"),
    )  # fmt: skip
    exchange = models.ForeignKey(
        "teams.Exchange", null=True, blank=True, on_delete=models.SET_NULL, related_name="correspondence",
        verbose_name=_("related exchange"),
    )  # fmt: skip
    assembly = models.ForeignKey(
        "assemblies.Assembly", null=True, blank=True, on_delete=models.SET_NULL, related_name="correspondence",
        verbose_name=_("related assembly"),
    )  # fmt: skip
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies", verbose_name=_("in reply to")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # A communication logged in error is withdrawn, never deleted: its reference number was given and may
    # be quoted, and the numbers of a year stay gap-free (secretariat.services.correspondence).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("withdrawn by"),
    )  # fmt: skip
    withdrawn_reason = models.TextField(_("reason for withdrawing"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correspondence")
        verbose_name_plural = _("correspondence")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "reference"], name="correspondence_reference_unique"),
            models.UniqueConstraint(fields=["council", "year", "number"], name="correspondence_number_unique"),
            models.CheckConstraint(condition=~Q(from_city=models.F("to_city")), name="correspondence_two_cities"),
        ]
        indexes = [
            # The correspondence list's default order and its period filter.
            models.Index(fields=["council", "-sent_at"], name="correspondence_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("secretariat:correspondence-detail", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ReferenceCounter(models.Model):
    """The last reference number given per council and year; locked while the next one is taken."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "year"], name="reference_counter_once_per_year")]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}: {self.last_number}"


def correspondence_attachment_path(instance: "CorrespondenceAttachment", filename: str) -> str:
    return f"correspondence/{instance.correspondence_id}/{filename}"


class CorrespondenceAttachment(Attachment):
    """A file of a communication: the letter itself, minutes of a call."""

    correspondence = models.ForeignKey(Correspondence, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=correspondence_attachment_path)


class Agreement(Translatable, TimeStampedModel):
    """The founding MOU and every later agreement between the cities or their departments."""

    translated_fields = ("title",)
    official_fields = ("title",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        UNDER_REVIEW = "under_review", _("Under review")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="agreements", verbose_name=_("council")
    )
    title = models.CharField(_("title"), max_length=300)
    parties = models.TextField(_("parties"), help_text=_("One per line."))
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=DAY_VALIDATORS)
    signed_place = models.CharField(_("signed at"), max_length=200, blank=True)
    signatories = models.TextField(_("signatories"), blank=True, help_text=_("One per line."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    review_on = models.DateField(_("review date"), null=True, blank=True, validators=DAY_VALIDATORS)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True, validators=DAY_VALIDATORS)
    document = models.FileField(_("signed document"), upload_to="agreements/", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return text_of(self, "title").value

    def get_absolute_url(self) -> str:
        return reverse("secretariat:agreement-detail", args=[self.pk])


class Commitment(Translatable, TimeStampedModel):
    """A clause of an agreement that promises something, owned by a team and carried out by exchanges."""

    translated_fields = ("text",)
    official_fields = ("text",)

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    clause = models.CharField(_("clause"), max_length=40, blank=True, help_text=_("e.g. Art. 3"))
    text = models.TextField(_("commitment"))
    owner_team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments",
        verbose_name=_("owner team"),
    )  # fmt: skip
    exchanges = models.ManyToManyField(
        "teams.Exchange", blank=True, related_name="commitments", verbose_name=_("exchanges that carry it out")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.clause} {self.text[:60]}".strip()


class ActionItem(Translatable, TimeStampedModel):
    """Something to do, by whom and by when, linked to where it came from."""

    translated_fields = ("title", "description")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    SOURCES = ("resolution", "correspondence", "exchange", "commitment")

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="action_items", verbose_name=_("council")
    )
    title = models.CharField(_("what"), max_length=300)
    description = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        "council.Person", on_delete=models.PROTECT, related_name="action_items", verbose_name=_("owner")
    )
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items",
        verbose_name=_("team"),
    )  # fmt: skip
    due_on = models.DateField(_("due date"), validators=DAY_VALIDATORS)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    # Where it came from: exactly one of these.
    resolution = models.ForeignKey(
        "assemblies.Resolution", null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items",
        verbose_name=_("assembly resolution"),
    )  # fmt: skip
    correspondence = models.ForeignKey(
        Correspondence, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items",
        verbose_name=_("letter or message"),
    )  # fmt: skip
    exchange = models.ForeignKey(
        "teams.Exchange", null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items",
        verbose_name=_("exchange"),
    )  # fmt: skip
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items",
        verbose_name=_("agreement commitment"),
    )  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [
            # "My actions" and the reminders: open items of an owner by due date.
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_due"),
            # The secretariat's list by due date.
            models.Index(fields=["council", "status", "due_on"], name="action_council_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("secretariat:action-detail", args=[self.pk])

    @property
    def source(self):
        return next((getattr(self, name) for name in self.SOURCES if getattr(self, f"{name}_id")), None)

    @property
    def source_kind(self) -> str | None:
        """Which of SOURCES it came from, without loading the source."""
        return next((name for name in self.SOURCES if getattr(self, f"{name}_id")), None)

    # Properties rather than view context so that every page listing action items (the assembly's,
    # the exchange's, the include other pages use) marks overdue ones the same way, in the reader's zone.
    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    def clean(self) -> None:
        if sum(1 for name in self.SOURCES if getattr(self, f"{name}_id")) > 1:
            raise ValidationError(
                _("An action item comes from one place: a resolution, a letter, an exchange or a commitment.")
            )
        if self.status == self.Status.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": _("Give the reason for dropping it.")})
