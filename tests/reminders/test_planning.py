"""Rules become due rows: who, on which channel, at 09:00 in their city; moved and withdrawn with their target."""

import datetime as dt

import pytest
from django.db import OperationalError

from assemblies import services as assembly_services
from assemblies.models import Assembly
from reminders import planning, receivers
from reminders.kinds.base import due_at
from reminders.models import Delivery, ReminderRule
from secretariat.models import ActionItem, Agreement
from teams.models import Exchange
from tests.factories import ExchangeFactory
from tests.reminders.conftest import NOW

EMAIL, APP = Delivery.Channel.EMAIL, Delivery.Channel.APP


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def rule(world, kind: str) -> ReminderRule:
    return ReminderRule.objects.select_related("council").get(council=world.council, kind=kind)


def plan(world, kind: str, now=NOW) -> set[tuple]:
    """Plan one rule at `now`; its rows as (offset, recipient, channel, due_at, status)."""
    planning.sync(rule(world, kind), now=now)
    return rows(world, kind)


def rows(world, kind: str) -> set[tuple]:
    return {
        (d.offset, d.recipient.name, d.channel, d.due_at, d.status)
        for d in Delivery.objects.filter(rule__council=world.council, rule__kind=kind).select_related("recipient")
    }


def assembly(world, starts_at: dt.datetime, **fields) -> Assembly:
    seoul = world.council.rotation()[0]
    return Assembly.objects.create(
        council=world.council, sequence=1, cycle=starts_at.year, host_city=seoul, starts_at=starts_at, **fields
    )


# --- local hour ---------------------------------------------------------------------------------


def test_nine_oclock_is_nine_oclock_in_each_recipients_city(world):
    day = dt.date(2026, 12, 1)
    assert due_at(day, 9, world.secretariat) == utc(2026, 12, 1, 0, 0)  # Seoul, UTC+9
    assert due_at(day, 9, world.lead_beijing) == utc(2026, 12, 1, 1, 0)  # Beijing, UTC+8


def test_the_hour_follows_daylight_saving_in_the_persons_zone(world):
    # New York: EST (UTC-5) until Sunday 8 March 2026, EDT (UTC-4) from then on.
    assert due_at(dt.date(2026, 3, 7), 9, world.traveller) == utc(2026, 3, 7, 14, 0)
    assert due_at(dt.date(2026, 3, 9), 9, world.traveller) == utc(2026, 3, 9, 13, 0)
    # And back on 1 November.
    assert due_at(dt.date(2026, 11, 2), 9, world.traveller) == utc(2026, 11, 2, 14, 0)


def test_the_rules_sending_hour_is_used(world):
    the_rule = rule(world, "assembly")
    the_rule.send_hour = 14
    the_rule.save()
    assembly(world, utc(2027, 6, 1, 1, 0))
    planned = plan(world, "assembly")
    assert (-180, "Kim Secretariat", EMAIL, utc(2026, 12, 3, 5, 0), "due") in planned


# --- the general assembly -------------------------------------------------------------------------


def test_assembly_reminds_secretariat_leads_and_mayors_offices_on_each_day(world):
    assembly(world, utc(2027, 6, 1, 1, 0))  # 10:00 in Seoul on 1 June 2027
    days = {-180: (2026, 12, 3), -90: (2027, 3, 3), -30: (2027, 5, 2), -7: (2027, 5, 25), -1: (2027, 5, 31)}
    expected = set()
    for offset, (y, m, d) in days.items():
        seoul_nine, beijing_nine = utc(y, m, d, 0, 0), utc(y, m, d, 1, 0)
        expected |= {
            (offset, "Kim Secretariat", EMAIL, seoul_nine, "due"),
            (offset, "Kim Secretariat", APP, seoul_nine, "due"),
            (offset, "Park Lead", EMAIL, seoul_nine, "due"),
            (offset, "Zhao Lead", EMAIL, beijing_nine, "due"),
            (offset, "Zhao Lead", APP, beijing_nine, "due"),
            (offset, "Liu Lead", EMAIL, beijing_nine, "due"),
            (offset, "Mayor Office", APP, seoul_nine, "due"),
        }
    assert plan(world, "assembly") == expected


