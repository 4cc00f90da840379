"""A mayor's office's briefing on top of the dashboard: what changed since its last visit.

"Since the last visit" is the moment the briefing was last opened in an earlier session: kept on the
person (`briefed_at`), and in the session the moment it stood at when this session began, so that
reloading the page does not empty the briefing.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from council.models import Person
from secretariat.models import Correspondence
from teams.models import Exchange

SESSION_KEY = "briefing_since"
S = Exchange.Status


@dataclass
class Briefing:
    since: dt.datetime | None  # None: the first visit
    completed: int = 0  # exchanges completed since
    agreed: int = 0  # exchanges newly planned or proposed since
    letters: int = 0  # letters logged since


def briefing(session, person: Person) -> Briefing:
    since = _since(session, person)
    if since is None:
        return Briefing(None)
    counts = Exchange.objects.filter(team__council_id=person.council_id, updated_at__gte=since).aggregate(
        completed=Count("pk", filter=Q(status=S.COMPLETED)),
        agreed=Count("pk", filter=Q(created_at__gte=since, status__in=(S.PROPOSED, *Exchange.PLANNED_STATUSES))),
    )
    letters = Correspondence.objects.filter(council_id=person.council_id, created_at__gte=since).count()
    return Briefing(since, counts["completed"], counts["agreed"], letters)


def _since(session, person: Person) -> dt.datetime | None:
    """The last visit before this session; the first request of a session moves the person's mark."""
    if SESSION_KEY in session:
        return parse_datetime(session[SESSION_KEY]) if session[SESSION_KEY] else None
    since = person.briefed_at
    session[SESSION_KEY] = since.isoformat() if since else ""
    Person.objects.filter(pk=person.pk).update(briefed_at=timezone.now())
    return since
