"""What every kind of reminder answers: which records, which date, whom, and what to say.

A new kind of target is one subclass of ReminderKind, registered in kinds/__init__.py.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from council.models import Council, Person, Role

MAX_DAY = 730  # two years: the longest assembly cycle's lead time


def due_at(day: dt.date, hour: int, person: Person) -> dt.datetime:
    """`hour` o'clock on `day` where the person is (their own zone, else their city's), in UTC."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=person.zone).astimezone(dt.UTC)


@dataclass(frozen=True)
class Message:
    """A reminder's text, built in the recipient's language (the caller activates it)."""

    subject: str
    lines: list[str]
    url: str


class Directory:
    """The people of a council by role, loaded once per planning run (one query)."""

    def __init__(self, council: Council):
        self.by_kind: dict[str, dict[int, Person]] = {kind: {} for kind in Role.Kind.values}
        self.leads_by_team: dict[int, dict[int, Person]] = {}
        roles = Role.objects.filter(person__council=council).select_related("person__city")
        for role in roles:
            self.by_kind[role.kind][role.person_id] = role.person
            if role.kind == Role.Kind.TEAM_LEAD:
                self.leads_by_team.setdefault(role.team_id, {})[role.person_id] = role.person

    def people(self, *kinds: str) -> list[Person]:
        found: dict[int, Person] = {}
        for kind in kinds:
            found.update(self.by_kind[kind])
        return list(found.values())

    def leads(self, team_id: int) -> list[Person]:
        return list(self.leads_by_team.get(team_id, {}).values())


class ReminderKind:
    key: str
    label: str
    help_text: str  # what the days mean, shown on the rules page
    model: type[Model]
    default_days: tuple[int, ...]
    default_repeat_every_days: int | None = None
    after: bool = False  # the days count after the date (an outcome still missing), not before it
    # The days a rule may name (the rules page refuses others): 0 is the date itself, the assembly's
    # opening day or a due date. A kind whose reminder would say something untrue on a day, or that stops
    # looking at a record after a while, has a narrower range and says why (`%(max)s`: its last day).
    day_range: tuple[int, int] = (0, MAX_DAY)
    day_range_reason: str = ""
    own_time: bool = False  # sent at the time of what it is about, plus the days: the rule's hour is unused
    # The records message() reads beyond its target's own row, as prefetch_related lookups: a batch of
    # rows (services.load) reads them for all its targets at once, a query per lookup rather than per row.
    message_reads: tuple[str, ...] = ()

    def candidates(self, council: Council, today: dt.date) -> QuerySet:
        """The records that may want this reminder now, with what recipients() and message() read."""
        raise NotImplementedError

    def anchor(self, target) -> dt.date | None:
        """The local date the reminder is about (the assembly's opening day, the due date …)."""
        raise NotImplementedError

    def recipients(self, target, directory: Directory) -> list[Person]:
        raise NotImplementedError

    def message(self, target, days: int) -> Message:
        """Subject, lines and link, in the active language (the recipient's); `days` is the distance to
        the date. The council's texts it quotes are read in that language too (translations.reading.plain),
        marked where they are not yet translated."""
        raise NotImplementedError

    def texts_read(self, target) -> list:
        """The records whose texts message() reads (translations.reading.plain): a batch loads their
        versions together, in one query (services.load)."""
        return [target]

    def moment(self, target, day: dt.date, hour: int, person: Person) -> dt.datetime:
        """When the reminder of `day` reaches `person`: at the rule's hour where they are. Notices of a
        step (reminders.kinds.reviews) go at the step's own time instead."""
        return due_at(day, hour, person)

    def offsets(self, days: list[int], repeat_every_days: int | None, anchor: dt.date, today: dt.date) -> list[int]:
        """Each moment as signed days from the anchor; a repeat goes on up to the next moment ahead."""
        sign = 1 if self.after else -1
        offsets = sorted({sign * day for day in days})
        if repeat_every_days and offsets:
            following = offsets[-1] + repeat_every_days
            while anchor + dt.timedelta(days=following) <= today + dt.timedelta(days=repeat_every_days):
                offsets.append(following)
                following += repeat_every_days
        return offsets
