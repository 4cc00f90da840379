"""An e-mail backend standing in for an SMTP server that answers with errors (the process edge)."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class ScriptedBackend(EmailBackend):
    """Raises the queued errors one send at a time, then delivers to the locmem outbox."""

    errors: list[Exception] = []

    def send_messages(self, messages):
        if ScriptedBackend.errors:
            raise ScriptedBackend.errors.pop(0)
        return super().send_messages(messages)


def refused(code: int) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({"x@example.org": (code, b"mailbox unavailable")})


__all__ = ["ScriptedBackend", "mail", "refused"]
