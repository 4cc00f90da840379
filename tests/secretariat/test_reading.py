"""The secretariat's texts (letters, action items, agreements, commitments) in the reader's language: pages,
exports and search; an untranslated or outdated text shows as written, marked."""

import datetime as dt
import functools

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from secretariat.models import ActionItem
from tests.factories import ExchangeFactory
from tests.fixtures.actions import ActionItemFactory, person
from tests.fixtures.correspondence import log_letter
from tests.secretariat.test_correspondence_export import read_csv
from tests.texts import translate
from translations.reading import text_of

MARK = '<span class="tr-mark badge rounded-pill text-bg-light border fw-normal">{}</span>'


def korean_reader(client, demo_user, username: str = "mayor-office-seoul"):
    user = demo_user(username)
    user.person.preferred_language = "ko"
    user.person.save(update_fields=["preferred_language"])
    client.force_login(user)
    return user


def shown(record, field: str) -> str:
    """The inline markup a Korean reader sees: the text, and its mark when untranslated."""
    with translation.override("ko"):
        text = text_of(record, field, "ko")
        html = f'<span lang="{text.language}">{escape(text.value)}</span>'
        return html + " " + MARK.format(escape(text.mark)) if text.awaiting else html


def outdate(record, field: str, text: str):
    setattr(record, field, text)
    record.save()
    return record


@pytest.fixture
def letters(economy):
    """One letter translated into Korean, one untranslated, one whose Korean is outdated; sent now, so that
    they head the list before the demo's letters whatever the day."""
    council, now = economy.council, timezone.now()
    letter = functools.partial(log_letter, council, sent_at=now)
    done = translate(letter(subject="Port visit", summary="Two days."), "subject", ko="항구 방문")
    translate(done, "summary", ko="이틀.")
    missing = letter(subject="Trade fair", team=economy)
    outdated = translate(letter(subject="Youth camp"), "subject", ko="청소년 캠프")
    outdate(outdated, "subject", "Youth summer camp")
    return done, missing, outdated


def test_the_correspondence_list_and_page_read_in_the_readers_language(client, demo_user, letters):
    done, missing, outdated = letters
    korean_reader(client, demo_user)

    listing = client.get(reverse("secretariat:correspondence-list")).content.decode()
    page = client.get(done.get_absolute_url()).content.decode()

    assert '<span lang="ko">항구 방문</span>' in listing
    assert shown(missing, "subject") in listing and "번역 대기" in shown(missing, "subject")
    assert shown(outdated, "subject") in listing and "번역 갱신 필요" in shown(outdated, "subject")
    assert '<h1 class="h3 mb-1"><span lang="ko">항구 방문</span></h1>' in page
    assert '<div lang="ko"><p>이틀.</p></div>' in page
    assert "Port visit" not in page


def test_the_correspondence_search_finds_a_letter_by_its_korean_subject(client, demo_user, letters):
    done, _missing, _outdated = letters
    korean_reader(client, demo_user)

    response = client.get(reverse("secretariat:correspondence-list"), {"q": "항구"})

    assert list(response.context["letters"]) == [done]


def test_the_export_writes_texts_in_the_readers_language_marked_when_untranslated(client, demo_user, letters):
    done, missing, outdated = letters
    korean_reader(client, demo_user)

    rows = read_csv(client.get(reverse("secretariat:correspondence-export-csv")))

    subjects = {row[0]: row for row in rows[1:]}
    with translation.override("ko"):
        expected = {letter.reference: text_of(letter, "subject").marked() for letter in letters}
    assert expected[done.reference] == "항구 방문"
    assert expected[missing.reference].startswith("Trade fair [")
    assert expected[outdated.reference].startswith("Youth summer camp [")
    for reference, subject in expected.items():
        assert subject in subjects[reference]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
