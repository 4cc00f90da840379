"""Odd input in addresses and filters is answered with a page, never a server error."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/teams/99999999999999999999/", 404),
        ("/council/people/?city=99999999999999999999999&page=zz", 200),
        ("/council/people/?q=%00", 200),
        ("/council/people/?city=%00&q=" + "x" * 5000, 200),
        ("/council/people/?page=-1", 200),
    ],
)
def test_odd_addresses_and_filters(client, demo_user, url, status):
    client.force_login(demo_user("secretariat-seoul"))
    assert client.get(url).status_code == status


def test_an_invalid_filter_says_what_is_wrong(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    response = client.get(reverse("council:people"), {"city": "abc"})
    assert response.context["form"].errors == {
        "city": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert len(response.context["people"]) == 14


def test_an_unsafe_next_address_after_switching_language_stays_on_this_site(client, db):
    response = client.post(reverse("set_language"), {"language": "ko", "next": "https://evil.example/"})
    assert (response.status_code, response.url) == (302, "/")
