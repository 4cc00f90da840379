"""Reminder rules, the deliveries they make due, and in-app notifications.

A reminder is a row, not a timer: each Delivery has a due time and a unique key, a sweep claims due
rows with a conditional UPDATE and a worker sends each one once (see services.py).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from common.validators import validate_sendable_email


class ReminderRule(TimeStampedModel):
    """When one kind of reminder goes out in a council; the kinds themselves live in reminders/kinds."""

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="reminder_rules", verbose_name=_("council")
    )
    kind = models.CharField(_("reminder"), max_length=40)
    # Days before (or, for kinds that remind after the fact, after) the date the kind is about.
    days = models.JSONField(_("days"), default=list)
    repeat_every_days = models.PositiveSmallIntegerField(
        _("then repeat every (days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    send_hour = models.PositiveSmallIntegerField(
        _("hour of sending"), default=9, validators=[MaxValueValidator(23)],
        help_text=_("Local time in each recipient's city."),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["council", "pk"]
        constraints = [models.UniqueConstraint(fields=["council", "kind"], name="reminder_rule_once_per_kind")]

    def __str__(self) -> str:
        return str(self.reminder_kind.label)

    @property
    def reminder_kind(self):
        from reminders.kinds import KINDS

        return KINDS[self.kind]


class Delivery(models.Model):
    """One reminder to one person on one channel: due, queued (claimed by a sweep), sent or failed."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        APP = "app", _("Notification")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="deliveries")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # Which of the rule's moments this is, in days from the target's date (-90: 90 days before).
    offset = models.SmallIntegerField(_("days from the date"))
    recipient = models.ForeignKey(
        "council.Person", on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("recipient")
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DUE)
    claimed_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # The key that makes a reminder happen once however often it is planned or swept.
            models.UniqueConstraint(
                fields=["rule", "target_type", "target_id", "offset", "recipient", "channel"], name="delivery_once"
            )
        ]
        indexes = [
            # The sweep: due rows by due time; and queued rows whose send was lost (services.sweep).
            models.Index(fields=["status", "due_at"], name="delivery_status_due"),
            # Re-planning one target: its rows (planning.sync).
            models.Index(fields=["target_type", "target_id"], name="delivery_target"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} · {self.recipient} · {self.get_channel_display()}"

    @property
    def address_unsendable(self) -> bool:
        """An e-mail whose recipient's address (as it is now) mail cannot be sent to: the deliveries page
        asks for it to be corrected before a resend."""
        if self.channel != self.Channel.EMAIL:
            return False
        try:
            validate_sendable_email(self.recipient.email)
        except ValidationError:
            return True
        return False


class Notification(models.Model):
    """An in-app reminder, written in the recipient's language when it was sent."""

    recipient = models.ForeignKey(
        "council.Person", on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    delivery = models.OneToOneField(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The navigation's unread count and the notifications page, newest first.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("reminders:notifications")


class SweepRecord(models.Model):
    """When the beat's sweep last ran, in one row: /healthz and the metrics read it (reminders.health) to
    see that the beat and the workers are alive. In the database rather than the cache: the embedded
    default's cache is each process's own memory, and the web process must see the worker's sweeps.

    `watched_since` is when the row was made — by the first sweep, or by the first health check of an
    installation that has not swept yet, which then waits REMINDER_SWEEP_ALERT for its first sweep."""

    ONLY = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONLY)
    watched_since = models.DateTimeField()
    swept_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="sweep_record_one_row")]

    def __str__(self) -> str:
        return f"swept at {self.swept_at}" if self.swept_at else f"no sweep since {self.watched_since}"
