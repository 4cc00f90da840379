"""The translation desk: who may use it, what it lists, the editor, and signing off official texts."""

import pytest
from django.urls import reverse

from assemblies.models import Resolution
from tests.factories import ExchangeFactory
from tests.texts import translate
from translations.models import SignOff, Version
from translations.reading import text_of
from translations.services import sign_offs_of


def edit_url(record, field: str, language: str) -> str:
    return reverse("translations:edit", args=[record._meta.label_lower, record.pk, field, language])


def sign_url(record, field: str, language: str) -> str:
    return reverse("translations:sign-off", args=[record._meta.label_lower, record.pk, field, language])


@pytest.fixture
def korean_exchange(economy):
    return ExchangeFactory(team=economy, language="ko", title="한중 청년 창업 포럼", description="청년 창업가 교류")


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("secretariat-beijing", 200),
        ("secretariat-seoul", 200),
        ("mayor-office-beijing", 403),
        ("lead-economy-seoul", 403),
    ],
)
def test_only_the_secretariat_and_translators_use_the_desk(client, demo_user, username, status):
    client.force_login(demo_user(username))

    assert client.get(reverse("translations:desk")).status_code == status


def test_the_desk_lists_a_missing_text_and_the_editor_saves_its_version(client, demo_user, korean_exchange):
    client.force_login(demo_user("secretariat-beijing"))

    desk = client.get(reverse("translations:desk"), {"language": "zh-hans"})
    gaps = {(gap.record.pk, gap.field, gap.state) for gap in desk.context["page"].paginator.object_list}
    response = client.post(edit_url(korean_exchange, "title", "zh-hans"), {"text": "中韩青年创业论坛"})

    assert {(korean_exchange.pk, "title", "missing"), (korean_exchange.pk, "description", "missing")} <= gaps
    assert response.status_code == 302
    assert text_of(korean_exchange, "title", "zh-hans").value == "中韩青年创业论坛"
    version = Version.objects.get(object_id=korean_exchange.pk, field="title", language="zh-hans")
    assert version.written_by == demo_user("secretariat-beijing")


def test_an_edited_source_shows_the_version_outdated_with_the_changes(client, demo_user, korean_exchange):
    translate(korean_exchange, "description", zh_hans="青年创业者交流")
    korean_exchange.description = "청년 창업가 및 투자자 교류"
    korean_exchange.save()
    client.force_login(demo_user("secretariat-beijing"))

    desk = client.get(reverse("translations:desk"), {"language": "zh-hans"})
    editor = client.get(edit_url(korean_exchange, "description", "zh-hans"))

    gaps = {(gap.record.pk, gap.field): gap.state for gap in desk.context["page"].paginator.object_list}
    assert gaps[(korean_exchange.pk, "description")] == "outdated"
    assert editor.context["changes"] == [
        ("", "청년"),
        ("", "창업가"),
        ("+", "및"),
        ("+", "투자자"),
        ("", "교류"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [("字" * 201, "Keep the translation to 200 characters (it has 201)."), ("一\n二", "This text is a single line.")],
)
def test_a_bad_version_is_refused_on_the_form_and_nothing_is_saved(client, demo_user, korean_exchange, text, message):
    client.force_login(demo_user("secretariat-beijing"))

    response = client.post(edit_url(korean_exchange, "title", "zh-hans"), {"text": text})

    assert response.status_code == 200 and response.context["form"].errors == {"text": [message]}
    assert not Version.objects.filter(object_id=korean_exchange.pk, field="title").exists()


def test_html_in_a_version_is_shown_as_text(client, demo_user, korean_exchange):
    translate(korean_exchange, zh_hans="<script>alert(1)</script>论坛")
    client.force_login(demo_user("mayor-office-beijing"))

    page = client.get(korean_exchange.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "args",
    [("teams.exchange", 0, "title", "zh-hans"), ("teams.nothing", 1, "title", "zh-hans"),
     ("teams.exchange", 1, "partner_organisations", "zh-hans"), ("teams.exchange", 1, "title", "fr")],
)  # fmt: skip
def test_unknown_records_fields_and_languages_are_not_found(client, demo_user, args):
    client.force_login(demo_user("secretariat-beijing"))

    assert client.get(reverse("translations:edit", args=args)).status_code == 404


def test_another_councils_record_is_not_found(client, demo_user, foreign_team):
    exchange = ExchangeFactory(team=foreign_team, language="ko", title="다른 협의회")
    client.force_login(demo_user("secretariat-beijing"))

    assert client.post(edit_url(exchange, "title", "zh-hans"), {"text": "别的"}).status_code == 404
    assert not Version.objects.filter(object_id=exchange.pk, field="title").exists()


@pytest.fixture
def resolution(next_assembly) -> Resolution:
    resolution = Resolution.objects.create(
        assembly=next_assembly, number=98, text="양 도시는 교류를 확대한다.", language="ko"
    )
    return translate(resolution, "text", zh_hans="两市扩大交流。")


def test_each_city_signs_off_its_language_and_an_edit_clears_both(client, demo_user, resolution):
    for username, language in (("secretariat-seoul", "ko"), ("secretariat-beijing", "zh-hans")):
        client.force_login(demo_user(username))
        client.post(sign_url(resolution, "text", language))

    signed = {language: row.signed_by.username for language, row in sign_offs_of(resolution, "text").items()}
    assert signed == {"ko": "secretariat-seoul", "zh-hans": "secretariat-beijing"}

    resolution.text = "양 도시는 청소년 교류를 확대한다."
    resolution.save()
    assert (sign_offs_of(resolution, "text"), resolution.sign_offs.count()) == ({}, 0)


def test_a_sign_off_by_the_wrong_city_is_refused_and_nothing_changes(client, demo_user, resolution):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(sign_url(resolution, "text", "zh-hans"), follow=True)

    assert not SignOff.objects.filter(object_id=resolution.pk).exists()
    assert "Only a secretariat member of the city that speaks 简体中文 may sign off this version." in [
        str(m) for m in response.context["messages"]
    ]
