"""Tokens renewed by every change of the records they watch, to key caches by (no cache is ever purged).

A reader takes the token first and computes after: a change committed in between leaves a result at
least as new as the token under it. A writer renews the token in its own transaction, so the new token
and the change become visible together. The row is made on first reading, with a random token: a
database restored, rebuilt or rolled back (each test) never meets an older database's cached results.
Renewing updates one row, which serialises the writers of watched records until they commit — cheap
for the people writing a council's records, and the price of never showing figures older than a change.
"""

import uuid

from django.db import connections
from django.db.models.signals import post_migrate

from common.models import ChangeToken

RECORDS = "council-records"  # every record a figure of the council is computed from


def current(name: str) -> str:
    found, _created = ChangeToken.objects.get_or_create(name=name, defaults={"token": uuid.uuid4().hex})
    return found.token


def renew(name: str) -> None:
    """A new token (no row yet: nothing can be cached under it, the first reader makes one)."""
    ChangeToken.objects.filter(name=name).update(token=uuid.uuid4().hex)


def renew_all(using: str = "default", **_kwargs) -> None:
    """After every migrate (each deploy: a new release's code never reads what an older one cached) and
    every restore; a database restored from before the tokens has none to renew."""
    if ChangeToken._meta.db_table in connections[using].introspection.table_names():
        ChangeToken.objects.using(using).update(token=uuid.uuid4().hex)


def connect_migrate(sender) -> None:
    post_migrate.connect(renew_all, sender=sender, dispatch_uid="common.change_tokens.renew_all")
