"""The kinds of reminder, by key. The order is the rules page's."""

from reminders.kinds.actions import ActionDue, ActionOverdue
from reminders.kinds.agreements import AgreementExpiry, AgreementReview
from reminders.kinds.assemblies import AchievementsInputDue, AssemblyAhead
from reminders.kinds.base import Directory, Message, ReminderKind
from reminders.kinds.exchanges import ExchangeStarting, OutcomesMissing
from reminders.kinds.reviews import DraftReviewed, DraftSubmitted
from reminders.kinds.translations import TranslationsNeeded

KINDS: dict[str, ReminderKind] = {
    kind.key: kind
    for kind in (
        AssemblyAhead(),
        AchievementsInputDue(),
        TranslationsNeeded(),
        ExchangeStarting(),
        OutcomesMissing(),
        DraftSubmitted(),
        DraftReviewed(),
        ActionDue(),
        ActionOverdue(),
        AgreementReview(),
        AgreementExpiry(),
    )
}

__all__ = ["KINDS", "Directory", "Message", "ReminderKind"]
