"""Every reminder that quotes a council text quotes it in the recipient's language, marked when untranslated."""

import datetime as dt

import pytest
from django.utils import translation

from assemblies.models import Assembly
from reminders.messages import compose
from reminders.models import ReminderRule
from secretariat.models import Agreement
from teams.models import Exchange
from tests.factories import ExchangeFactory
from tests.fixtures.actions import ActionItemFactory
from tests.fixtures.reminders import make_delivery
from tests.texts import translate
from translations.reading import text_of


def an_assembly(world):
    return Assembly.objects.create(
        council=world.council, sequence=1, cycle=2027, host_city=world.council.rotation()[0],
        starts_at=dt.datetime(2027, 6, 1, 1, tzinfo=dt.UTC), venue="City Hall",
    )  # fmt: skip


def an_exchange(world):
    return ExchangeFactory(team=world.team, title="Port visit", starts_on=dt.date(2026, 12, 3))


def a_completed_exchange(world):
    return ExchangeFactory(
        team=world.team, title="Port visit", status=Exchange.Status.COMPLETED, starts_on=dt.date(2026, 11, 1)
    )


def an_action_item(world):
    return ActionItemFactory(owner=world.secretariat, title="Book the hall", due_on=dt.date(2026, 11, 27))


def an_agreement(world):
    return Agreement.objects.create(
        council=world.council, title="Port pact", parties="Seoul\nBeijing", status=Agreement.Status.IN_FORCE,
        review_on=dt.date(2027, 1, 5), expires_on=dt.date(2027, 2, 5),
    )  # fmt: skip


# Each kind that quotes a text: how to make its target, the text it quotes, the Korean version.
QUOTING = [
    ("assembly", an_assembly, "venue", "시청"),
    ("exchange_starting", an_exchange, "title", "항구 방문"),
    ("outcomes_missing", a_completed_exchange, "title", "항구 방문"),
    ("action_due", an_action_item, "title", "강당 예약"),
    ("action_overdue", an_action_item, "title", "강당 예약"),
    ("agreement_review", an_agreement, "title", "항만 협약"),
    ("agreement_expiry", an_agreement, "title", "항만 협약"),
]


def composed_for_korean_reader(world, kind: str, target):
    """The message as the Korean-reading secretariat receives it, e-mail and notification alike."""
    rule = ReminderRule.objects.get(council=world.council, kind=kind)
    return compose(make_delivery(rule, target, world.secretariat, offset=-3))


@pytest.mark.parametrize(("kind", "make", "field", "korean"), QUOTING)
def test_the_recipient_reads_the_version_in_their_language(world, kind, make, field, korean):
    target = translate(make(world), field, ko=korean)
    original = getattr(target, field)

    message = composed_for_korean_reader(world, kind, target)

    assert korean in message.email_body
    assert original not in message.email_body
    if field == "title":
        assert korean in message.subject and original not in message.subject


@pytest.mark.parametrize(("kind", "make", "field", "korean"), QUOTING)
def test_an_untranslated_text_is_quoted_as_written_and_marked(world, kind, make, field, korean):
    target = make(world)
    with translation.override("ko"):
        marked = text_of(target, field).marked()

    message = composed_for_korean_reader(world, kind, target)

    assert marked == f"{getattr(target, field)} [{text_of(target, field, 'ko').mark}]"
    assert marked in message.email_body and marked in message.body
    if field == "title":
        assert marked in message.subject


@pytest.mark.parametrize(("kind", "make", "field", "korean"), QUOTING)
def test_an_outdated_version_gives_way_to_the_changed_original_marked_outdated(world, kind, make, field, korean):
    target = translate(make(world), field, ko=korean)
    setattr(target, field, f"{getattr(target, field)} (changed)")
    target.save()
    with translation.override("ko"):
        text = text_of(target, field)

    message = composed_for_korean_reader(world, kind, target)

    assert text.state == "outdated"
    assert text.marked() in message.email_body
    assert korean not in message.email_body
