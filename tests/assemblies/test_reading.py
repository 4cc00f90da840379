"""The assemblies' own texts (venue, minutes, agenda, resolutions) in the reader's language, on the pages,
in the report and its PDF, and in the calendar feed; the report names what is not yet signed off."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from assemblies.models import Assembly
from assemblies.views import report as report_views
from teams.models import Exchange
from tests.assemblies.test_calendar_feed import by_uid, read_feed
from tests.assemblies.test_report_pages import report_url, signed_in
from tests.factories import ExchangeFactory
from tests.fixtures.report import IN_PERIOD
from tests.i18n import translated
from tests.texts import translate
from translations.reading import text_of
from translations.services import sign_off

MARK = '<span class="tr-mark badge rounded-pill text-bg-light border fw-normal">{}</span>'


def shown(record, field: str, language: str = "ko") -> str:
    """The inline markup of a text as a reader of `language` sees it: the text, and its mark when untranslated."""
    with translation.override(language):
        text = text_of(record, field, language)
        html = f'<span lang="{text.language}">{escape(text.value)}</span>'
        return html + " " + MARK.format(escape(text.mark)) if text.awaiting else html


def outdate(record, field: str, text: str):
    setattr(record, field, text)
    record.save()
    return record


def english_only(assembly) -> None:
    """The demo writes the assembly in its host's language, with versions and sign-offs: here, as if it
    were written in English and nothing translated or signed off yet."""
    for record in (assembly, *assembly.agenda_items.all(), *assembly.resolutions.all()):
        type(record).objects.filter(pk=record.pk).update(language="en")
        record.language = "en"
        record.versions.all().delete()
        record.sign_offs.all().delete()


@pytest.fixture
def korean_texts(held_assembly):
    """Agenda item 1 and resolution 2 in Korean, the minutes' Korean outdated, the venue untranslated."""
    english_only(held_assembly)
    item = held_assembly.agenda_items.order_by("order").first()
    resolution = held_assembly.resolutions.get(number=2)
    translate(item, "title", ko="개회")
    translate(resolution, "text", ko="공동 사무소를 연다.")
    translate(held_assembly, "minutes", ko="회의록")
    outdate(held_assembly, "minutes", "Adopted, with one abstention.")
    return held_assembly, item, resolution


def test_the_assembly_page_reads_in_the_readers_language(client, demo_user, korean_texts):
    assembly, item, resolution = korean_texts
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    page = client.get(assembly.get_absolute_url()).content.decode()

    assert '<span lang="ko">개회</span>' in page
    assert '<div lang="ko"><p>공동 사무소를 연다.</p></div>' in page
    assert escape(item.title) not in page
    with translation.override("ko"):
        minutes, venue = text_of(assembly, "minutes"), text_of(assembly, "venue")
    assert (minutes.state, venue.state) == ("outdated", "missing")
    assert f'<div lang="en"><p>Adopted, with one abstention.</p></div> {MARK.format(escape(minutes.mark))}' in page
    assert shown(assembly, "venue") in page
    assert (minutes.mark, venue.mark) == ("원문: English · 번역 갱신 필요", "원문: English · 번역 대기")


def test_the_list_reads_venues_in_the_readers_language(client, demo_user, held_assembly, next_assembly):
    translate(held_assembly, "venue", ko="베이징 국가회의센터")
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    page = client.get(reverse("assemblies:list")).content.decode()

    assert '<span lang="ko">베이징 국가회의센터</span>' in page
    assert shown(next_assembly, "venue") in page  # untranslated: the original, marked


def test_a_translator_gets_no_broken_link_where_the_desk_is_not_routed(client, demo_user, held_assembly):
    signed_in(client, demo_user, "secretariat-seoul", "ko")

    response = client.get(held_assembly.get_absolute_url())

    assert response.status_code == 200
    assert shown(held_assembly, "venue") in response.content.decode()


# The report and what it says is not yet signed off


def test_the_report_lists_the_official_texts_not_signed_off_in_the_readers_language(client, demo_user, korean_texts):
    assembly, item, resolution = korean_texts
    boss = demo_user("secretariat-seoul")
    sign_off(item, "title", "ko", boss)
    sign_off(resolution, "text", "ko", boss)
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    response = client.get(report_url(assembly))

    unsigned = response.context["unsigned"]
    agenda = list(assembly.agenda_items.order_by("order", "pk"))
    assert [(text.record, text.field) for text in unsigned] == [
        (assembly, "minutes"),
        *[(other, "title") for other in agenda if other.pk != item.pk],
        *[(r, "text") for r in assembly.resolutions.order_by("number") if r.pk != resolution.pk],
    ]
    agenda_item_2 = translated("Agenda item %(number)s", "ko") % {"number": 2}
    assert [text.label for text in unsigned][:2] == [translated("Minutes", "ko"), agenda_item_2]
    page = response.content.decode()
    assert translated("Not yet signed off in %(language)s", "ko") % {"language": "한국어"} in page
    assert f"{agenda_item_2}: {shown(agenda[1], 'title')}" in page