def test_moments_already_past_when_planned_are_not_made_except_within_a_day(world):
    # Opens on 3 December: the 7-day moment (26 November, 09:00) passed an hour ago in Seoul.
    assembly(world, utc(2026, 12, 3, 1, 0))
    planned = plan(world, "assembly")
    assert {offset for offset, *_rest in planned} == {-7, -1}


def test_planning_twice_changes_nothing(world):
    assembly(world, utc(2027, 6, 1, 1, 0))
    first = plan(world, "assembly")
    ids = set(Delivery.objects.values_list("pk", flat=True))
    assert plan(world, "assembly") == first
    assert set(Delivery.objects.values_list("pk", flat=True)) == ids


def test_postponing_moves_unsent_reminders_and_leaves_sent_ones(world, django_capture_on_commit_callbacks):
    the_assembly = assembly(world, utc(2027, 6, 1, 1, 0))
    plan(world, "assembly")
    sent = Delivery.objects.get(offset=-180, recipient=world.secretariat, channel=EMAIL)
    sent.status, sent.sent_at = Delivery.Status.SENT, NOW
    sent.save()

    with django_capture_on_commit_callbacks(execute=True):
        assembly_services.postpone_assembly(
            assembly=the_assembly, new_start=utc(2027, 6, 15, 1, 0), reason="Venue renovation", by=None
        )

    moved = Delivery.objects.get(offset=-7, recipient=world.lead_beijing, channel=APP)
    assert moved.due_at == utc(2027, 6, 8, 1, 0)
    sent.refresh_from_db()
    assert (sent.status, sent.due_at) == (Delivery.Status.SENT, utc(2026, 12, 3, 0, 0))
    assert Delivery.objects.filter(rule__council=world.council, rule__kind="assembly").count() == 35


def test_cancelling_withdraws_the_unsent_reminders_only(world, django_capture_on_commit_callbacks):
    the_assembly = assembly(world, utc(2027, 6, 1, 1, 0))
    plan(world, "assembly")
    sent = Delivery.objects.get(offset=-180, recipient=world.secretariat, channel=EMAIL)
    sent.status = Delivery.Status.SENT
    sent.save()

    with django_capture_on_commit_callbacks(execute=True):
        assembly_services.cancel_assembly(assembly=the_assembly, reason="Merged with the next one", by=None)

    remaining = Delivery.objects.filter(rule__council=world.council, rule__kind="assembly")
    assert list(remaining.values_list("pk", flat=True)) == [sent.pk]


# --- achievements input -------------------------------------------------------------------------------


def test_achievements_input_goes_to_leads_until_their_team_is_ready(world, django_capture_on_commit_callbacks):
    the_assembly = assembly(world, utc(2027, 6, 1, 1, 0))
    planned = plan(world, "achievements_input")
    assert {(offset, name) for offset, name, *_rest in planned} == {
        (offset, name) for offset in (-60, -30, -14) for name in ("Park Lead", "Zhao Lead", "Liu Lead")
    }

    with django_capture_on_commit_callbacks(execute=True):
        assembly_services.mark_input_ready(assembly=the_assembly, team=world.team, by=None)

    assert {name for _offset, name, *_rest in rows(world, "achievements_input")} == {"Liu Lead"}

    with django_capture_on_commit_callbacks(execute=True):
        assembly_services.reopen_input(assembly=the_assembly, team=world.team)

    assert {name for _offset, name, *_rest in rows(world, "achievements_input")} == {
        "Park Lead", "Zhao Lead", "Liu Lead",
    }  # fmt: skip


# --- exchanges ------------------------------------------------------------------------------------------


