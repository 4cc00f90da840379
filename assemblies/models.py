"""The general assembly, held every N years in each member city in turn.

This is the bare record other parts speak of ("the current cycle"); the scheduler that computes
sequence, cycle and host lives in services.py.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.models import TimeStampedModel


class Assembly(TimeStampedModel):
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
    cycle = models.PositiveSmallIntegerField(_("cycle (year due)"))
    host_city = models.ForeignKey(
        "council.City", on_delete=models.PROTECT, related_name="hosted_assemblies", verbose_name=_("host city")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

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
