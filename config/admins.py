"""ADMINS from the environment: who is mailed each server error and failed task (config/settings.py)."""

from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured


def admins_from(text: str) -> list[tuple[str, str]]:
    """ADMINS from "Name <a@example.org>, b@example.org" (comma-separated, a name optional)."""
    admins = [(name, address) for name, address in getaddresses([text]) if name or address]
    for name, address in admins:
        if "@" not in address:
            raise ImproperlyConfigured(f"ADMINS: {name or address!r} is not an e-mail address.")
    return admins
