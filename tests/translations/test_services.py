"""Writing versions and signing texts off: what is refused, and what a change undoes."""

import pytest
from django.core.exceptions import ValidationError

from assemblies.models import Resolution
from tests.factories import ExchangeFactory
from tests.texts import translate
from translations.models import Version
from translations.services import save_version, sign_off, sign_offs_of


def versions(record) -> list[tuple]:
    return sorted(record.versions.values_list("field", "language", "text", "source_text"))


def test_a_version_remembers_its_source_and_writer(economy, demo_user):
    exchange = ExchangeFactory(team=economy, language="ko", title="항만 포럼")
    writer = demo_user("secretariat-beijing")

    version = save_version(exchange, "title", "zh-hans", "  港口论坛 ", writer)

    assert (version.text, version.source_text, version.written_by) == ("港口论坛", "항만 포럼", writer)
    save_version(exchange, "title", "zh-hans", "", writer)
    assert versions(exchange) == []


@pytest.mark.parametrize(
    ("field", "language", "text", "message"),
    [
        ("title", "zh-hans", "字" * 201, "Keep the translation to 200 characters (it has 201)."),
        ("title", "zh-hans", "一\n二", "This text is a single line."),
        ("title", "ko", "자기 언어", "Choose a language other than the one it was written in."),
        ("title", "fr", "Forum", "Choose a language other than the one it was written in."),
        ("partner_organisations", "en", "KOTRA", "This text is not translated."),
    ],
)
def test_bad_versions_are_refused_and_nothing_is_stored(economy, field, language, text, message):
    exchange = translate(ExchangeFactory(team=economy, language="ko", title="항만 포럼"), en="Port forum")
    before = versions(exchange)

    with pytest.raises(ValidationError) as refused:
        save_version(exchange, field, language, text, None)

    assert (refused.value.messages, versions(exchange)) == ([message], before)


def test_a_long_text_may_be_twice_its_source_or_the_forms_limit(economy):
    exchange = ExchangeFactory(team=economy, language="ko", description="가" * 4000)

    save_version(exchange, "description", "en", "a" * 8000, None)
    with pytest.raises(ValidationError):
        save_version(exchange, "description", "en", "a" * 8001, None)


@pytest.fixture
def resolution(next_assembly) -> Resolution:
    return Resolution.objects.create(
        assembly=next_assembly, number=99, text="양 도시는 청소년 교류를 확대한다.", language="ko"
    )


def test_a_changed_source_loses_its_sign_off_in_every_language(resolution, demo_user):
    seoul, beijing = demo_user("secretariat-seoul"), demo_user("secretariat-beijing")
    save_version(resolution, "text", "zh-hans", "两市扩大青少年交流。", beijing)
    sign_off(resolution, "text", "ko", seoul)
    sign_off(resolution, "text", "zh-hans", beijing)
    assert {lang: row.signed_by for lang, row in sign_offs_of(resolution, "text").items()} == {
        "ko": seoul,
        "zh-hans": beijing,
    }

    resolution.text = "양 도시는 청소년 및 대학생 교류를 확대한다."
    resolution.save()

    assert (sign_offs_of(resolution, "text"), resolution.sign_offs.count()) == ({}, 0)


def test_a_changed_translation_loses_its_own_sign_off_only(resolution, demo_user):
    seoul, beijing = demo_user("secretariat-seoul"), demo_user("secretariat-beijing")
    save_version(resolution, "text", "zh-hans", "两市扩大青少年交流。", beijing)
    sign_off(resolution, "text", "ko", seoul)
    sign_off(resolution, "text", "zh-hans", beijing)

    save_version(resolution, "text", "zh-hans", "两市将扩大青少年交流。", beijing)

    assert set(sign_offs_of(resolution, "text")) == {"ko"}


def test_no_sign_off_without_a_current_version_or_of_a_text_that_is_not_official(resolution, economy, demo_user):
    beijing = demo_user("secretariat-beijing")
    exchange = ExchangeFactory(team=economy, language="ko", title="포럼")

    with pytest.raises(ValidationError) as untranslated:
        sign_off(resolution, "text", "zh-hans", beijing)
    with pytest.raises(ValidationError) as not_official:
        sign_off(exchange, "title", "ko", beijing)

    assert (untranslated.value.messages, not_official.value.messages) == (
        ["Translate the current text first: there is nothing to sign off in this language."],
        ["Only official texts are signed off."],
    )
    assert not resolution.sign_offs.exists() and not exchange.sign_offs.exists()


def test_deleting_a_record_deletes_its_versions(economy):
    exchange = translate(ExchangeFactory(team=economy, language="ko", title="포럼"), en="Forum")
    pk = exchange.pk

    exchange.delete()

    assert not Version.objects.filter(object_id=pk, field="title", language="en", text="Forum").exists()
