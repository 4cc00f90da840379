"""Notices of a draft's review: a member's draft reaches the team's leads; approval or return reaches
the member. Each step (teams.DraftReview) is a target of its own, so a draft resubmitted after a return
notifies the leads again, and the unique key of a delivery still sends each notice once."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.kinds.base import Directory, Message, ReminderKind
from teams.models import DraftReview, Exchange
from translations.reading import plain

Step = DraftReview.Step
# Steps older than this are not notified any more (the rules' days count from the step).
LOOK_BACK_DAYS = 30


class ReviewNotice(ReminderKind):
    """A notice of one step, sent at the step's own time (plus the rule's days), not at an hour of the day."""

    model = DraftReview
    default_days = (0,)
    after = True
    day_range = (0, LOOK_BACK_DAYS)
    day_range_reason = gettext_lazy("A draft's step is not notified any more after %(max)s days.")
    own_time = True
    message_reads = ("exchange__team", "by__person")
    steps: tuple[str, ...]

    def candidates(self, council, today):
        later = DraftReview.objects.filter(
            Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk")), exchange=OuterRef("exchange")
        )
        return (
            DraftReview.objects.filter(
                exchange__team__council=council,
                step__in=self.steps,
                at__date__gte=today - dt.timedelta(days=LOOK_BACK_DAYS),
            )
            .filter(~Exists(later))  # a step overtaken by the next one (a return, a resubmission) is moot
            .select_related("exchange__team", "exchange__created_by__person__city", "by__person")
        )

    def anchor(self, target: DraftReview) -> dt.date:
        return timezone.localdate(target.at)

    def moment(self, target: DraftReview, day: dt.date, hour: int, person) -> dt.datetime:
        return target.at + (day - self.anchor(target))

    def texts_read(self, target: DraftReview) -> list:
        return [target.exchange]

    @staticmethod
    def _names(target: DraftReview) -> dict:
        exchange = target.exchange
        person = getattr(target.by, "person", None) if target.by else None
        return {
            "exchange": plain(exchange, "title"),
            "team": exchange.team.name,
            "who": person.name if person else (target.by.get_username() if target.by else _("someone")),
            "date": date_format(exchange.starts_on),
        }


class DraftSubmitted(ReviewNotice):
    key = "draft_submitted"
    label = gettext_lazy("Draft awaiting approval")
    help_text = gettext_lazy(
        "Days after a team member submits a draft exchange (0: at once). To the team's leads, until one "
        "approves or returns it."
    )
    steps = (Step.SUBMITTED,)

    def candidates(self, council, today):
        return super().candidates(council, today).filter(exchange__status=Exchange.Status.DRAFT)

    def recipients(self, target: DraftReview, directory: Directory):
        return [lead for lead in directory.leads(target.exchange.team_id) if lead.user_id != target.by_id]

    def message(self, target: DraftReview, days: int) -> Message:
        names = self._names(target)
        subject = _("Draft to approve: %(exchange)s") % names
        lines = [
            _("%(who)s submitted a draft exchange of %(team)s: %(exchange)s, starting on %(date)s.") % names,
            _("Approve it, or return it with a reason, on its page or on your home page."),
        ]
        return Message(subject, lines, target.exchange.get_absolute_url())


class DraftReviewed(ReviewNotice):
    key = "draft_reviewed"
    label = gettext_lazy("Draft approved or returned")
    help_text = gettext_lazy(
        "Days after a lead approves or returns a draft exchange (0: at once). To the member who wrote it."
    )
    steps = (Step.APPROVED, Step.RETURNED)

    def recipients(self, target: DraftReview, directory: Directory):
        author = target.exchange.created_by
        person = getattr(author, "person", None) if author else None
        return [person] if person and author.pk != target.by_id else []

    def message(self, target: DraftReview, days: int) -> Message:
        names = self._names(target)
        if target.step == Step.APPROVED:
            subject = _("Approved: %(exchange)s") % names
            lines = [_("%(who)s approved your draft %(exchange)s; it is now proposed.") % names]
        else:
            subject = _("Returned: %(exchange)s") % names
            lines = [
                _("%(who)s returned your draft %(exchange)s with this reason:") % names,
                target.reason,
                _("Edit it and save it to submit it again."),
            ]
        return Message(subject, lines, target.exchange.get_absolute_url())
