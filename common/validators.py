import zoneinfo

from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# What Python counts as the end of a line (str.splitlines): in a mail header, any of them can start a
# header of the sender's choosing.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def validate_sendable_email(value: str) -> None:
    """One address that Django's mail can send to, without a line break: Django's own check of the
    syntax, and the parse its SMTP backend makes of every recipient, which refuses more.

    Every e-mail address kept (Person.email) passes it, however it is set; so does any that comes from
    elsewhere (a sign-in provider): a reminder to an address that passed it does not fail before SMTP."""
    if not _sendable(value):
        raise ValidationError(
            _("Enter an e-mail address that mail can be sent to: one address, without spaces or line breaks."),
            code="invalid",
        )


def _sendable(value: str) -> bool:
    if LINE_BREAKS.intersection(value):
        return False
    try:
        validate_email(value)
        sanitize_address(value, "utf-8")
    except (ValidationError, ValueError):  # a domain that IDNA cannot encode raises UnicodeError, a ValueError
        return False
    return True
