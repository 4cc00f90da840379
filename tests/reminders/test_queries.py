"""The reminders pages keep the same number of queries however many rows they show."""

import pytest
from django.conf import settings
from django.urls import reverse

from reminders.models import Delivery, ReminderRule
from tests.fixtures.reminders import make_delivery, make_notification, person_of
from tests.texts import warm_content_types


@pytest.mark.parametrize("rows", [1, 30])
def test_notifications_query_count_is_constant(client, demo_user, django_assert_num_queries, rows):
    kim = person_of("secretariat-seoul")
    for n in range(rows):
        make_notification(kim, f"Reminder {n}", read=n % 2 == 1)
    client.force_login(demo_user("secretariat-seoul"))

    # session, user, person, roles; page count, page rows; the unread count (navigation and heading)
    with django_assert_num_queries(7):
        response = client.get(reverse("reminders:notifications"))

    assert len(response.context["notifications"]) == min(rows, settings.PAGE_SIZE)


@pytest.mark.parametrize("rows", [1, 30])
def test_deliveries_query_count_is_constant(
    client, demo_user, django_assert_num_queries, assembly_rule, next_assembly, rows
):
    Delivery.objects.filter(rule__council=assembly_rule.council).delete()
    recipients = [person_of(name) for name in ("lead-economy-seoul", "lead-economy-beijing", "mayor-office-seoul")]
    for n in range(rows):
        make_delivery(
            assembly_rule, next_assembly, recipients[n % 3], offset=-500 - n, status=list(Delivery.Status)[n % 4]
        )
    client.force_login(demo_user("secretariat-seoul"))
    warm_content_types()  # every kind's target type

    # session, user, person, roles; page count, page rows (with rule, recipient, target type), their
    # targets (one query per kind of target: here assemblies) and their versions; counts per status; the
    # unread count
    with django_assert_num_queries(10):
        response = client.get(reverse("reminders:deliveries"))

    assert len(response.context["deliveries"]) == min(rows, settings.PAGE_SIZE)


def test_rules_query_count(client, demo_user, django_assert_num_queries, assembly_rule):
    client.force_login(demo_user("secretariat-seoul"))

    # session, user, person, roles; add the rules of kinds the council has none of yet, then read the
    # rules; the unread count
    with django_assert_num_queries(7):
        response = client.get(reverse("reminders:rules"))

    assert len(response.context["rules"]) == ReminderRule.objects.filter(council=assembly_rule.council).count() == 11
