"""The reminders pages through the browser's requests: rules, deliveries and resend, notifications, the nav."""

import datetime as dt
import zoneinfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reminders.kinds import KINDS
from reminders.models import Delivery, Notification, ReminderRule
from reminders.planning import sync
from tests.fixtures.reminders import make_delivery, make_notification, person_of

S = Delivery.Status
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
MONTH = dt.timedelta(days=30)


def in_seoul(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL).astimezone(dt.UTC)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# Rules --------------------------------------------------------------------------------------------


def rule_state(rule: ReminderRule) -> tuple:
    """The rule and its rows as stored, to show that a refusal changed nothing."""
    rule.refresh_from_db()
    rows = list(rule.deliveries.order_by("pk").values_list("pk", "offset", "status", "due_at"))
    return rule.days, rule.repeat_every_days, rule.send_hour, rule.active, rule.updated_at, rows


def rule_data(**fields) -> dict:
    return {"days": "180, 90, 30, 7, 1", "send_hour": "9", "active": "on", **fields}


def test_the_rules_page_lists_the_councils_eleven_rules_in_the_kinds_order(client, demo_user):
    client.force_login(demo_user("secretariat-beijing"))

    response = client.get(reverse("reminders:rules"))

    assert [rule.kind for rule in response.context["rules"]] == [
        "assembly", "achievements_input", "translations", "exchange_starting", "outcomes_missing",
        "draft_submitted", "draft_reviewed", "action_due", "action_overdue", "agreement_review", "agreement_expiry",
    ]  # fmt: skip
    assert list(KINDS) == [rule.kind for rule in response.context["rules"]]
    page = response.content.decode()
    assert "data-days>180, 90, 30, 7, 1</td>" in page
    assert "data-hour>09:00</td>" in page
    assert "every 7 days" in page  # the overdue reminder's repeat


def test_editing_a_rule_saves_it_and_moves_its_unsent_reminders(
    client, demo_user, assembly_rule, next_assembly, time_machine
):
    # 100 days before the assembly: its reminders 90, 30, 7 and 1 days before are all still ahead.
    time_machine.move_to(next_assembly.starts_at - dt.timedelta(days=100), tick=False)
    sync(assembly_rule)
    lee = person_of("lead-economy-seoul")
    row = Delivery.objects.get(
        rule=assembly_rule, target_id=next_assembly.pk, offset=-30, recipient=lee, channel=Delivery.Channel.EMAIL
    )
    thirty_days_before = timezone.localtime(next_assembly.starts_at, next_assembly.host_city.zone).date() - MONTH
    assert row.due_at == in_seoul(thirty_days_before, 9)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(
        reverse("reminders:rule-edit", args=[assembly_rule.pk]), rule_data(days="30, 90, 7", send_hour="15")
    )

    assert response.status_code == 302
    assert response.url == reverse("reminders:rules")
    assembly_rule.refresh_from_db()
    assert (assembly_rule.days, assembly_rule.repeat_every_days, assembly_rule.send_hour, assembly_rule.active) == (
        [90, 30, 7], None, 15, True,
    )  # fmt: skip
    row.refresh_from_db()
    assert (row.status, row.due_at) == (S.DUE, in_seoul(thirty_days_before, 15))
    offsets = set(assembly_rule.deliveries.filter(target_id=next_assembly.pk).values_list("offset", flat=True))
    assert offsets == {-90, -30, -7}  # 180 and 1 days before are withdrawn
    assert messages_of(client.get(response.url)) == ["Reminder rule saved; unsent reminders were moved."]


def test_a_repeating_rule_keeps_its_interval_and_others_have_none(client, demo_user, assembly_rule):
    overdue = ReminderRule.objects.get(council=assembly_rule.council, kind="action_overdue")
    client.force_login(demo_user("secretariat-seoul"))

    client.post(reverse("reminders:rule-edit", args=[overdue.pk]), rule_data(days="2", repeat_every_days="14"))
    client.post(reverse("reminders:rule-edit", args=[assembly_rule.pk]), rule_data(repeat_every_days="14"))

    overdue.refresh_from_db()
    assembly_rule.refresh_from_db()
    assert (overdue.days, overdue.repeat_every_days) == ([2], 14)
    assert (assembly_rule.days, assembly_rule.repeat_every_days) == ([180, 90, 30, 7, 1], None)
    form = client.get(reverse("reminders:rule-edit", args=[assembly_rule.pk])).context["form"]
    assert "repeat_every_days" not in form.fields


