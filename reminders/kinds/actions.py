"""Reminders to an action item's owner: the day before it is due, and weekly while it is overdue."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.kinds.base import MAX_DAY, Directory, Message, ReminderKind
from secretariat.models import ActionItem
from translations.reading import plain


class ActionDue(ReminderKind):
    key = "action_due"
    label = gettext_lazy("Action item due")
    help_text = gettext_lazy("Days before an open action item is due. To its owner.")
    model = ActionItem
    default_days = (1,)

    def candidates(self, council, today):
        return ActionItem.objects.filter(
            council=council, status__in=ActionItem.OPEN_STATUSES, due_on__gte=today
        ).select_related("owner__city")

    def anchor(self, target: ActionItem) -> dt.date:
        return target.due_on

    def recipients(self, target: ActionItem, directory: Directory):
        return [target.owner]

    def message(self, target: ActionItem, days: int) -> Message:
        item = plain(target, "title")
        subject = _("Due on %(date)s: %(item)s") % {"date": date_format(target.due_on), "item": item}
        lines = [
            _("The action item “%(item)s” is due on %(date)s.") % {"item": item, "date": date_format(target.due_on)}
        ]
        return Message(subject, lines, target.get_absolute_url())


class ActionOverdue(ActionDue):
    key = "action_overdue"
    label = gettext_lazy("Action item overdue")
    help_text = gettext_lazy(
        "Days after the due date while the item is still open, then again at the interval. To its owner."
    )
    default_days = (1,)
    default_repeat_every_days = 7
    after = True
    day_range = (1, MAX_DAY)  # on its due date an item is not overdue yet
    day_range_reason = gettext_lazy("An action item is overdue only from the day after its due date.")

    def candidates(self, council, today):
        return ActionItem.objects.filter(
            council=council, status__in=ActionItem.OPEN_STATUSES, due_on__lt=today + dt.timedelta(days=1)
        ).select_related("owner__city")

    def message(self, target: ActionItem, days: int) -> Message:
        item = plain(target, "title")
        subject = _("Overdue: %(item)s") % {"item": item}
        lines = [
            _("The action item “%(item)s” was due on %(date)s and is still open.")
            % {"item": item, "date": date_format(target.due_on)},
            _("Mark it done when it is, or drop it with a reason."),
        ]
        return Message(subject, lines, target.get_absolute_url())
