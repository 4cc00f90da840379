"""Showing one UTC instant in several cities' local time at once."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LocalTime:
    label: str
    value: datetime
    zone: str


def local_times(value: datetime, cities, viewer_zone: zoneinfo.ZoneInfo | None = None) -> list[LocalTime]:
    """The instant in each city's zone, then in the viewer's zone if no city shares it."""
    shown = [LocalTime(str(city), timezone.localtime(value, city.zone), city.time_zone) for city in cities]
    viewer_zone = viewer_zone or timezone.get_current_timezone()
    if str(viewer_zone) not in {item.zone for item in shown}:
        shown.append(LocalTime(_("your time"), timezone.localtime(value, viewer_zone), str(viewer_zone)))
    return shown


def local_instant(day: dt.date | None, time: dt.time | None, zone) -> datetime | None:
    """A date and wall-clock time in a city, as an aware datetime (stored in UTC)."""
    if day is None or time is None:
        return None
    return datetime.combine(day, time, tzinfo=zone)
