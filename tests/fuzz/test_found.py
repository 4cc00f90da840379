"""What the fuzzer found: each server error it provoked, as a plain test that keeps it fixed.

Two kinds of number broke lookups: "²" (`str.isdigit()` is true, `int()` fails) and numbers past 64 bits
(SQLite cannot take them as a query parameter: OverflowError). Service refusals named fields a form did
not have; a relative `next` was taken for a view's name; the first and last days of the calendar
overflowed a filter; and on PostgreSQL a username longer than its column failed the lockout's record.
Each answer is now a page, a message or "not found", and nothing is saved.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.fuzz.snapshot import signature

PAST_64_BITS = "99999999999999999999"


@pytest.fixture
def secretariat(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    return client


def test_a_goal_with_a_superscript_digit_for_an_exchange_is_refused(secretariat, economy_plan):
    before = signature()

    response = secretariat.post(reverse("teams:goal-create", args=[economy_plan.pk]), {"exchanges": ["²"]})

    assert response.status_code == 200
    assert response.context["form"].errors["exchanges"] == ["“²” is not a valid value."]
    assert signature() == before


@pytest.mark.parametrize("field", ["departments", "people", "goals"])
def test_an_exchange_with_a_number_past_64_bits_for_a_choice_is_refused(secretariat, field):
    before = signature()

    response = secretariat.post(reverse("teams:exchange-create"), {field: [PAST_64_BITS]})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"Select a valid choice. {PAST_64_BITS} is not one of the available choices."
    ]
    assert signature() == before


def test_a_letter_with_a_number_past_64_bits_for_a_person_is_refused(secretariat):
    before = signature()

    response = secretariat.post(reverse("secretariat:correspondence-create"), {"people": [PAST_64_BITS]})

    assert response.status_code == 200
    assert response.context["form"].errors["people"] == [
        f"Select a valid choice. {PAST_64_BITS} is not one of the available choices."
    ]
    assert signature() == before


def test_a_programme_with_a_number_past_64_bits_for_an_attendee_is_refused(secretariat, next_assembly):
    before = signature()

    response = secretariat.post(reverse("assemblies:programme", args=[next_assembly.pk]), {"attendees": [PAST_64_BITS]})

    assert response.status_code == 200
    assert response.context["form"].errors["attendees"] == [
        f"Select a valid choice. {PAST_64_BITS} is not one of the available choices."
    ]
    assert signature() == before


def test_scheduling_with_a_superscript_digit_for_the_cycle_schedules_nothing(secretariat, next_assembly):
    before = signature()

    response = secretariat.post(reverse("assemblies:schedule"), {"cycle": "²"})

    # As with no cycle: not the page's, so the page was out of date (tests/assemblies/test_pages.py).
    assert (response.status_code, response.url) == (302, reverse("assemblies:list"))
    assert signature() == before


@pytest.mark.parametrize("value", ["²", PAST_64_BITS])
def test_an_exchange_from_an_opportunity_named_by_an_odd_number_is_a_plain_new_exchange(secretariat, value):
    response = secretariat.get(reverse("teams:exchange-create"), {"opportunity": value})

    assert response.status_code == 200
    assert response.context["opportunity"] is None


@pytest.mark.parametrize("value", ["²", PAST_64_BITS])
def test_an_action_item_from_a_source_named_by_an_odd_number_is_not_found(secretariat, value):
    assert secretariat.get(reverse("secretariat:action-create"), {"exchange": value}).status_code == 404


def test_a_date_outside_the_cycle_without_a_reason_is_asked_for_on_the_form(secretariat, next_assembly):
    before = signature()
    data = {"starts_on": "2028-03-14", "start_time": "10:00", "venue": "Seoul City Hall", "reason": ""}

    response = secretariat.post(reverse("assemblies:edit", args=[next_assembly.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give the reason in writing; it is kept with the assembly."]}
    assert signature() == before


def test_a_postponement_to_an_earlier_date_is_refused_under_the_new_date(secretariat, next_assembly):
    before = signature()
    earlier = next_assembly.starts_at - dt.timedelta(days=30)
    data = {"new_date": f"{earlier:%Y-%m-%d}", "new_time": "10:00", "reason": "Earlier after all"}

    response = secretariat.post(reverse("assemblies:postpone", args=[next_assembly.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"new_date": ["A postponement moves the assembly to a later date."]}
    assert signature() == before


@pytest.mark.parametrize("back", ["deliveries", "a\x00b"])
def test_resend_goes_back_to_the_list_when_next_is_no_path(secretariat, failed_delivery, back):
    response = secretariat.post(reverse("reminders:delivery-resend", args=[failed_delivery.pk]), {"next": back})

    assert (response.status_code, response.url) == (302, reverse("reminders:deliveries"))


@pytest.mark.parametrize(
    ("field", "day", "message"),
    [
        ("sent_until", "9999-12-31", "Enter a date between 1900 and 2100."),
        ("sent_from", "0001-01-01", "Enter a date between 1900 and 2100."),
    ],
)
def test_a_correspondence_filter_date_at_the_end_of_the_calendar_is_refused(secretariat, field, day, message):
    response = secretariat.get(reverse("secretariat:correspondence-list"), {field: day})

    assert response.status_code == 200
    assert response.context["filter"].errors == {field: [message]}
    assert message in response.content.decode()
    assert response.context["page"].paginator.count == response.context["filter"].queryset.count()  # not applied


def test_a_sign_in_with_a_username_longer_than_any_is_recorded_within_its_column(client, db):
    """PostgreSQL refused the lockout's record of a 400-character username (a server error); SQLite kept it."""
    username = "9" * 400

    response = client.post(reverse("login"), {"username": username, "password": "wrong"})

    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [username[:255]]
