"""Withdrawing a communication logged in error: a page that says what will happen and asks why; the
letter keeps its reference number and stays in the log, marked withdrawn, with the reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from secretariat.models import Correspondence
from secretariat.services.correspondence import withdraw_correspondence

WITHDRAWN_AT = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)


def withdraw_url(letter) -> str:
    return reverse("secretariat:correspondence-withdraw", args=[letter.pk])


def state(letter) -> tuple:
    return (
        Correspondence.objects.filter(pk=letter.pk).values_list("reference", "withdrawn_reason", "withdrawn_by").get()
    )


def test_the_confirmation_page_names_the_letter_and_what_happens(client, demo_user, economy_letter):
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(withdraw_url(economy_letter)).content.decode()

    subject = "Investment forum: the Beijing delegation"
    assert f"The communication {economy_letter.reference} “{subject}” will be withdrawn." in page
    assert "the number is not given to another communication" in page
    assert state(economy_letter) == (economy_letter.reference, "", None)


@pytest.mark.parametrize("reason", ["", "   "])
def test_without_a_reason_nothing_changes_and_the_page_says_why(client, demo_user, economy_letter, reason):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(withdraw_url(economy_letter), {"withdrawn_reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {"withdrawn_reason": ["Say why the communication is withdrawn."]}
    assert state(economy_letter) == (economy_letter.reference, "", None)


def test_with_a_reason_it_is_withdrawn_and_the_reason_shown(client, demo_user, economy_letter, time_machine):
    time_machine.move_to(WITHDRAWN_AT, tick=False)
    user = demo_user("secretariat-seoul")
    client.force_login(user)

    response = client.post(withdraw_url(economy_letter), {"withdrawn_reason": "Logged twice."}, follow=True)

    assert state(economy_letter) == (economy_letter.reference, "Logged twice.", user.pk)
    page = response.content.decode()
    assert f"Withdrawn on {date_format(dt.date(2026, 12, 5), 'DATE_FORMAT')} by {user.person}:" in page
    assert "Logged twice." in page
    assert withdraw_url(economy_letter) not in page


def test_the_list_marks_it_withdrawn_with_the_reason(client, demo_user, economy_letter):
    withdraw_correspondence(correspondence=economy_letter, reason="Logged twice.", by=None)
    client.force_login(demo_user("secretariat-seoul"))

    # Searched for: the demo's letters, laid out around today, may fill the first page whatever its date.
    page = client.get(reverse("secretariat:correspondence-list"), {"q": "Investment forum"}).content.decode()

    assert "Withdrawn" in page
    assert "Logged twice." in page


@pytest.mark.parametrize("username", ["lead-economy-seoul", "mayor-office-beijing"])
def test_a_reader_who_may_not_withdraw_is_refused_and_nothing_changes(client, demo_user, economy_letter, username):
    client.force_login(demo_user(username))

    response = client.post(withdraw_url(economy_letter), {"withdrawn_reason": "Not mine."})

    assert response.status_code == 403
    assert "Only the secretariat may withdraw a communication." in response.content.decode()
    assert state(economy_letter) == (economy_letter.reference, "", None)


def test_a_withdrawn_letter_is_not_withdrawn_again(client, demo_user, economy_letter):
    withdraw_correspondence(correspondence=economy_letter, reason="Logged twice.", by=None)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(withdraw_url(economy_letter), {"withdrawn_reason": "Again."})

    assert response.status_code == 302
    assert state(economy_letter) == (economy_letter.reference, "Logged twice.", None)


def test_the_export_gives_the_reason(client, demo_user, economy_letter):
    withdraw_correspondence(correspondence=economy_letter, reason="Logged twice.", by=None)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("secretariat:correspondence-export-csv"), {"q": economy_letter.reference})

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",Reason for withdrawing")
    assert lines[1].startswith(economy_letter.reference) and lines[1].endswith(",Logged twice.")
