"""The demo correspondence: believable, numbered by the application's rule, and loaded idempotently."""

from collections import defaultdict

import pytest
from django.utils import timezone

from council.models import Council
from demo.correspondence import load_correspondence
from secretariat.models import Correspondence, ReferenceCounter
from secretariat.services.correspondence import format_reference, sending_year, update_correspondence
from tests.fixtures.correspondence import log_letter


@pytest.fixture
def council(economy) -> Council:
    return economy.council


def demo_letters(council: Council) -> list[Correspondence]:
    return list(
        Correspondence.objects.filter(council=council).select_related("from_city", "to_city", "in_reply_to", "council")
    )


def test_years_of_letters_in_both_directions_with_threads_and_links(council):
    letters = demo_letters(council)

    years = timezone.now().year - 2013 + 1  # from the founding to the day the demo was loaded
    assert 3 * years <= len(letters) <= 6 * years
    assert min(letter.year for letter in letters) == 2013
    directions = {(letter.from_city.code, letter.to_city.code) for letter in letters}
    assert directions == {("SEL", "BJS"), ("BJS", "SEL")}
    assert {letter.channel for letter in letters} >= {"letter", "email", "video_call", "phone", "meeting"}
    replies = [letter for letter in letters if letter.in_reply_to]
    assert len(replies) >= 15
    for reply in replies:
        original = reply.in_reply_to
        assert (reply.from_city_id, reply.to_city_id) == (original.to_city_id, original.from_city_id)
        assert reply.sent_at > original.sent_at
    assert any(reply.in_reply_to.in_reply_to_id for reply in replies)  # threads of three
    assert sum(1 for letter in letters if letter.exchange_id) >= 8
    assert sum(1 for letter in letters if letter.assembly_id) >= 10
    assert all(letter.exchange.team_id == letter.team_id for letter in letters if letter.exchange_id)
    assert all(letter.people.exists() for letter in letters)


def test_references_are_gap_free_per_year_of_the_sending_city(council):
    by_year = defaultdict(list)
    for letter in sorted(demo_letters(council), key=lambda letter: letter.sent_at):
        assert letter.year == sending_year(sent_at=letter.sent_at, from_city=letter.from_city)
        assert letter.reference == format_reference(
            pattern=council.correspondence_reference_pattern, from_city=letter.from_city, to_city=letter.to_city,
            year=letter.year, number=letter.number,
        )  # fmt: skip
        by_year[letter.year].append(letter.number)

    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year  # in the order sent, from 1
    counters = dict(ReferenceCounter.objects.filter(council=council).values_list("year", "last_number"))
    assert counters == {year: len(numbers) for year, numbers in by_year.items()}


def test_a_letter_logged_after_the_demo_continues_the_series(council):
    last = Correspondence.objects.filter(council=council).order_by("-sent_at").first()

    letter = log_letter(council, sent_at=last.sent_at)

    assert (letter.year, letter.number) == (last.year, last.number + 1)


def snapshot(council: Council) -> dict:
    return {
        letter.pk: (letter.reference, letter.subject, letter.in_reply_to_id, letter.updated_at)
        for letter in demo_letters(council)
    }


def test_a_second_run_keeps_what_was_logged_or_edited_through_the_pages(council):
    answered = Correspondence.objects.filter(council=council, replies__isnull=False).order_by("sent_at").first()
    answered.subject = "Rewritten by the secretariat"
    update_correspondence(correspondence=answered, people=answered.people.all())
    last = Correspondence.objects.filter(council=council).order_by("-sent_at").first()
    taken = log_letter(council, sent_at=last.sent_at, subject="Logged through the pages")
    before = snapshot(council)

    load_correspondence(council)

    assert snapshot(council) == before  # the replies still answer the rewritten letter
    assert ReferenceCounter.objects.get(council=council, year=taken.year).last_number == taken.number
