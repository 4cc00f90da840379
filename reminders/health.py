"""Whether reminders go out: the check /healthz runs (registered in apps.py) and what the metrics show.

Two rules, each with its own threshold (config/settings.py):

- **The sweep runs.** The beat's sweep, run by a worker every REMINDER_SWEEP_SECONDS, notes when it
  finished (services.record_sweep). No sweep for longer than REMINDER_SWEEP_ALERT means the beat, or
  every worker, is down. An installation that has never swept counts from when it was first watched
  (the first health check or sweep makes the row), so a fresh install is healthy for its first minutes
  and unhealthy only if its first sweep never comes.
- **Due reminders do not wait.** A reminder waits from its due time — or, if it fell due before the
  last sweep could see it (planned late, within planning.GRACE), from that sweep; once queued, from
  its claim. A wait longer than REMINDER_LAG_ALERT means the workers do not send (dead, stuck, a
  backlog) though something still sweeps — or that nothing sweeps and a reminder is late already.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from reminders.models import Delivery, SweepRecord

S = Delivery.Status
# When a row started waiting for a send: its due time, or its claim when it was claimed later.
_WAITING_SINCE = Greatest("due_at", Coalesce("claimed_at", "due_at"))


@dataclass(frozen=True)
class QueueState:
    now: dt.datetime
    watched_since: dt.datetime
    swept_at: dt.datetime | None
    oldest_due: dt.datetime | None  # the earliest due time of the rows due and not claimed
    oldest_queued: dt.datetime | None  # the earliest wait of the rows claimed and not sent
    counts: dict[str, int] = field(default_factory=dict)  # rows per status, when asked for

    def since_sweep(self) -> dt.timedelta:
        return max(self.now - (self.swept_at or self.watched_since), dt.timedelta(0))

    def waiting_since(self) -> dt.datetime | None:
        """Since when the longest-waiting due reminder has waited (None: none is due)."""
        sweep_seen = self.swept_at or self.watched_since
        candidates = [max(self.oldest_due, sweep_seen)] if self.oldest_due else []
        candidates += [self.oldest_queued] if self.oldest_queued else []
        return min(candidates, default=None)

    def lag(self) -> dt.timedelta:
        since = self.waiting_since()
        return max(self.now - since, dt.timedelta(0)) if since else dt.timedelta(0)


def read_state(*, now: dt.datetime | None = None, with_counts: bool = False) -> QueueState:
    """Two queries: the sweep's row (made on the first look) and the deliveries grouped by status — all
    of them with `with_counts` (the metrics), else only the due and queued rows whose time has come,
    which the (status, due_at) index finds without reading the sent ones."""
    now = now or timezone.now()
    record, _created = SweepRecord.objects.get_or_create(pk=SweepRecord.ONLY, defaults={"watched_since": now})
    pending = Q(status__in=(S.DUE, S.QUEUED), due_at__lte=now)
    rows = Delivery.objects.all() if with_counts else Delivery.objects.filter(pending)
    grouped = {
        row["status"]: row
        for row in rows.values("status")
        .annotate(count=Count("pk"), oldest=Min(_WAITING_SINCE, filter=pending))
        .order_by()
    }
    return QueueState(
        now=now,
        watched_since=record.watched_since,
        swept_at=record.swept_at,
        oldest_due=grouped.get(S.DUE, {}).get("oldest"),
        oldest_queued=grouped.get(S.QUEUED, {}).get("oldest"),
        counts={status: grouped.get(status, {}).get("count", 0) for status in S.values} if with_counts else {},
    )


def problems(state: QueueState, *, sweep_alert: dt.timedelta, lag_alert: dt.timedelta) -> list[str]:
    """What is wrong, one line each for monitoring: moments and seconds, never a person or a record."""
    found = []
    if state.since_sweep() > sweep_alert:
        alert = f"longer than REMINDER_SWEEP_ALERT ({_seconds(sweep_alert)} s): the beat, or every worker, is down"
        if state.swept_at:
            found.append(f"not swept since {_moment(state.swept_at)}, {_seconds(state.since_sweep())} s ago, {alert}")
        else:
            found.append(
                f"no sweep yet, {_seconds(state.since_sweep())} s after watching began at"
                f" {_moment(state.watched_since)}, {alert}"
            )
    if state.lag() > lag_alert:
        found.append(
            f"a due reminder has waited {_seconds(state.lag())} s since {_moment(state.waiting_since())}, longer"
            f" than REMINDER_LAG_ALERT ({_seconds(lag_alert)} s): are the workers running?"
        )
    return found


def check() -> str | None:
    """/healthz's "reminders" (common.health): None when both rules hold, else what is wrong."""
    found = problems(read_state(), sweep_alert=settings.REMINDER_SWEEP_ALERT, lag_alert=settings.REMINDER_LAG_ALERT)
    return "; ".join(found) or None


def _moment(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _seconds(duration: dt.timedelta) -> int:
    return int(duration.total_seconds())
