"""A delivery's text, in its recipient's language and time zone, with a link back to the page."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.kinds import Message
from reminders.models import Delivery


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str  # the in-app notification's text
    email_body: str
    url: str  # absolute


def compose(delivery: Delivery) -> Composed:
    person = delivery.recipient
    with translation.override(person.preferred_language), timezone.override(person.zone):
        message: Message = delivery.rule.reminder_kind.message(delivery.target, abs(delivery.offset))
        url = settings.SITE_URL.rstrip("/") + message.url
        body = "\n\n".join(message.lines)
        email_body = "\n\n".join(
            [
                _("Dear %(name)s,") % {"name": person.name},
                body,
                url,
                "-- \n"
                + _(
                    "Council Desk sends you this reminder for %(council)s. "
                    "The secretariat sets which reminders go out and when."
                )
                % {"council": person.council.name},
            ]
        )
        return Composed(one_line(str(message.subject)), body, email_body, url)


def one_line(text: str) -> str:
    """Every run of white space (line breaks of any kind included) as one space: a subject carries user
    text, such as an action item's title, and a line break in a header would end it."""
    return " ".join(text.split())
