"""What happened to a team member's draft: submitted, approved or returned with the lead's reason.

A draft waits for a lead's approval (teams.permissions.drafts_only). Each step is a row, so that
the member sees the story of their draft, the reason of a return is kept, and every step reaches the
people it concerns as a notification of its own (reminders.kinds.reviews).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DraftReview(models.Model):
    class Step(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    exchange = models.ForeignKey(
        "teams.Exchange", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("exchange")
    )
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("review of a draft")
        verbose_name_plural = _("reviews of drafts")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.exchange} · {self.get_step_display()}"

    @property
    def council_id(self) -> int:
        return self.exchange.team.council_id
