"""The moments the suite also runs at, besides now: where date arithmetic goes wrong if it can.

`python -m tests.dates` prints one line per moment, "YYYY-MM-DD HH:MM:SS<TAB>what it is", in UTC and
counted from today, so the list stays ahead of the calendar: bin/test-at-dates runs the suite under
libfaketime at each of them (`make test-dates`), CI at one drawn at random.
"""

import datetime as dt
import os

import django
import holidays

UTC = dt.UTC


def new_years_eve(now: dt.datetime) -> dt.datetime:
    """Late on 31 December in UTC: already 1 January in Seoul and Beijing."""
    moment = dt.datetime(now.year, 12, 31, 23, 30, tzinfo=UTC)
    return moment if moment > now else moment.replace(year=now.year + 1)


def leap_day(now: dt.datetime) -> dt.datetime:
    year = now.year + 1
    while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        year += 1
    return dt.datetime(year, 2, 29, 12, tzinfo=UTC)


def holiday_of_both_cities(now: dt.datetime) -> dt.datetime:
    """The next day that is a public holiday in Korea and in China (New Year's Day aside: the first moment is
    next to it), at noon in Seoul."""
    day = now.date() + dt.timedelta(days=1)
    korea, china = holidays.KR(years=range(day.year, day.year + 2)), holidays.CN(years=range(day.year, day.year + 2))
    while not (day in korea and day in china) or (day.month, day.day) == (1, 1):
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(3), tzinfo=UTC)


def around_the_next_assembly(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The day before the demo council's next general assembly, and two hours into its opening day."""
    from demo.assemblies import schedule

    opening = schedule(now)[-1].starts_at.astimezone(UTC)
    return opening - dt.timedelta(days=1), opening + dt.timedelta(hours=2)


def eight_years_ahead(now: dt.datetime) -> dt.datetime:
    return dt.datetime(now.year + 8, now.month, min(now.day, 28), 12, tzinfo=UTC) + dt.timedelta(days=45)


def moments(now: dt.datetime) -> list[tuple[dt.datetime, str]]:
    before, during = around_the_next_assembly(now)
    return [
        (new_years_eve(now), "31 December, late in the evening in UTC: already 1 January in Seoul and Beijing"),
        (leap_day(now), "29 February"),
        (holiday_of_both_cities(now), "a public holiday in both Korea and China"),
        (before, "the day before a general assembly"),
        (during, "the day of a general assembly, two hours after it opened"),
        (eight_years_ahead(now), "more than eight years ahead"),
    ]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    from django.utils import timezone

    for moment, what in moments(timezone.now()):
        print(f"{moment:%Y-%m-%d %H:%M:%S}\t{what}")
