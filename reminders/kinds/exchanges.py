"""Reminders about exchanges: one starting soon, and a completed one whose outcomes are missing."""

import datetime as dt

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reminders.kinds.base import Directory, Message, ReminderKind
from teams.models import Exchange
from translations.reading import plain

S = Exchange.Status


class ExchangeStarting(ReminderKind):
    key = "exchange_starting"
    label = gettext_lazy("Exchange starting soon")
    help_text = gettext_lazy(
        "Days before a proposed or planned exchange starts. To the people involved and the team's leads."
    )
    model = Exchange
    default_days = (7,)
    message_reads = ("team",)

    def candidates(self, council, today):
        return (
            Exchange.objects.filter(team__council=council, status__in=(S.PROPOSED, S.PLANNED), starts_on__gte=today)
            .select_related("team")
            .prefetch_related("people__city")
        )

    def anchor(self, target: Exchange) -> dt.date:
        return target.starts_on

    def recipients(self, target: Exchange, directory: Directory):
        people = {person.pk: person for person in directory.leads(target.team_id)}
        people.update({person.pk: person for person in target.people.all()})
        return list(people.values())

    def message(self, target: Exchange, days: int) -> Message:
        subject = ngettext(
            "Starting in %(days)s day: %(exchange)s", "Starting in %(days)s days: %(exchange)s", days
        ) % {"days": days, "exchange": plain(target, "title")}
        lines = [
            _("%(exchange)s (%(team)s) starts on %(date)s.")
            % {"exchange": plain(target, "title"), "team": target.team.name, "date": date_format(target.starts_on)}
        ]
        return Message(subject, lines, target.get_absolute_url())


class OutcomesMissing(ReminderKind):
    key = "outcomes_missing"
    label = gettext_lazy("Outcomes missing")
    help_text = gettext_lazy(
        "Days after a completed exchange ended while its outcomes are still empty. To the team's leads."
    )
    model = Exchange
    default_days = (14,)
    message_reads = ("team",)
    after = True
    # How long after its end a completed exchange is still chased: the rule's days reach no further.
    LOOK_BACK_DAYS = 60
    day_range = (0, LOOK_BACK_DAYS)
    day_range_reason = gettext_lazy("Completed exchanges are followed up for %(max)s days after they end.")

    def candidates(self, council, today):
        # By its end, the day the rule counts from, however long the exchange lasted; and a day more, for
        # a plan that runs just after the moment (planning.GRACE).
        since = today - dt.timedelta(days=self.LOOK_BACK_DAYS + 1)
        ended = Q(ends_on__gte=since) | Q(ends_on=None, starts_on__gte=since)
        return Exchange.objects.filter(ended, team__council=council, status=S.COMPLETED, outcomes="").select_related(
            "team"
        )

    def anchor(self, target: Exchange) -> dt.date:
        return target.ends_on or target.starts_on

    def recipients(self, target: Exchange, directory: Directory):
        return directory.leads(target.team_id)

    def message(self, target: Exchange, days: int) -> Message:
        subject = _("Outcomes missing: %(exchange)s") % {"exchange": plain(target, "title")}
        lines = [
            _("%(exchange)s (%(team)s) ended on %(date)s and has no outcomes recorded yet.")
            % {"exchange": plain(target, "title"), "team": target.team.name, "date": date_format(self.anchor(target))},
            _("Record what it achieved: agreements, investment, participants and a short account."),
        ]
        return Message(subject, lines, target.get_absolute_url())
