import pytest
from django.urls import reverse

from council.models import Person
from tests.i18n import translated


def test_switching_language_signed_in_saves_the_preference(client, demo_user):
    user = demo_user("lead-economy-beijing")
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("teams:list")})

    assert (response.status_code, response.url) == (302, reverse("teams:list"))
    assert Person.objects.get(user=user).preferred_language == "zh-hans"
    page = client.get(reverse("teams:list"), HTTP_ACCEPT_LANGUAGE="ko")
    assert page.headers["Content-Language"] == "zh-hans"
    assert translated("Teams", "zh-hans") in page.content.decode()


def test_the_saved_preference_wins_over_cookie_and_browser(client, demo_user):
    user = demo_user("secretariat-seoul")
    Person.objects.filter(user=user).update(preferred_language="ko")
    client.force_login(user)
    client.cookies["django_language"] = "zh-hans"

    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    assert page.headers["Content-Language"] == "ko"


def test_switching_language_signed_out_uses_the_cookie(client, db):
    response = client.post(reverse("set_language"), {"language": "ko", "next": reverse("login")})
    page = client.get(response.url)
    assert page.headers["Content-Language"] == "ko"
    assert translated("Sign in", "ko") in page.content.decode()


@pytest.mark.parametrize("language", ["xx", "fr", "", "k" * 600])
def test_an_unknown_language_is_refused_with_a_message_and_changes_nothing(client, demo_user, language):
    user = demo_user("mayor-office-seoul")
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": language, "next": "/"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Council Desk speaks English, 한국어 and 简体中文: choose one of them."
    ]
    assert Person.objects.get(user=user).preferred_language == "en"
    assert "django_language" not in client.cookies


@pytest.mark.parametrize(
    ("asked", "language"),
    [("ko-KR", "ko"), ("zh-Hans", "zh-hans"), ("ZH-HANS", "zh-hans"), ("zh-hant", "zh-hans"), ("en-us", "en")],
)
def test_a_variant_of_an_offered_language_switches_to_it(client, demo_user, asked, language):
    user = demo_user("lead-culture-beijing")
    client.force_login(user)

    client.post(reverse("set_language"), {"language": asked, "next": "/"})

    assert Person.objects.get(user=user).preferred_language == language
    assert client.cookies["django_language"].value == language
    assert client.get(reverse("home")).headers["Content-Language"] == language


def test_profile_saves_language_and_time_zone(client, demo_user):
    user = demo_user("lead-culture-seoul")
    client.force_login(user)

    response = client.post(reverse("profile"), {"preferred_language": "ko", "time_zone": "Europe/Berlin"})

    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert (person.preferred_language, person.time_zone) == ("ko", "Europe/Berlin")


def test_profile_refuses_an_unknown_time_zone_and_changes_nothing(client, demo_user):
    user = demo_user("lead-culture-seoul")
    client.force_login(user)

    response = client.post(reverse("profile"), {"preferred_language": "xx", "time_zone": "Mars/Olympus"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"preferred_language", "time_zone"}
    person = Person.objects.get(user=user)
    assert (person.preferred_language, person.time_zone) == ("en", "")


def test_the_viewers_time_zone_is_their_citys_unless_they_chose_one(client, demo_user):
    user = demo_user("lead-economy-beijing")
    client.force_login(user)
    assert client.get(reverse("home")).context["TIME_ZONE"] == "Asia/Shanghai"
    Person.objects.filter(user=user).update(time_zone="America/New_York")
    assert client.get(reverse("home")).context["TIME_ZONE"] == "America/New_York"