def test_switching_a_rule_off_withdraws_its_unsent_reminders(client, demo_user, assembly_rule, failed_delivery):
    client.force_login(demo_user("secretariat-seoul"))

    client.post(reverse("reminders:rule-edit", args=[assembly_rule.pk]), rule_data(active=""))

    assembly_rule.refresh_from_db()
    assert assembly_rule.active is False
    assert list(assembly_rule.deliveries.values_list("pk", flat=True)) == [failed_delivery.pk]  # not unsent


THIRTEEN = ", ".join(str(day) for day in range(1, 14))


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (rule_data(days=""), "days", "Enter at least one day."),
        (rule_data(days=" , "), "days", "Enter at least one day."),
        (rule_data(days="abc"), "days", "Enter whole numbers of days separated by commas, for example “30, 7, 1”."),
        (rule_data(days="7.5"), "days", "Enter whole numbers of days separated by commas, for example “30, 7, 1”."),
        (rule_data(days="-1"), "days", "Each day must be between 0 and 730."),
        (rule_data(days="731"), "days", "Each day must be between 0 and 730."),
        (rule_data(days="7,7"), "days", "Each day may be given once; repeated: 7."),
        (rule_data(days=THIRTEEN), "days", "Give at most 12 days."),
        (rule_data(send_hour="24"), "send_hour", "Choose an hour between 00:00 and 23:00."),
        (rule_data(send_hour=""), "send_hour", "This field is required."),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, demo_user, assembly_rule, data, field, error):
    before = rule_state(assembly_rule)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(reverse("reminders:rule-edit", args=[assembly_rule.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert error in response.content.decode()
    assert rule_state(assembly_rule) == before


def test_a_bad_repeat_interval_is_explained_and_changes_nothing(client, demo_user, assembly_rule):
    overdue = ReminderRule.objects.get(council=assembly_rule.council, kind="action_overdue")
    before = rule_state(overdue)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(
        reverse("reminders:rule-edit", args=[overdue.pk]), rule_data(days="1", repeat_every_days="0")
    )

    assert response.context["form"].errors == {"repeat_every_days": ["Enter a whole number of days between 1 and 365."]}
    assert rule_state(overdue) == before


def test_another_councils_rule_is_not_found_and_stays_as_it_is(client, demo_user, foreign_rule):
    before = rule_state(foreign_rule)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(reverse("reminders:rule-edit", args=[foreign_rule.pk]), rule_data(send_hour="15"))

    assert response.status_code == 404
    assert rule_state(foreign_rule) == before


def test_a_team_lead_may_not_change_a_rule(client, demo_user, assembly_rule):
    before = rule_state(assembly_rule)
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("reminders:rule-edit", args=[assembly_rule.pk]), rule_data(send_hour="15"))

    assert response.status_code == 403
    assert rule_state(assembly_rule) == before


# Deliveries ---------------------------------------------------------------------------------------


@pytest.fixture
def rows(assembly_rule, next_assembly, economy_action, foreign_delivery) -> dict[str, Delivery]:
    """Four rows of the demo council (its planned ones cleared), and another council's that must not show."""
    Delivery.objects.filter(rule__council=assembly_rule.council).delete()
    action_due = ReminderRule.objects.get(council=assembly_rule.council, kind="action_due")
    hour = dt.datetime(2026, 10, 1, 0, 0, tzinfo=dt.UTC)
    lee, zhang = person_of("lead-economy-seoul"), person_of("lead-economy-beijing")
    return {
        "failed": make_delivery(
            assembly_rule, next_assembly, lee, due_at=hour, status=S.FAILED, attempts=6,
            last_error="SMTPRecipientsRefused: 550 no such user",
        ),
        "sent": make_delivery(assembly_rule, next_assembly, zhang, due_at=hour + dt.timedelta(days=1), status=S.SENT),
        "due": make_delivery(assembly_rule, next_assembly, lee, offset=-30, due_at=hour + dt.timedelta(days=3)),
        "action": make_delivery(
            action_due, economy_action, person_of("member-economy-seoul"), offset=-1,
            due_at=hour + dt.timedelta(days=2), status=S.QUEUED,
        ),
    }  # fmt: skip


def listed(client, **params) -> list[int]:
    response = client.get(reverse("reminders:deliveries"), params)
    assert response.status_code == 200
    return [delivery.pk for delivery in response.context["deliveries"]]


def test_the_deliveries_list_shows_failed_then_upcoming_then_sent_with_counts(client, demo_user, rows):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("reminders:deliveries"))

    assert [d.pk for d in response.context["deliveries"]] == [
        rows["failed"].pk,
        rows["action"].pk,  # upcoming: the sooner first
        rows["due"].pk,
        rows["sent"].pk,
    ]
    assert response.context["statuses"] == [
        ("due", "Due", 1),
        ("queued", "Queued", 1),
        ("sent", "Sent", 1),
        ("failed", "Failed", 1),
    ]
    page = response.content.decode()
    assert f'href="{rows["action"].target.get_absolute_url()}"' in page
    assert "SMTPRecipientsRefused: 550 no such user" in page
    assert page.count(">Resend</button>") == 1  # only the failed row


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "failed"}, ["failed"]),
        ({"status": "due"}, ["due"]),
        ({"kind": "action_due"}, ["action"]),
        ({"kind": "assembly"}, ["failed", "due", "sent"]),
        ({"kind": "assembly", "status": "sent"}, ["sent"]),
        ({"kind": "agreement_review"}, []),
    ],
)
def test_the_deliveries_list_filters_by_status_and_kind(client, demo_user, rows, params, expected):
    client.force_login(demo_user("secretariat-seoul"))
    assert listed(client, **params) == [rows[name].pk for name in expected]


