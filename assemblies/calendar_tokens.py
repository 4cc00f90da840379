"""Writes of the secret calendar-feed addresses: made on first need, replaced on request.

Kept apart from services.py (the scheduler's writes): a feed token belongs to a person's account,
not to the council's schedule, and nothing else needs to know when one changes.
"""

import re
import secrets

from django.db import transaction

from assemblies.models import CalendarFeed

# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_BYTES = 32
# What a token can look like at all. Anything else is answered 404 without a query: a NUL byte
# would make PostgreSQL raise (a 500), and a megabyte of garbage needs no index lookup.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(value: str) -> bool:
    return TOKEN_SHAPE.fullmatch(value) is not None


@transaction.atomic
def ensure_feed(*, user) -> CalendarFeed:
    """The user's feed address, made the first time they ask for it.

    get_or_create: two first visits at once both end with the one row (the user is unique).
    """
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": new_token()})
    return feed


@transaction.atomic
def reset_feed(*, user) -> CalendarFeed:
    """Give the user a new address; the old one answers 404 from the moment this commits."""
    feed, _created = CalendarFeed.objects.update_or_create(user=user, defaults={"token": new_token()})
    return feed
