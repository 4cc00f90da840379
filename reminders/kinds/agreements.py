"""Reminders to the secretariat before an agreement comes up for review or expires."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.models import Role
from reminders.kinds.base import Directory, Message, ReminderKind
from secretariat.models import Agreement
from translations.reading import plain

LIVE = (Agreement.Status.SIGNED, Agreement.Status.IN_FORCE, Agreement.Status.UNDER_REVIEW)


class AgreementReview(ReminderKind):
    key = "agreement_review"
    label = gettext_lazy("Agreement review")
    help_text = gettext_lazy("Days before an agreement's review date. To the secretariat.")
    model = Agreement
    default_days = (90, 30)
    date_field = "review_on"

    def candidates(self, council, today):
        return Agreement.objects.filter(council=council, status__in=LIVE, **{f"{self.date_field}__gte": today})

    def anchor(self, target: Agreement) -> dt.date:
        return getattr(target, self.date_field)

    def recipients(self, target, directory: Directory):
        return directory.people(Role.Kind.SECRETARIAT)

    def message(self, target: Agreement, days: int) -> Message:
        subject = ngettext("Review in %(days)s day: %(agreement)s", "Review in %(days)s days: %(agreement)s", days) % {
            "days": days,
            "agreement": plain(target, "title"),
        }
        lines = [
            _("%(agreement)s comes up for review on %(date)s.")
            % {"agreement": plain(target, "title"), "date": date_format(self.anchor(target))}
        ]
        return Message(subject, lines, target.get_absolute_url())


class AgreementExpiry(AgreementReview):
    key = "agreement_expiry"
    label = gettext_lazy("Agreement expiry")
    help_text = gettext_lazy("Days before an agreement expires. To the secretariat.")
    date_field = "expires_on"

    def message(self, target: Agreement, days: int) -> Message:
        subject = ngettext(
            "Expires in %(days)s day: %(agreement)s", "Expires in %(days)s days: %(agreement)s", days
        ) % {"days": days, "agreement": plain(target, "title")}
        lines = [
            _("%(agreement)s expires on %(date)s. Decide in time whether to renew it.")
            % {"agreement": plain(target, "title"), "date": date_format(self.anchor(target))}
        ]
        return Message(subject, lines, target.get_absolute_url())