def test_an_unknown_filter_value_is_explained_not_an_error(client, demo_user, rows):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("reminders:deliveries"), {"status": "lost"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors == {
        "status": ["Select a valid choice. lost is not one of the available choices."]
    }


def delivery_state(delivery: Delivery) -> tuple:
    delivery.refresh_from_db()
    return delivery.status, delivery.claimed_at, delivery.attempts, delivery.last_error, delivery.sent_at


def test_resending_a_failed_row_queues_it_again_after_commit(
    client, demo_user, rows, django_capture_on_commit_callbacks
):
    failed = rows["failed"]
    client.force_login(demo_user("secretariat-seoul"))
    back = reverse("reminders:deliveries") + "?status=failed&kind=assembly"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("reminders:delivery-resend", args=[failed.pk]), {"next": back})

    assert (response.status_code, response.url) == (302, back)
    assert len(callbacks) == 1  # the send, enqueued once the claim is committed (no worker here: not run)
    status, claimed_at, attempts, last_error, sent_at = delivery_state(failed)
    assert (status, attempts, sent_at) == (S.QUEUED, 6, None)
    assert claimed_at is not None
    assert messages_of(client.get(back)) == ["Queued again."]


def test_resending_a_row_that_is_not_failed_changes_nothing(
    client, demo_user, rows, django_capture_on_commit_callbacks
):
    sent = rows["sent"]
    before = delivery_state(sent)
    client.force_login(demo_user("secretariat-seoul"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("reminders:delivery-resend", args=[sent.pk]))

    assert (response.status_code, response.url) == (302, reverse("reminders:deliveries"))
    assert callbacks == []
    assert delivery_state(sent) == before
    assert messages_of(client.get(response.url)) == ["This delivery is not failed; nothing was resent."]


def test_resend_goes_back_only_to_an_address_on_this_site(client, demo_user, rows):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(
        reverse("reminders:delivery-resend", args=[rows["failed"].pk]), {"next": "https://evil.example/deliveries/"}
    )

    assert response.url == reverse("reminders:deliveries")


def test_another_councils_row_is_not_found_and_not_resent(client, demo_user, foreign_delivery):
    before = delivery_state(foreign_delivery)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(reverse("reminders:delivery-resend", args=[foreign_delivery.pk]))

    assert response.status_code == 404
    assert delivery_state(foreign_delivery) == before


# Notifications ------------------------------------------------------------------------------------


@pytest.fixture
def inbox(db) -> dict[str, Notification]:
    """Kim Ji-young's (secretariat-seoul) three notifications, one read; and Lee Min-jun's, unread."""
    kim, lee = person_of("secretariat-seoul"), person_of("lead-economy-seoul")
    made = {
        "oldest": make_notification(kim, "Review in 30 days: the 2013 memorandum", read=True),
        "middle": make_notification(kim, "Due on 1 December: the trade fair plan"),
        "newest": make_notification(
            kim, "General assembly no. 7: 30 days to go", url=settings.SITE_URL + "/assemblies/"
        ),
        "lees": make_notification(lee, "Outcomes missing: Seoul–Beijing business forum"),
    }
    start = dt.datetime(2026, 11, 1, 1, 0, tzinfo=dt.UTC)
    for hours, name in enumerate(["oldest", "middle", "newest", "lees"]):
        Notification.objects.filter(pk=made[name].pk).update(created_at=start + dt.timedelta(hours=hours))
    return made


def read_state() -> dict[int, bool]:
    """Per notification: still unread?"""
    return {pk: read_at is None for pk, read_at in Notification.objects.values_list("pk", "read_at")}


def test_the_notifications_page_shows_only_my_own_newest_first_with_the_unread_marked(client, demo_user, inbox):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("reminders:notifications"))

    assert [n.subject for n in response.context["notifications"]] == [
        "General assembly no. 7: 30 days to go",
        "Due on 1 December: the trade fair plan",
        "Review in 30 days: the 2013 memorandum",
    ]
    page = response.content.decode()
    assert "Outcomes missing" not in page
    assert page.count('<span class="badge text-bg-primary ms-1">new</span>') == 2
    assert page.count('class="list-group-item fw-semibold"') == 2  # bold too, not colour alone
    assert "2 unread" in page
    assert "1 Nov 2026, 11:00" in page  # the newest, received 02:00 UTC, in Seoul time


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, demo_user, inbox):
    client.force_login(demo_user("secretariat-seoul"))
    before = read_state()

    response = client.post(reverse("reminders:notification-open", args=[inbox["newest"].pk]))

    assert (response.status_code, response.url) == (302, "/assemblies/")
    assert read_state() == {**before, inbox["newest"].pk: False}