def test_the_correspondence_list_stays_flat_for_a_korean_reader(client, demo_user, economy, django_assert_num_queries):
    for n in range(12):
        translate(log_letter(economy.council, subject=f"Letter {n}", team=economy), "subject", ko=f"편지 {n}")
    korean_reader(client, demo_user, "lead-economy-seoul")

    # as tests/secretariat/test_correspondence_list.py counts it: the subjects' versions are one query
    with django_assert_num_queries(10):
        response = client.get(reverse("secretariat:correspondence-list"))

    assert "편지 11" in response.content.decode()


def test_action_items_read_in_the_readers_language_with_their_sources(
    client, demo_user, economy, action_letter, agreement_commitment
):
    owner = person("Lee Min-jun")
    from_letter = translate(
        ActionItemFactory(owner=owner, team=economy, correspondence=action_letter, title="Reply to the letter"),
        ko="편지에 답하기",
    )
    translate(from_letter, "description", ko="다음 주까지.")
    from_letter.description = "By next week."
    from_letter.save()  # the Korean description is outdated now
    translate(action_letter, "subject", ko="초대장")
    from_commitment = ActionItemFactory(owner=owner, team=economy, commitment=agreement_commitment, title="Plan")
    translate(agreement_commitment.agreement, ko="스마트 도시 협정")
    korean_reader(client, demo_user, "secretariat-seoul")

    listing = client.get(reverse("secretariat:action-list")).content.decode()
    page = client.get(from_letter.get_absolute_url()).content.decode()

    assert f'<a href="{from_letter.get_absolute_url()}"><span lang="ko">편지에 답하기</span></a>' in listing
    assert f'{action_letter.reference} · <span lang="ko">초대장</span>' in listing
    assert '· <span lang="ko">스마트 도시 협정</span>' in listing
    assert shown(from_commitment, "title") in listing
    assert '<h1 class="h3 mb-1"><span lang="ko">편지에 답하기</span></h1>' in page
    with translation.override("ko"):
        mark = text_of(from_letter, "description").mark
    assert f'<div lang="en"><p>By next week.</p></div> {MARK.format(escape(mark))}' in page
    assert ActionItem.objects.get(pk=from_letter.pk).title == "Reply to the letter"


def test_the_agreement_and_its_commitments_read_in_the_readers_language(
    client, demo_user, council_agreement, agreement_commitment
):
    translate(agreement_commitment, "text", ko="매년 스마트 도시 포럼을 연다.")
    korean_reader(client, demo_user)

    page = client.get(council_agreement.get_absolute_url()).content.decode()
    listing = client.get(reverse("secretariat:agreement-list")).content.decode()

    assert '<div lang="ko"><p>매년 스마트 도시 포럼을 연다.</p></div>' in page
    assert shown(council_agreement, "title") in listing


def test_new_action_form_labels_its_sources_in_the_readers_language(
    client, demo_user, economy, action_resolution, action_letter, action_commitment
):
    # Ahead of every exchange of the demo: among the latest, which the form lists (the rest are searched).
    ahead = timezone.localdate() + dt.timedelta(days=3650)
    exchange = ExchangeFactory(team=economy, title="Smart city forum", starts_on=ahead)
    translate(exchange, ko="스마트 시티 포럼")
    translate(action_resolution, "text", ko="경제 포럼을 매년 연다.")
    translate(action_letter, "subject", ko="무역 박람회 초대")
    translate(action_commitment, "text", ko="매년 비즈니스 포럼을 연다.")
    korean_reader(client, demo_user, "secretariat-seoul")

    page = client.get(reverse("secretariat:action-create")).content.decode()

    assert f'<option value="{exchange.pk}">스마트 시티 포럼 (' in page
    assert f"{action_resolution} · 경제 포럼을 매년 연다.</option>" in page
    assert f"{action_letter.reference} · 무역 박람회 초대</option>" in page
    assert "Art. 1 매년 비즈니스 포럼을 연다.</option>" in page
    assert '<optgroup label="시험 협정">' in page
