"""Reading a council text in the reader's language: translated, original, missing, outdated."""

import pytest
from django.template import Context, Template
from django.utils import translation

from council.permissions import access_for
from teams.models import Exchange
from tests.factories import ExchangeFactory
from tests.texts import translate
from translations.models import LOADED_VERSIONS
from translations.reading import (
    MISSING,
    ORIGINAL,
    OUTDATED,
    TRANSLATED,
    load_versions,
    plain,
    text_of,
    texts_matching,
    versions_lookup,
    with_versions,
)


@pytest.fixture
def korean_exchange(economy) -> Exchange:
    exchange = ExchangeFactory(team=economy, language="ko", title="항만 협력 포럼", description="")
    return translate(exchange, zh_hans="港口合作论坛", en="Port cooperation forum")


def test_each_reader_reads_their_language_and_the_writer_the_original(korean_exchange):
    readings = {lang: text_of(korean_exchange, "title", lang) for lang in ("ko", "zh-hans", "en")}

    assert {lang: (t.value, t.language, t.state) for lang, t in readings.items()} == {
        "ko": ("항만 협력 포럼", "ko", ORIGINAL),
        "zh-hans": ("港口合作论坛", "zh-hans", TRANSLATED),
        "en": ("Port cooperation forum", "en", TRANSLATED),
    }


def test_the_active_language_is_the_readers(korean_exchange):
    with translation.override("zh-hans"):
        assert korean_exchange.display_title == "港口合作论坛"
    with translation.override("fr"):  # not a council language: read as English
        assert korean_exchange.display_title == "Port cooperation forum"


def test_a_missing_version_shows_the_original_marked(economy):
    exchange = ExchangeFactory(team=economy, language="ko", title="문화 교류의 밤")

    text = text_of(exchange, "title", "zh-hans")

    assert (text.value, text.language, text.state, text.awaiting) == ("문화 교류의 밤", "ko", MISSING, True)
    with translation.override("zh-hans"):
        assert text.mark == "原文：한국어 · 等待翻译"
    assert plain(exchange, "title", "en") == "문화 교류의 밤 [Original: 한국어 · awaiting translation]"


def test_a_version_of_an_earlier_source_is_outdated_and_the_original_shows(korean_exchange):
    korean_exchange.title = "항만·물류 협력 포럼"
    korean_exchange.save()

    text = text_of(korean_exchange, "title", "zh-hans")

    assert (text.value, text.state) == ("항만·물류 협력 포럼", OUTDATED)
    assert text.mark == "原文：한국어 · 译文已过时"  # in the language it is read in


@pytest.fixture
def korean_exchanges(economy):
    for n in range(5):
        translate(ExchangeFactory(team=economy, language="ko", title=f"교류 {n}"), en=f"Exchange {n}")
    return Exchange.objects.filter(team=economy, title__startswith="교류 ").order_by("title")


def test_a_list_reads_every_version_in_one_query(korean_exchanges, django_assert_num_queries):
    with django_assert_num_queries(2):
        titles = [text_of(e, "title", "en").value for e in with_versions(korean_exchanges)]

    assert titles == [f"Exchange {n}" for n in range(5)]


def test_a_list_keeps_each_records_versions_as_a_plain_list(korean_exchanges):
    # Django's own prefetch cache would build a queryset for each record, costlier than the query itself.
    rows = list(with_versions(korean_exchanges))

    assert [[v.text for v in row.__dict__[LOADED_VERSIONS]] for row in rows] == [[f"Exchange {n}"] for n in range(5)]
    assert [type(row.__dict__[LOADED_VERSIONS]) for row in rows] == [list] * 5
    assert [getattr(row, "_prefetched_objects_cache", {}).get("versions") for row in rows] == [None] * 5


def test_a_record_read_again_from_the_database_reads_its_versions_again(korean_exchanges):
    row = with_versions(korean_exchanges).first()
    translate(Exchange.objects.get(pk=row.pk), zh_hans="交流 0")  # by another request, say

    before = text_of(row, "title", "zh-hans").value
    row.refresh_from_db()

    assert (before, text_of(row, "title", "zh-hans").value) == ("교류 0", "交流 0")


@pytest.mark.parametrize(
    "load",
    [
        lambda qs: list(with_versions(qs).prefetch_related(versions_lookup())),  # two pages' lookups, one query
        lambda qs: load_versions(rows := list(with_versions(qs))) or rows,  # already loaded: nothing read again
        lambda qs: load_versions(rows := list(qs.prefetch_related("versions"))) or rows,  # Django's prefetch
        lambda qs: load_versions(rows := list(qs)) or rows,
    ],
    ids=["with_versions and versions_lookup", "with_versions, then load_versions", "django", "load_versions"],
)
def test_a_list_reads_its_versions_once_whichever_way_loads_them(korean_exchanges, load, django_assert_num_queries):
    with django_assert_num_queries(2):
        titles = [text_of(row, "title", "en").value for row in load(korean_exchanges)]

    assert titles == [f"Exchange {n}" for n in range(5)]


def test_search_finds_a_record_by_any_version(korean_exchange):
    found = {
        words: list(Exchange.objects.filter(texts_matching(Exchange, ("title",), words)).values_list("pk", flat=True))
        for words in ("港口合作", "port COOPERATION", "항만", "nowhere")
    }

    assert found == {"港口合作": [korean_exchange.pk], "port COOPERATION": [korean_exchange.pk],
                     "항만": [korean_exchange.pk], "nowhere": []}  # fmt: skip


def render(template: str, **context) -> str:
    return Template("{% load translated %}" + template).render(Context(context))


def test_the_tag_marks_an_untranslated_text_and_offers_translators_a_link(economy, demo_user):
    exchange = ExchangeFactory(team=economy, language="ko", title="<b>교류</b>")
    access = {name: access_for(demo_user(name)) for name in ("secretariat-beijing", "mayor-office-beijing")}

    with translation.override("zh-hans"):
        for_secretariat = render('{% tr e "title" %}', e=exchange, access=access["secretariat-beijing"])
        for_mayor = render('{% tr e "title" %}', e=exchange, access=access["mayor-office-beijing"])

    body = '<span lang="ko">&lt;b&gt;교류&lt;/b&gt;</span>'
    mark = ' <span class="tr-mark badge rounded-pill text-bg-light border fw-normal">原文：한국어 · 等待翻译</span>'
    link = f' <a class="tr-link small" href="/translations/teams.exchange/{exchange.pk}/title/zh-hans/">翻译</a>'
    assert (for_mayor, for_secretariat) == (body + mark, body + mark + link)


def test_the_tag_prints_a_current_translation_bare(korean_exchange):
    with translation.override("en"):
        assert render('{% tr e "title" %}|{{ e|tr_text:"title" }}', e=korean_exchange) == (
            '<span lang="en">Port cooperation forum</span>|Port cooperation forum'
        )
