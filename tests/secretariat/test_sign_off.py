"""Signing official texts off: who may, in which language, what the panel shows, and what undoes it."""

import pytest
from django.urls import reverse

from council.models import Role
from secretariat.models import Agreement
from tests.factories import RoleFactory
from tests.fixtures.agreements import make_agreement
from translations.services import sign_offs_of


def sign_off_url(record, field: str, language: str) -> str:
    label = f"{record._meta.app_label}.{record._meta.model_name}"
    return reverse("translations:sign-off", args=[label, record.pk, field, language])


@pytest.fixture
def agreement(demo_user) -> Agreement:
    """Written in English, translated into Korean and Chinese (make_agreement)."""
    return make_agreement(demo_user("secretariat-seoul").person.council, title="Agreement on river cleaning")


def test_seoul_s_secretariat_signs_off_in_korean(client, demo_user, agreement):
    user = demo_user("secretariat-seoul")
    client.force_login(user)

    response = client.post(sign_off_url(agreement, "title", "ko"), {"next": "/secretariat/agreements/"})

    assert (response.status_code, response.url) == (302, "/secretariat/agreements/")
    signed = sign_offs_of(Agreement.objects.get(pk=agreement.pk), "title")
    assert list(signed) == ["ko"]
    assert (signed["ko"].text, signed["ko"].signed_by) == ("Agreement on river cleaning (ko)", user)


def test_beijing_s_secretariat_signs_off_in_chinese_and_the_administrator_in_english(client, demo_user, agreement):
    client.force_login(demo_user("secretariat-beijing"))
    client.post(sign_off_url(agreement, "title", "zh-hans"))
    client.force_login(demo_user("admin"))
    client.post(sign_off_url(agreement, "title", "en"))

    assert sorted(sign_offs_of(agreement, "title")) == ["en", "zh-hans"]


@pytest.mark.parametrize(
    ("username", "language"),
    [
        ("secretariat-seoul", "zh-hans"),  # the other city's language
        ("secretariat-beijing", "ko"),
        ("secretariat-seoul", "en"),
        ("lead-economy-seoul", "ko"),
        ("mayor-office-seoul", "ko"),
    ],
)
def test_anyone_else_is_refused_with_why_and_nothing_changes(client, demo_user, agreement, username, language):
    client.force_login(demo_user(username))

    response = client.post(sign_off_url(agreement, "title", language))

    assert response.status_code == 403
    spoken = {"en": "English", "ko": "Korean", "zh-hans": "Simplified Chinese"}[language]  # in the reader's words
    assert (
        f"Only the secretariat of the city that speaks {spoken}, or an administrator, signs off in it."
    ) in response.content.decode()
    assert not agreement.sign_offs.exists()


def test_a_translator_may_not_sign_off(client, demo_user, agreement):
    seoul = demo_user("secretariat-seoul").person
    RoleFactory(person=demo_user("lead-economy-seoul").person, kind=Role.Kind.TRANSLATOR)
    client.force_login(demo_user("lead-economy-seoul"))
    assert client.post(sign_off_url(agreement, "title", seoul.city.language)).status_code == 403
    assert not agreement.sign_offs.exists()


def test_a_language_without_a_current_version_is_translated_first(client, demo_user, agreement):
    agreement.versions.filter(language="ko").delete()
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(sign_off_url(agreement, "title", "ko"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Translate the current text first: there is nothing to sign off in this language."
    ]
    assert not agreement.sign_offs.exists()


def test_sign_off_is_posted_only(client, demo_user, agreement):
    client.force_login(demo_user("secretariat-seoul"))
    assert client.get(sign_off_url(agreement, "title", "ko")).status_code == 405
    assert not agreement.sign_offs.exists()


@pytest.mark.parametrize(("field", "language"), [("parties", "ko"), ("title", "fr")])
def test_a_text_that_is_not_official_or_an_odd_language_is_not_found(client, demo_user, agreement, field, language):
    client.force_login(demo_user("secretariat-seoul"))
    assert client.post(sign_off_url(agreement, field, language)).status_code == 404


def test_another_council_s_text_is_not_found(client, demo_user, foreign_agreement):
    client.force_login(demo_user("secretariat-seoul"))
    assert client.post(sign_off_url(foreign_agreement, "title", "ko")).status_code == 404
    assert not foreign_agreement.sign_offs.exists()


def test_the_agreement_page_shows_who_signed_and_what_is_left(client, demo_user, agreement):
    client.force_login(demo_user("secretariat-seoul"))
    client.post(sign_off_url(agreement, "title", "ko"))

    body = client.get(agreement.get_absolute_url()).content.decode()

    assert "한국어: signed off by" in body
    assert body.count('action="' + sign_off_url(agreement, "title", "ko")) == 0
    assert "简体中文: not signed off" in body  # Seoul's secretariat may not sign off in Chinese
    assert "Sign off in English" not in body


def test_editing_a_signed_off_source_clears_every_sign_off_through_the_pages(client, demo_user, agreement):
    client.force_login(demo_user("secretariat-seoul"))
    client.post(sign_off_url(agreement, "title", "ko"))
    client.force_login(demo_user("secretariat-beijing"))
    client.post(sign_off_url(agreement, "title", "zh-hans"))
    assert agreement.sign_offs.count() == 2
    data = {
        "title": "Agreement on river and stream cleaning",
        "language": "en",
        "parties": agreement.parties,
        "signed_on": "2020-05-01",
        "signed_place": "Seoul",
        "signatories": agreement.signatories,
        "status": agreement.status,
    }

    response = client.post(reverse("secretariat:agreement-edit", args=[agreement.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    assert not agreement.sign_offs.exists()
    body = client.get(agreement.get_absolute_url()).content.decode()
    assert "signed off by" not in body


def test_the_assembly_page_has_a_panel_for_minutes_agenda_and_resolutions(client, demo_user, held_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    body = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    panels = body.count('class="sign-off-panel')
    texts = held_assembly.agenda_items.exclude(title="").count() + held_assembly.resolutions.exclude(text="").count()
    assert panels == texts + (1 if held_assembly.minutes else 0)
