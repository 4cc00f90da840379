"""Turning rules into due rows: what should be sent, to whom, when — recomputed whenever a target moves.

`sync` is idempotent: run it for a whole rule (the periodic plan) or for the records that just
changed (receivers.py), as often as you like. It creates missing rows, moves rows whose moment
moved and withdraws rows no longer wanted — only rows still due; what has been queued, sent or has
failed stays as it is, and the unique key keeps a sent reminder from being made again.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from council.models import Council, Person
from reminders.kinds import KINDS, Directory
from reminders.models import Delivery, ReminderRule

# A moment already past when first planned is still sent within this window ("due tomorrow" for an
# item created this afternoon), not later: nobody wants last month's reminder.
GRACE = dt.timedelta(days=1)

Key = tuple[int, int, int, str]  # target id, offset, recipient id, channel


def ensure_rules(council: Council) -> list[ReminderRule]:
    """The council's rules, with any kind it has no rule for yet added with the defaults."""
    ReminderRule.objects.bulk_create(
        [
            ReminderRule(
                council=council,
                kind=kind.key,
                days=list(kind.default_days),
                repeat_every_days=kind.default_repeat_every_days,
            )  # fmt: skip
            for kind in KINDS.values()
        ],
        ignore_conflicts=True,
    )
    order = list(KINDS)
    return sorted(ReminderRule.objects.filter(council=council, kind__in=order), key=lambda r: order.index(r.kind))


def channels(person: Person) -> list[str]:
    found = []
    if person.email:
        found.append(Delivery.Channel.EMAIL)
    if person.user_id:
        found.append(Delivery.Channel.APP)
    return found


def wanted_rows(rule: ReminderRule, targets: Iterable, directory: Directory, today: dt.date) -> dict[Key, dt.datetime]:
    kind = rule.reminder_kind
    wanted: dict[Key, dt.datetime] = {}
    for target in targets:
        anchor = kind.anchor(target)
        if anchor is None:
            continue
        recipients = kind.recipients(target, directory)
        for offset in kind.offsets(rule.days, rule.repeat_every_days, anchor, today):
            day = anchor + dt.timedelta(days=offset)
            for person in recipients:
                moment = kind.moment(target, day, rule.send_hour, person)
                for channel in channels(person):
                    wanted[(target.pk, offset, person.pk, channel)] = moment
    return wanted


@transaction.atomic
def sync(rule: ReminderRule, *, only_ids: Iterable[int] | None = None, now: dt.datetime | None = None) -> None:
    """Make the rule's due rows match what it wants now (for all its records, or only these)."""
    now = now or timezone.now()
    kind = rule.reminder_kind
    today = timezone.localdate(now)
    targets = kind.candidates(rule.council, today) if rule.active else kind.model.objects.none()
    pending = Delivery.objects.filter(rule=rule, status=Delivery.Status.DUE)
    if only_ids is not None:
        only_ids = list(only_ids)
        targets = targets.filter(pk__in=only_ids)
        pending = pending.filter(target_id__in=only_ids)
    wanted = wanted_rows(rule, targets, Directory(rule.council), today)

    moved, withdrawn = [], []
    for row in pending.only("pk", "target_id", "offset", "recipient_id", "channel", "due_at"):
        moment = wanted.pop((row.target_id, row.offset, row.recipient_id, row.channel), None)
        if moment is None:
            withdrawn.append(row.pk)
        elif moment != row.due_at:
            row.due_at = moment
            moved.append(row)
    Delivery.objects.filter(pk__in=withdrawn, status=Delivery.Status.DUE).delete()
    Delivery.objects.bulk_update(moved, ["due_at"], batch_size=500)
    target_type = ContentType.objects.get_for_model(kind.model)
    # Rows already queued, sent or failed have the same key: ignore_conflicts leaves them alone.
    Delivery.objects.bulk_create(
        [
            Delivery(
                rule=rule,
                target_type=target_type,
                target_id=target_id,
                offset=offset,
                recipient_id=person_id,
                channel=channel,
                due_at=moment,
            )  # fmt: skip
            for (target_id, offset, person_id, channel), moment in wanted.items()
            if moment >= now - GRACE
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def sync_targets(council_id: int, kind_keys: Iterable[str], target_ids: Iterable[int]) -> None:
    """Re-plan the rules of these kinds for the records that just changed (receivers.py)."""
    target_ids = list(target_ids)
    for rule in ReminderRule.objects.filter(council_id=council_id, kind__in=list(kind_keys)).select_related("council"):
        sync(rule, only_ids=target_ids)


def plan_all(now: dt.datetime | None = None) -> int:
    """Every rule of every council, from scratch: the periodic safety net behind the receivers."""
    rules = 0
    for council in Council.objects.all():
        for rule in ensure_rules(council):
            sync(rule, now=now)
            rules += 1
    return rules
