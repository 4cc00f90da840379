"""Writes of the secret calendar-feed addresses: made on first need, replaced on request.

Kept apart from services.py (the scheduler's writes): a feed token belongs to a person's account,
not to the council's schedule, and nothing else needs to know when one changes.

A feed stores a random nonce and the SHA-256 of its token, never the token: the token is an HMAC of
the nonce keyed by the SECRET_KEY, so the calendar page can show the same address at every visit,
while the database alone (a backup, a copy) gives no working address.
"""

import base64
import hashlib
import re
import secrets

from django.db import transaction
from django.utils.crypto import salted_hmac

from assemblies.models import CalendarFeed

NONCE_BYTES = 32
# Of its own, so that no other HMAC made with the SECRET_KEY is ever a calendar token. Not a secret.
TOKEN_SALT = "council-desk.assemblies.calendar-feed-token"  # noqa: S105
# What a token can look like at all. Anything else is answered 404 without a query: a NUL byte
# would make PostgreSQL raise (a 500), and a megabyte of garbage needs no index lookup.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def looks_like_token(value: str) -> bool:
    return TOKEN_SHAPE.fullmatch(value) is not None


def token_hash(token: str) -> str:
    """What the database keeps of a token, and looks a token up by."""
    return hashlib.sha256(token.encode()).hexdigest()


def _token_of(nonce: str) -> str:
    # 32 bytes of HMAC-SHA256 in URL-safe base64 without padding: 43 characters, as TOKEN_SHAPE allows.
    digest = salted_hmac(TOKEN_SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _new_feed_values() -> dict[str, str]:
    nonce = secrets.token_hex(NONCE_BYTES)
    return {"nonce": nonce, "token_hash": token_hash(_token_of(nonce))}


@transaction.atomic
def feed_token(*, user) -> str:
    """The user's feed token, the feed made the first time they ask for it.

    get_or_create: two first visits at once both end with the one row (the user is unique), and both
    derive the same token from its nonce. When the SECRET_KEY has changed since the hash was stored,
    the token derived now is another: its hash replaces the stored one, and the old address stops working.
    """
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults=_new_feed_values())
    token = _token_of(feed.nonce)
    if feed.token_hash != token_hash(token):
        feed.token_hash = token_hash(token)
        feed.save(update_fields=["token_hash", "updated_at"])
    return token


@transaction.atomic
def reset_feed(*, user) -> None:
    """Give the user a new address (a new nonce); the old one answers 404 from the moment this commits."""
    CalendarFeed.objects.update_or_create(user=user, defaults=_new_feed_values())
