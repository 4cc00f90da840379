"""Every kind's days on the rules page: 0, the day itself, where a reminder on that day says something
true; refused with the reason where it does not, or where a kind no longer looks at its records. A
draft's notices go at the time of its step, so their rule has days and no hour."""

import re

import pytest
from django.urls import reverse

from reminders.kinds import KINDS
from reminders.models import ReminderRule
from tests.reminders.test_pages import rule_state

COUNCIL = "Seoul–Beijing Integration Council"


def rule_of(kind: str) -> ReminderRule:
    return ReminderRule.objects.get(council__name_en=COUNCIL, kind=kind)


def edit(client, rule: ReminderRule, data: dict):
    return client.post(reverse("reminders:rule-edit", args=[rule.pk]), data)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "action_overdue"])
def test_every_kind_but_the_overdue_item_takes_the_day_itself(client, demo_user, kind):
    rule = rule_of(kind)
    repeat = rule.repeat_every_days
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(reverse("reminders:rule-edit", args=[rule.pk]))
    response = edit(client, rule, {"days": "0", "send_hour": "9", "active": "on"})

    assert page.status_code == 200
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.days, rule.repeat_every_days, rule.send_hour, rule.active) == ([0], repeat, 9, True)


def test_an_item_is_not_overdue_on_its_due_date_so_0_is_refused_with_the_reason(client, demo_user):
    rule = rule_of("action_overdue")
    before = rule_state(rule)
    client.force_login(demo_user("secretariat-seoul"))

    response = edit(client, rule, {"days": "0, 7", "repeat_every_days": "7", "send_hour": "9", "active": "on"})

    error = "Each day must be between 1 and 730. An action item is overdue only from the day after its due date."
    assert response.status_code == 200
    assert response.context["form"].errors == {"days": [error]}
    assert error in response.content.decode()
    assert rule_state(rule) == before


@pytest.mark.parametrize(
    ("kind", "days", "error"),
    [
        (
            "draft_submitted", "31",
            "Each day must be between 0 and 30. A draft's step is not notified any more after 30 days.",
        ),
        (
            "draft_reviewed", "0, 45",
            "Each day must be between 0 and 30. A draft's step is not notified any more after 30 days.",
        ),
        (
            "outcomes_missing", "14, 61",
            "Each day must be between 0 and 60. Completed exchanges are followed up for 60 days after they end.",
        ),
    ],
)  # fmt: skip
def test_days_beyond_a_kinds_reach_are_refused_with_the_reason(client, demo_user, kind, days, error):
    rule = rule_of(kind)
    before = rule_state(rule)
    client.force_login(demo_user("secretariat-seoul"))

    response = edit(client, rule, {"days": days, "send_hour": "9", "active": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"days": [error]}
    assert rule_state(rule) == before


@pytest.mark.parametrize("kind", ["draft_submitted", "draft_reviewed"])
def test_a_drafts_notices_take_days_and_a_repeat_but_no_hour(client, demo_user, kind):
    rule = rule_of(kind)
    client.force_login(demo_user("secretariat-seoul"))

    form = client.get(reverse("reminders:rule-edit", args=[rule.pk])).context["form"]
    edit(client, rule, {"days": "2, 0", "repeat_every_days": "3", "send_hour": "15", "active": "on"})
    page = client.get(reverse("reminders:rules")).content.decode()

    assert list(form.fields) == ["days", "repeat_every_days", "active"]
    rule.refresh_from_db()
    assert (rule.days, rule.repeat_every_days, rule.send_hour, rule.active) == ([0, 2], 3, 9, True)
    row = re.search(rf'<tr data-rule="{kind}">(.*?)</tr>', page, re.S).group(1)
    assert "data-days>0, 2</td>" in row
    assert "data-hour>At the time of the step</td>" in row
    assert "data-hour>09:00</td>" in re.search(r'<tr data-rule="assembly">(.*?)</tr>', page, re.S).group(1)
