"""The reference rule: pattern, gap-free numbers per council and year of the sending city, no renumbering."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.models import Council, Person
from secretariat.models import Correspondence, ReferenceCounter
from secretariat.services.correspondence import format_reference, log_correspondence, update_correspondence
from tests.factories import PersonFactory
from tests.fixtures.correspondence import log_letter, seoul_time

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def beijing_time(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BEIJING)


@pytest.fixture
def council(economy) -> Council:
    return economy.council


@pytest.fixture
def year() -> int:
    """A year without letters yet: the demo logs them up to today, whatever day the suite runs."""
    return timezone.now().year + 2


def counter(council: Council, year: int) -> int | None:
    return ReferenceCounter.objects.filter(council=council, year=year).values_list("last_number", flat=True).first()


def test_references_follow_the_pattern_and_count_from_one_each_year(council, year):
    first = log_letter(council, sent_at=seoul_time(year, 1, 5, 9, 0))
    second = log_letter(council, sender="BJS", receiver="SEL", sent_at=beijing_time(year, 2, 1, 14, 0))
    third = log_letter(council, sent_at=seoul_time(year, 11, 30, 17, 45))
    next_year = log_letter(council, sent_at=seoul_time(year + 1, 1, 2, 9, 0))

    assert [(x.reference, x.year, x.number) for x in (first, second, third, next_year)] == [
        (f"SEL-BJS-{year}-001", year, 1),
        (f"BJS-SEL-{year}-002", year, 2),
        (f"SEL-BJS-{year}-003", year, 3),
        (f"SEL-BJS-{year + 1}-001", year + 1, 1),
    ]
    assert (counter(council, year), counter(council, year + 1)) == (3, 1)


def test_the_year_is_the_sending_citys_on_both_sides_of_new_year(council, year):
    # One and the same instant, 31 December 15:30 UTC: already the next year in Seoul, not yet in Beijing.
    from_seoul = log_letter(council, sent_at=seoul_time(year + 1, 1, 1, 0, 30))
    from_beijing = log_letter(council, sender="BJS", receiver="SEL", sent_at=beijing_time(year, 12, 31, 23, 30))
    # And the other way: 23:30 on 31 Dec in Seoul is this year; 00:30 on 1 Jan in Beijing is the next there,
    # although it is 16:30 UTC on 31 December.
    late_seoul = log_letter(council, sent_at=seoul_time(year, 12, 31, 23, 30))
    early_beijing = log_letter(council, sender="BJS", receiver="SEL", sent_at=beijing_time(year + 1, 1, 1, 0, 30))

    assert from_seoul.sent_at == from_beijing.sent_at == dt.datetime(year, 12, 31, 15, 30, tzinfo=dt.UTC)
    assert early_beijing.sent_at == dt.datetime(year, 12, 31, 16, 30, tzinfo=dt.UTC)
    assert [x.reference for x in (from_seoul, from_beijing, late_seoul, early_beijing)] == [
        f"SEL-BJS-{year + 1}-001",
        f"BJS-SEL-{year}-001",
        f"SEL-BJS-{year}-002",
        f"BJS-SEL-{year + 1}-002",
    ]


def test_a_save_that_fails_after_taking_a_number_leaves_no_gap(council, year):
    log_letter(council, sent_at=seoul_time(year, 3, 1, 9, 0))
    # A pattern without {number}: the second letter of a year would repeat the first one's reference.
    council.correspondence_reference_pattern = "{from}-{to}-{year}"
    council.save()
    log_letter(council, subject="Second", sent_at=seoul_time(year, 3, 2, 9, 0))
    before = Correspondence.objects.count()

    with pytest.raises(ValidationError) as refused:
        log_letter(council, subject="Third", sent_at=seoul_time(year, 3, 3, 9, 0))

    assert refused.value.messages == ["Correspondence with this Council and Reference already exists."]
    assert (Correspondence.objects.count(), counter(council, year)) == (before, 2)
    council.correspondence_reference_pattern = "{from}-{to}-{year}-{number:03d}"
    council.save()
    fourth = log_letter(council, subject="Fourth", sent_at=seoul_time(year, 3, 4, 9, 0))
    assert (fourth.reference, fourth.number) == (f"SEL-BJS-{year}-003", 3)
    numbers = Correspondence.objects.filter(council=council, year=year).values_list("number", flat=True)
    assert sorted(numbers) == [1, 2, 3]


def test_a_letter_refused_before_numbering_takes_no_number(council, year):
    stranger = PersonFactory()  # of another council

    with pytest.raises(ValidationError) as refused:
        log_letter(council, sent_at=seoul_time(year, 3, 1, 9, 0), people=[stranger])

    assert refused.value.message_dict == {"people": ["Choose people of this council."]}
    assert counter(council, year) is None
    assert log_letter(council, sent_at=seoul_time(year, 3, 1, 9, 0)).number == 1


def test_the_service_refuses_one_city_both_ways_and_another_councils_things(council, foreign_team, culture, year):
    seoul = council.cities.get(code="SEL")
    letter = Correspondence(
        council=council, from_city=seoul, to_city=seoul, channel="email", subject="Loop",
        sent_at=seoul_time(year, 1, 1, 9, 0), team=foreign_team,
    )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        log_correspondence(correspondence=letter, by=None)

    assert refused.value.message_dict == {
        "to_city": ["A communication goes from one city to another: choose two different cities."],
        "team": ["Choose something of this council."],
    }
    assert not Correspondence.objects.filter(subject="Loop").exists()


def test_a_custom_pattern_is_used_and_a_broken_one_explained(council, year):
    council.correspondence_reference_pattern = "SBIC/{year}/{number:04d} ({from}→{to})"
    council.save()
    assert log_letter(council, sent_at=seoul_time(year, 6, 1, 9, 0)).reference == f"SBIC/{year}/0001 (SEL→BJS)"

    council.correspondence_reference_pattern = "{city}-{number}"
    council.save()
    with pytest.raises(ValidationError) as refused:
        log_letter(council, sent_at=seoul_time(year, 6, 2, 9, 0))
    assert refused.value.messages == ["The council's reference pattern “{city}-{number}” cannot be filled in ('city')."]
    assert counter(council, year) == 1


def test_format_reference_refuses_what_does_not_fit_the_column(council, year):
    seoul, beijing = council.cities.get(code="SEL"), council.cities.get(code="BJS")
    with pytest.raises(ValidationError):
        format_reference(pattern="{from}" + "x" * 60, from_city=seoul, to_city=beijing, year=year, number=1)


def test_editing_keeps_the_reference_even_when_the_date_moves_to_another_year(council, year):
    letter = log_letter(council, sent_at=seoul_time(year, 12, 30, 10, 0))
    zhang = Person.objects.get(name_romanised="Zhang Wei")

    letter.sent_at = seoul_time(year + 1, 1, 3, 10, 0)
    letter.from_city, letter.to_city = letter.to_city, letter.from_city
    letter.subject = "Moved"
    update_correspondence(correspondence=letter, people=[zhang])

    letter.refresh_from_db()
    assert (letter.reference, letter.year, letter.number, letter.subject) == (f"SEL-BJS-{year}-001", year, 1, "Moved")
    assert list(letter.people.all()) == [zhang]
    assert counter(council, year + 1) is None  # no number taken in the new year either


def test_counters_are_per_council(council, foreign_letter):
    year = foreign_letter.year
    before = counter(council, year) or 0

    mine = log_letter(council, sent_at=foreign_letter.sent_at)

    assert (foreign_letter.number, mine.number) == (1, before + 1)
    assert (counter(foreign_letter.council, year), counter(council, year)) == (1, before + 1)