def test_a_text_signed_off_in_the_readers_language_is_not_listed(client, demo_user, held_assembly):
    boss = demo_user("secretariat-seoul")
    texts = [(held_assembly, "minutes"), *[(item, "title") for item in held_assembly.agenda_items.all()]]
    texts += [(resolution, "text") for resolution in held_assembly.resolutions.all()]
    for record, field in texts:
        sign_off(record, field, "en", boss)  # written in English: signed off as it stands
    signed_in(client, demo_user, "mayor-office-seoul", "en")

    response = client.get(report_url(held_assembly))

    assert response.context["unsigned"] == []
    assert "data-unsigned" not in response.content.decode()


def test_the_report_reads_the_venue_goals_and_highlights_in_the_readers_language(
    client, demo_user, held_assembly, report_team, report_cities
):
    translate(held_assembly, "venue", ko="회의장")
    harbour = ExchangeFactory(
        team=report_team, status=Exchange.Status.COMPLETED, starts_on=IN_PERIOD, agreements_signed=1,
        title="Harbour pact", outcomes="Two berths shared.",
    )  # fmt: skip
    rail = ExchangeFactory(
        team=report_team, status=Exchange.Status.COMPLETED, starts_on=IN_PERIOD, agreements_signed=1,
        title="Rail link", outcomes="Timetables aligned.",
    )  # fmt: skip
    translate(harbour, "title", ko="항만 협약")
    translate(harbour, "outcomes", ko="선석 두 개를 함께 쓴다.")
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    page = client.get(report_url(held_assembly)).content.decode()

    assert '· <span lang="ko">회의장</span>' in page
    assert f'<a href="{harbour.get_absolute_url()}"><span lang="ko">항만 협약</span></a>' in page
    assert '<span class="report-outcomes"><span lang="ko">선석 두 개를 함께 쓴다.</span></span>' in page
    assert "Harbour pact" not in page
    # Not translated: the original, marked as such, as everywhere else.
    assert f'<span class="report-outcomes">{shown(rail, "outcomes")}</span>' in page


def test_the_pdf_says_what_is_not_yet_signed_off(client, demo_user, korean_texts, monkeypatch):
    assembly, item, _resolution = korean_texts
    rendered = []
    monkeypatch.setattr(report_views, "html_to_pdf", lambda html, base_url: rendered.append(html) or b"%PDF-")
    signed_in(client, demo_user, "mayor-office-seoul", "ko")

    response = client.get(reverse("assemblies:report-pdf", args=[assembly.pk]))

    assert response.status_code == 200
    assert translated("Not yet signed off in %(language)s", "ko") % {"language": "한국어"} in rendered[0]
    agenda_item_1 = translated("Agenda item %(number)s", "ko") % {"number": 1}
    assert f"{agenda_item_1}: {shown(item, 'title')}" in rendered[0]  # translated, not yet signed off


# The calendar feed


def test_the_feed_reads_texts_in_the_owners_language_marked_when_untranslated(
    client, calendar_council, calendar_feed_url
):
    c = calendar_council
    today = timezone.now().date()
    start = dt.datetime.combine(today + dt.timedelta(days=30), dt.time(1), tzinfo=dt.UTC)
    assembly = Assembly.objects.create(
        council=c.council, sequence=1, cycle=today.year, host_city=c.incheon, starts_at=start, venue="Songdo Hall"
    )
    done = ExchangeFactory(team=c.economy, starts_on=today + dt.timedelta(days=3), title="Port visit")
    missing = ExchangeFactory(team=c.economy, starts_on=today + dt.timedelta(days=4), title="Trade fair")
    outdated = ExchangeFactory(team=c.economy, starts_on=today + dt.timedelta(days=5), title="Youth camp")
    translate(done, ko="항구 방문")
    translate(outdated, ko="청소년 캠프")
    outdate(outdated, "title", "Youth summer camp")
    c.secretariat.person.preferred_language = "ko"
    c.secretariat.person.save()

    events = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))

    with translation.override("ko"):
        venue = text_of(assembly, "venue").marked()
        assert str(events[f"exchange-{done.pk}@council-desk"]["summary"]) == "항구 방문"
        assert str(events[f"exchange-{missing.pk}@council-desk"]["summary"]) == text_of(missing, "title").marked()
        assert str(events[f"exchange-{outdated.pk}@council-desk"]["summary"]) == text_of(outdated, "title").marked()
    assert venue == "Songdo Hall [원문: English · 번역 대기]"
    assert "Youth summer camp [" in str(events[f"exchange-{outdated.pk}@council-desk"]["summary"])
    event = events[f"assembly-{assembly.pk}@council-desk"]
    assert str(event["location"]) == venue
    assert venue in str(event["description"])