def test_exchange_starting_reminds_people_involved_and_the_teams_leads_once_each(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exchange = ExchangeFactory(team=world.team, starts_on=dt.date(2026, 12, 10))
        exchange.people.set([world.member, world.lead_seoul, world.traveller])
    planned = plan(world, "exchange_starting")
    assert planned == {
        (-7, "Park Lead", EMAIL, utc(2026, 12, 3, 0, 0), "due"),
        (-7, "Zhao Lead", EMAIL, utc(2026, 12, 3, 1, 0), "due"),
        (-7, "Zhao Lead", APP, utc(2026, 12, 3, 1, 0), "due"),
        (-7, "Choi Member", EMAIL, utc(2026, 12, 3, 0, 0), "due"),
        (-7, "Jane Traveller", EMAIL, utc(2026, 12, 3, 14, 0), "due"),  # 09:00 in New York
    }

    with django_capture_on_commit_callbacks(execute=True):
        exchange.status = Exchange.Status.CANCELLED
        exchange.save()
    assert rows(world, "exchange_starting") == set()


def test_a_saved_exchange_is_planned_on_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeFactory(team=world.team, starts_on=dt.date(2026, 12, 10))
    assert {name for _offset, name, *_rest in rows(world, "exchange_starting")} == {"Park Lead", "Zhao Lead"}


def test_a_replanning_that_fails_after_the_commit_keeps_the_change_and_the_beats_plan_makes_it_up(
    world, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def busy(*args):  # as SQLite answers a second writer: the change is committed, its planning not done
        raise OperationalError("database is locked")

    monkeypatch.setattr(receivers, "sync_targets", busy)
    with django_capture_on_commit_callbacks(execute=True):
        exchange = ExchangeFactory(team=world.team, starts_on=dt.date(2026, 12, 10))
    assert Exchange.objects.filter(pk=exchange.pk).exists()
    assert rows(world, "exchange_starting") == set()
    assert "database is locked" in caplog.text

    monkeypatch.undo()
    planning.plan_all()
    assert {name for _offset, name, *_rest in rows(world, "exchange_starting")} == {"Park Lead", "Zhao Lead"}


def test_completed_exchange_without_outcomes_reminds_leads_fourteen_days_after_it_ended(world):
    exchange = ExchangeFactory(
        team=world.team, status=Exchange.Status.COMPLETED,
        starts_on=dt.date(2026, 11, 18), ends_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    assert plan(world, "outcomes_missing") == {
        (14, "Park Lead", EMAIL, utc(2026, 12, 4, 0, 0), "due"),
        (14, "Zhao Lead", EMAIL, utc(2026, 12, 4, 1, 0), "due"),
        (14, "Zhao Lead", APP, utc(2026, 12, 4, 1, 0), "due"),
    }
    Exchange.objects.filter(pk=exchange.pk).update(outcomes="Two MOUs signed.")
    assert plan(world, "outcomes_missing") == set()


# --- action items -----------------------------------------------------------------------------------------


def action(world, due_on: dt.date, owner=None) -> ActionItem:
    return ActionItem.objects.create(council=world.council, title="Send the draft", owner=owner or world.lead_beijing,
                                     due_on=due_on)  # fmt: skip


def test_action_due_tomorrow_reminds_the_owner_today_at_nine_even_if_created_later(world):
    action(world, dt.date(2026, 11, 27))
    # 09:00 in Beijing today has passed (it is 18:00 there): still within a day, so it goes out now.
    assert plan(world, "action_due") == {
        (-1, "Zhao Lead", EMAIL, utc(2026, 11, 26, 1, 0), "due"),
        (-1, "Zhao Lead", APP, utc(2026, 11, 26, 1, 0), "due"),
    }


def test_overdue_action_is_reminded_weekly_from_the_next_moment_on(world):
    action(world, dt.date(2026, 11, 16), owner=world.lead_seoul)  # overdue since 17 November
    # Moments: 17 Nov (+1), 24 Nov (+8) — past — then 1 Dec (+15), the next one ahead.
    assert plan(world, "action_overdue") == {(15, "Park Lead", EMAIL, utc(2026, 12, 1, 0, 0), "due")}
    # A week later the plan adds the following one and keeps the first.
    later = plan(world, "action_overdue", now=NOW + dt.timedelta(days=7))
    assert {offset for offset, *_rest in later} == {15, 22}


def test_done_action_withdraws_its_reminders(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = action(world, dt.date(2026, 12, 5))
    assert len(rows(world, "action_due")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        item.status = ActionItem.Status.DONE
        item.save()
    assert rows(world, "action_due") == set()


# --- agreements ---------------------------------------------------------------------------------------------


def test_agreement_review_and_expiry_remind_the_secretariat(world):
    Agreement.objects.create(
        council=world.council, title="MOU", parties="Seoul\nBeijing",
        status=Agreement.Status.IN_FORCE, review_on=dt.date(2027, 3, 1), expires_on=dt.date(2027, 1, 10),
    )  # fmt: skip
    assert plan(world, "agreement_review") == {
        (-90, "Kim Secretariat", EMAIL, utc(2026, 12, 1, 0, 0), "due"),
        (-90, "Kim Secretariat", APP, utc(2026, 12, 1, 0, 0), "due"),
        (-30, "Kim Secretariat", EMAIL, utc(2027, 1, 30, 0, 0), "due"),
        (-30, "Kim Secretariat", APP, utc(2027, 1, 30, 0, 0), "due"),
    }
    # Expiry on 10 January: the 90-day moment (12 October) is long past; only the 30-day one is made.
    assert {offset for offset, *_rest in plan(world, "agreement_expiry")} == {-30}


# --- rules --------------------------------------------------------------------------------------------------


def test_every_council_gets_each_kind_once_with_its_defaults(world):
    rules = planning.ensure_rules(world.council)
    assert [(r.kind, r.days, r.repeat_every_days, r.send_hour) for r in rules] == [
        ("assembly", [180, 90, 30, 7, 1], None, 9),
        ("achievements_input", [60, 30, 14], None, 9),
        ("translations", [14, 7, 2], None, 9),
        ("exchange_starting", [7], None, 9),
        ("outcomes_missing", [14], None, 9),
        ("draft_submitted", [0], None, 9),
        ("draft_reviewed", [0], None, 9),
        ("action_due", [1], None, 9),
        ("action_overdue", [1], 7, 9),
        ("agreement_review", [90, 30], None, 9),
        ("agreement_expiry", [90, 30], None, 9),
    ]
    assert planning.ensure_rules(world.council) == rules


def test_an_inactive_rule_withdraws_what_it_had_made(world):
    assembly(world, utc(2027, 6, 1, 1, 0))
    plan(world, "assembly")
    ReminderRule.objects.filter(council=world.council, kind="assembly").update(active=False)
    assert plan(world, "assembly") == set()


@pytest.mark.parametrize("kind", ["assembly", "action_due"])
def test_rules_of_another_council_are_not_touched(world, kind):
    assembly(world, utc(2027, 6, 1, 1, 0))
    action(world, dt.date(2026, 12, 5))
    other = planning.ensure_rules(type(world.council).objects.exclude(pk=world.council.pk).first())
    before = Delivery.objects.exclude(rule__council=world.council).count()
    plan(world, kind)
    assert Delivery.objects.exclude(rule__council=world.council).count() == before
    assert other


def test_a_long_exchange_is_chased_from_its_end_and_only_within_sixty_days_of_it(world):
    ExchangeFactory(
        team=world.team, status=Exchange.Status.COMPLETED,
        starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    ExchangeFactory(
        team=world.team, status=Exchange.Status.COMPLETED,
        starts_on=dt.date(2026, 9, 20), ends_on=dt.date(2026, 9, 25),
    )  # fmt: skip
    outcomes = rule(world, "outcomes_missing")
    outcomes.days = [14, 60]
    outcomes.save()

    # The first, six months long, 14 days after its end; the second ended 62 days before today (26 Nov):
    # its 60 days passed two days ago, and it is no longer looked at.
    assert plan(world, "outcomes_missing") == {
        (14, "Park Lead", EMAIL, utc(2026, 12, 4, 0, 0), "due"),
        (14, "Zhao Lead", EMAIL, utc(2026, 12, 4, 1, 0), "due"),
        (14, "Zhao Lead", APP, utc(2026, 12, 4, 1, 0), "due"),
        (60, "Park Lead", EMAIL, utc(2027, 1, 19, 0, 0), "due"),
        (60, "Zhao Lead", EMAIL, utc(2027, 1, 19, 1, 0), "due"),
        (60, "Zhao Lead", APP, utc(2027, 1, 19, 1, 0), "due"),
    }
