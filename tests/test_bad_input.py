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
        ("/translations/?language=%00&page=zz&show=%00", 200),
        ("/translations/?language=" + "x" * 5000, 200),
        ("/translations/secretariat.agreement/99999999999999999999/title/ko/", 404),
        ("/translations/nothing/1/title/ko/", 404),
        ("/translations/secretariat.agreement/1/%00/ko/", 404),
        ("/translations/secretariat.agreement/1/title/xx/", 404),
        ("/translations/secretariat.agreement/1/title/ko/?suggest=%00&next=%00", 200),
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


def test_a_version_too_long_or_with_html_or_a_sign_off_by_the_wrong_city_changes_nothing(
    client, demo_user, council_agreement
):
    agreement, pk = council_agreement, council_agreement.pk
    edit = reverse("translations:edit", args=["secretariat.agreement", pk, "title", "ko"])
    before = list(agreement.versions.values_list("language", "text"))
    client.force_login(demo_user("secretariat-seoul"))

    too_long = client.post(edit, {"text": "x" * 301})
    sign_off = client.post(reverse("translations:sign-off", args=["secretariat.agreement", pk, "title", "zh-hans"]))

    assert too_long.status_code == 200
    assert too_long.context["form"].errors == {"text": ["Keep the translation to 300 characters (it has 301)."]}
    assert sign_off.status_code == 403
    assert list(agreement.versions.values_list("language", "text")) == before
    assert not agreement.sign_offs.exists()
    client.post(edit, {"text": "<b>굵게</b>"})
    assert "&lt;b&gt;굵게&lt;/b&gt;" in client.get(edit).content.decode()
