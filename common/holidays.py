"""Public holidays of the member cities' countries, for warnings when something is scheduled."""

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays as holiday_calendars
from django.utils.translation import get_language

# The holidays package names holidays in some languages per country; others read in English.
_HOLIDAY_LANGUAGES = {"en": "en_US", "ko": "ko", "zh-hans": "zh_CN"}
MAX_DAYS_CHECKED = 366


@dataclass(frozen=True)
class Holiday:
    day: dt.date
    city: object
    name: str


@cache
def _calendar(country: str, year: int, language: str):
    supported = holiday_calendars.list_supported_countries().get(country)
    if supported is None:
        return {}
    calendar_class = holiday_calendars.country_holidays(country).__class__
    languages = getattr(calendar_class, "supported_languages", ())
    return holiday_calendars.country_holidays(
        country, years=year, language=language if language in languages else "en_US"
    )


def holidays_between(cities, start: dt.date, end: dt.date | None = None) -> list[Holiday]:
    """Every public holiday of any of `cities` from start to end (inclusive), in the reader's language."""
    end = min(end or start, start + dt.timedelta(days=MAX_DAYS_CHECKED))
    language = _HOLIDAY_LANGUAGES.get(get_language() or "en", "en_US")
    found = []
    day = start
    while day <= end:
        for city in cities:
            name = _calendar(city.country, day.year, language).get(day)
            if name:
                found.append(Holiday(day, city, name))
        day += dt.timedelta(days=1)
    return found
