"""Results kept in Django's cache until a record they are computed from changes (no cache is purged).

A token is renewed by every change of the models it watches (`watch`, called by the app that knows
which models: dashboards.cache), and kept results are keyed by it (`kept`): a change makes them
unreachable. A reader takes the token first and computes after, so a change committed in between leaves
a result at least as new as the token under it. A writer renews the token in its own transaction, so the
new token and the change become visible together; the signals fire before the row is written, so that a
writer takes the token's row lock before any row lock of its own (no deadlock between two writers of
the same records). Renewing updates one row, which serialises the writers of watched records until they
commit — cheap for the people writing a council's records, and the price of never reading a result older
than a change. The row is made on first reading, with a random token: a database restored, rebuilt or
rolled back (each test) never meets an older database's kept results. Writes that bypass the models'
signals renew the token themselves: the import of exchanges (its own signal), a restore, every migrate,
the demo and the bench's bulk exchanges.
"""

import contextlib
import hashlib
import logging
import re
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_migrate, pre_delete, pre_save
from redis.exceptions import RedisError

from common.models import ChangeToken

logger = logging.getLogger(__name__)
RECORDS = "council-records"  # every record a figure of the council is computed from
KEPT_SECONDS = 6 * 60 * 60  # a token unchanged for hours still gets its results recomputed now and then
WATCHED_TABLES: dict[str, set[str]] = {}  # per token, the tables of the models it watches
TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')


def current(name: str = RECORDS) -> str:
    found, _created = ChangeToken.objects.get_or_create(name=name, defaults={"token": uuid.uuid4().hex})
    return found.token


def renew(name: str = RECORDS) -> None:
    """A new token (no row yet: nothing can be kept under it, the first reader makes one)."""
    ChangeToken.objects.filter(name=name).update(token=uuid.uuid4().hex)


def renew_all(using: str = "default", **_kwargs) -> None:
    """After every migrate (each deploy: a new release's code never reads what an older one kept) and
    every restore; a database restored from before the tokens has none to renew."""
    if ChangeToken._meta.db_table in connections[using].introspection.table_names():
        ChangeToken.objects.using(using).update(token=uuid.uuid4().hex)


def kept(token: str, *key_parts, compute: Callable):
    """`compute()`'s result, kept under a token read beforehand (`current()`) and the key parts."""
    parts = "\x1f".join(str(part) for part in key_parts)  # any text, a query string too
    return cached(f"kept:{token}:{hashlib.sha256(parts.encode()).hexdigest()}", compute, seconds=KEPT_SECONDS)


def cached(key: str, compute: Callable, *, seconds: int):
    """`compute()`'s result from Django's cache, or computed and kept there; with the cache down,
    computed each time (the pages work without it). A result of None is not kept."""
    try:
        found = cache.get(key)
    except RedisError as error:
        logger.warning("Cache unavailable: %s", error)
        return compute()
    if found is None and (found := compute()) is not None:
        with contextlib.suppress(RedisError):
            cache.set(key, found, seconds)
    return found


def kept_count(queryset: QuerySet, token: str, name: str = RECORDS) -> int:
    """The queryset's count, kept under `token` (of `name`, read beforehand) while that token watches
    every table the count reads; else counted each time."""
    sql, params = queryset.query.sql_with_params()
    if not set(TABLE.findall(sql)) <= WATCHED_TABLES.get(name, set()):
        return queryset.count()
    return kept(token, "count", sql, repr(params), compute=queryset.count)


def watch(models: Iterable[type[Model]], name: str = RECORDS, *, quiet_fields: Iterable[str] = ()) -> None:
    """Renew the token whenever a row of these models is saved or deleted, or a link of these many-to-many
    tables added or removed (Django signals no save of such a link's row); not for a save of nothing but
    `quiet_fields` (`save(update_fields=…)`: a user's last sign-in)."""
    quiet = frozenset(quiet_fields)

    def renewed(action: str = "pre_", update_fields=None, **_kwargs) -> None:
        if update_fields is not None and quiet and set(update_fields) <= quiet:
            return
        if action.startswith("pre_"):  # a many-to-many change signals before and after: once is enough
            renew(name)

    for model in models:
        WATCHED_TABLES.setdefault(name, set()).add(model._meta.db_table)
        uid = f"common.change_tokens.{name}.{model._meta.label}"
        pre_save.connect(renewed, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        pre_delete.connect(renewed, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
        m2m_changed.connect(renewed, sender=model, dispatch_uid=f"{uid}.m2m", weak=False)


def connect_migrate(sender) -> None:
    post_migrate.connect(renew_all, sender=sender, dispatch_uid="common.change_tokens.renew_all")
