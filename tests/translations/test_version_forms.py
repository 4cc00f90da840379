"""Writing a text with its other languages on the record's own form: saved together, refused together."""

import pytest
from django.urls import reverse
from django.utils import translation

from assemblies.forms import ScheduleForm
from teams.models import Exchange
from tests.factories import ExchangeFactory
from tests.teams.test_exchange_pages import form_data
from tests.texts import translate
from translations.models import Version
from translations.reading import OUTDATED, TRANSLATED, text_of


def versions(record) -> dict:
    rows = Version.objects.filter(object_id=record.pk).order_by("field", "language")
    return {(v.field, v.language): (v.text, v.source_text, v.written_by_id) for v in rows}


def stored(exchange: Exchange) -> tuple:
    """The exchange as stored and its versions, to show that a refusal changed nothing."""
    fresh = Exchange.objects.get(pk=exchange.pk)
    return fresh.language, fresh.title, fresh.description, fresh.updated_at, versions(fresh)


def test_a_writer_records_an_exchange_in_korean_with_its_chinese_and_english_titles(client, demo_user, economy):
    writer = demo_user("lead-economy-seoul")
    client.force_login(writer)
    data = form_data(
        economy,
        language="ko",
        title="서울–베이징 핀테크의 날",
        title__en="Seoul–Beijing fintech day",
        title__zh_hans="首尔–北京金融科技日",
        title__ko="ignored: the text itself is the title above",
        description="두 도시의 핀테크 기업",
        description__en="",
    )

    response = client.post(reverse("teams:exchange-create"), data)

    exchange = Exchange.objects.get(title="서울–베이징 핀테크의 날")
    assert response.status_code == 302
    assert exchange.language == "ko"
    assert versions(exchange) == {
        ("title", "en"): ("Seoul–Beijing fintech day", "서울–베이징 핀테크의 날", writer.pk),
        ("title", "zh-hans"): ("首尔–北京金融科技日", "서울–베이징 핀테크의 날", writer.pk),
    }
    assert (text_of(exchange, "title", "zh-hans").value, text_of(exchange, "title", "zh-hans").state) == (
        "首尔–北京金融科技日",
        TRANSLATED,
    )


def test_an_overlong_or_multiline_version_is_refused_and_nothing_is_saved(client, demo_user, economy):
    exchange = translate(ExchangeFactory(team=economy, title="Fintech day"), ko="핀테크의 날")
    client.force_login(demo_user("lead-economy-seoul"))
    before = stored(exchange)
    data = form_data(
        economy, title="Fintech day, renamed", title__ko="가" * 201, title__zh_hans="第一行\n第二行", title__en="x"
    )

    response = client.post(reverse("teams:exchange-edit", args=[exchange.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title__ko": ["Keep the translation to 200 characters (it has 201)."],
        "title__zh_hans": ["This text is a single line."],
    }
    assert stored(exchange) == before


def test_a_version_of_an_empty_text_is_refused(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, title="Fintech day", description="")
    client.force_login(demo_user("lead-economy-seoul"))
    before = stored(exchange)

    response = client.post(
        reverse("teams:exchange-edit", args=[exchange.pk]), form_data(economy, description__ko="설명")
    )

    assert response.context["form"].errors == {"description__ko": ["Write the text in its own language first."]}
    assert stored(exchange) == before


def test_html_in_a_version_is_kept_as_text_and_shown_escaped(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, title="Fintech day", language="en")
    client.force_login(demo_user("lead-economy-seoul"))
    markup = '<script>alert("x")</script><b>핀테크</b>'

    client.post(reverse("teams:exchange-edit", args=[exchange.pk]), form_data(economy, title__ko=markup))
    html = client.get(reverse("teams:exchange-edit", args=[exchange.pk])).content.decode()

    assert Version.objects.get(object_id=exchange.pk, field="title", language="ko").text == markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;핀테크&lt;/b&gt;" in html
    assert "<script>alert(" not in html and "<b>핀테크</b>" not in html


def test_editing_the_source_keeps_its_versions_which_then_read_as_outdated(client, demo_user, economy):
    exchange = translate(ExchangeFactory(team=economy, title="Fintech day"), ko="핀테크의 날", zh_hans="金融科技日")
    client.force_login(demo_user("lead-economy-seoul"))
    edit = reverse("teams:exchange-edit", args=[exchange.pk])
    shown = client.get(edit).context["form"]
    kept = {name: shown[name].value() for name in ("title__ko", "title__zh_hans")}

    response = client.post(edit, form_data(economy, title="Fintech and start-up day", **kept))

    exchange.refresh_from_db()
    assert response.status_code == 302
    assert versions(exchange) == {
        ("title", "ko"): ("핀테크의 날", "Fintech day", None),
        ("title", "zh-hans"): ("金融科技日", "Fintech day", None),
    }
    assert (text_of(exchange, "title", "ko").state, text_of(exchange, "title", "ko").value) == (
        OUTDATED,
        "Fintech and start-up day",
    )
    assert client.get(edit).context["form"]["title__ko"].help_text == "Made from an earlier text."


def test_clearing_a_version_removes_it(client, demo_user, economy):
    exchange = translate(ExchangeFactory(team=economy, title="Fintech day"), ko="핀테크의 날", zh_hans="金融科技日")
    client.force_login(demo_user("lead-economy-seoul"))

    client.post(
        reverse("teams:exchange-edit", args=[exchange.pk]),
        form_data(economy, title="Fintech day", title__ko="", title__zh_hans="金融科技日"),
    )

    assert versions(exchange) == {("title", "zh-hans"): ("金融科技日", "Fintech day", None)}


def test_a_new_record_is_written_in_the_writers_interface_language(client, demo_user, economy):
    writer = demo_user("lead-economy-seoul")
    writer.person.preferred_language = "zh-hans"
    writer.person.save(update_fields=["preferred_language"])
    client.force_login(writer)

    exchange_form = client.get(reverse("teams:exchange-create")).context["form"]
    plan_form = client.get(reverse("teams:plan-create")).context["form"]

    assert (exchange_form["language"].value(), plan_form["language"].value()) == ("zh-hans", "zh-hans")
    assert [name for name in exchange_form.fields if name.startswith("title")] == [
        "title", "title__en", "title__ko", "title__zh_hans"
    ]  # fmt: skip


def test_an_exchange_made_from_an_opportunity_takes_its_current_versions(client, demo_user, economy_opportunity):
    opportunity = translate(economy_opportunity, zh_hans="金融科技合作")
    client.force_login(demo_user("lead-economy-seoul"))

    form = client.get(reverse("teams:exchange-create"), {"opportunity": opportunity.pk}).context["form"]

    assert (form["language"].value(), form["title"].value()) == (opportunity.language, opportunity.title)
    assert (form["title__zh_hans"].value(), form["title__ko"].value()) == ("金融科技合作", None)


IN_KOREAN = {
    "zh-hans": "与其余内容一样，以韩语撰写。",
    "ko": "나머지와 같이 한국어(으)로 씁니다.",
    "en": "In Korean, as the rest of it.",
}


@pytest.mark.parametrize(("reader", "help_text"), IN_KOREAN.items())
def test_a_sentence_names_the_texts_language_in_the_readers_words(next_assembly, reader, help_text):
    """Not "以한국어撰写": a language's own name is for labels and marks, a sentence says it in the reader's."""
    next_assembly.language = "ko"
    with translation.override(reader):
        form = ScheduleForm(assembly=next_assembly)

        assert form.fields["venue"].help_text == help_text