def test_another_persons_notification_is_not_found_and_stays_unread(client, demo_user, inbox):
    client.force_login(demo_user("secretariat-seoul"))
    before = read_state()

    response = client.post(reverse("reminders:notification-open", args=[inbox["lees"].pk]))

    assert response.status_code == 404
    assert read_state() == before


def test_mark_all_read_marks_only_my_own(client, demo_user, inbox):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(reverse("reminders:notifications-read"), follow=True)

    assert response.redirect_chain == [(reverse("reminders:notifications"), 302)]
    assert messages_of(response) == ["All your notifications are marked read."]
    assert read_state() == {
        inbox["oldest"].pk: False, inbox["middle"].pk: False, inbox["newest"].pk: False, inbox["lees"].pk: True
    }  # fmt: skip
    assert "Mark all read" not in response.content.decode()


def test_the_navigation_shows_my_exact_unread_count(client, demo_user, inbox):
    badge = '<span class="badge rounded-pill text-bg-warning" data-unread-badge>{}<span class="visually-hidden">'
    client.force_login(demo_user("secretariat-seoul"))
    assert badge.format(2) in client.get(reverse("home")).content.decode()

    client.force_login(demo_user("lead-economy-seoul"))
    assert badge.format(1) in client.get(reverse("home")).content.decode()

    client.force_login(demo_user("lead-culture-seoul"))
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("reminders:notifications")}"' in page
    assert "data-unread-badge" not in page


def test_the_secretariat_menu_links_the_reminder_pages_for_the_secretariat_only(client, demo_user):
    links = [f'href="{reverse("reminders:rules")}"', f'href="{reverse("reminders:deliveries")}"']
    client.force_login(demo_user("secretariat-beijing"))
    page = client.get(reverse("home")).content.decode()
    assert all(link in page for link in links)
    client.force_login(demo_user("lead-economy-seoul"))
    page = client.get(reverse("home")).content.decode()
    assert not any(link in page for link in links)


def test_an_account_without_a_person_gets_an_explanation_not_an_error(client, db):
    it_staff = get_user_model().objects.create_user("it-staff", password="x", is_staff=True)
    client.force_login(it_staff)

    response = client.get(reverse("reminders:notifications"))

    assert response.status_code == 200
    assert list(response.context["notifications"]) == []
    assert "Your account is not linked to a person of a council" in response.content.decode()
    assert reverse("reminders:notifications") not in client.get(reverse("home")).content.decode()  # no nav item
