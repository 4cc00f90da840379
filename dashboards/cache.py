"""The dashboard's figures kept in Django's cache until a record they are computed from changes.

Every model the dashboard reads (WATCHED; tests/dashboards/test_cache.py checks the list against the
tables a dashboard reads) renews the council's change token (common.change_tokens) when a row is saved or
deleted, and the cached figures are keyed by that token: a change makes them unreachable, nothing is
purged. The writes that bypass the model signals renew the token otherwise: the import of exchanges (its
own signal), a restore (common.backups), the demo and the bench's bulk exchanges (their commands). The
signals fire before the row is written, so that a writer takes the token's row lock before any row lock
of its own (no deadlock between two writers of the same records).
"""

import contextlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from redis.exceptions import RedisError

from assemblies.models import AchievementsInput, Assembly
from common import change_tokens
from council.models import City, Council, CouncilCity, Person
from teams.models import Exchange, ExchangeParticipation, ExchangeRate, FocusArea, Goal, GoalUpdate, Plan, Team
from teams.signals import exchanges_imported
from translations.models import Version

logger = logging.getLogger(__name__)
KEPT_SECONDS = 6 * 60 * 60  # a token unchanged for hours still gets its figures recomputed now and then
WATCHED = (
    Council,
    City,
    CouncilCity,
    Person,  # the cities' mayors
    Team,
    FocusArea,
    Exchange,
    ExchangeParticipation,
    Plan,
    ExchangeRate,
    Goal,
    GoalUpdate,
    Goal.exchanges.through,
    Assembly,
    AchievementsInput,
    Version,
)


def token() -> str:
    """The records' current token: read once per request, before anything is computed."""
    return change_tokens.current(change_tokens.RECORDS)


def kept(token: str, *key_parts, compute: Callable):
    """`compute()`'s result, cached under the records' token (`token()`) and the key parts."""
    key = ":".join(["dashboard", token, *(str(part) for part in key_parts)])
    try:
        found = cache.get(key)
    except RedisError as error:  # the cache is down: the page still works, computed each time
        logger.warning("Dashboard cache unavailable: %s", error)
        return compute()
    if found is None:
        found = compute()
        with contextlib.suppress(RedisError):
            cache.set(key, found, KEPT_SECONDS)
    return found


def _renew(action: str = "pre_", **_kwargs) -> None:
    if action.startswith("pre_"):  # a many-to-many change signals before and after: once is enough
        change_tokens.renew(change_tokens.RECORDS)


def connect() -> None:
    for model in WATCHED:
        uid = f"dashboards.cache.{model._meta.label}"
        pre_save.connect(_renew, sender=model, dispatch_uid=f"{uid}.save")
        pre_delete.connect(_renew, sender=model, dispatch_uid=f"{uid}.delete")
        m2m_changed.connect(_renew, sender=model, dispatch_uid=f"{uid}.m2m")
    exchanges_imported.connect(_renew, dispatch_uid="dashboards.cache.imported")  # created in bulk
