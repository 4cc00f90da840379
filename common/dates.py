"""The span of dates people may enter, for forms, imports and the admin alike.

Outside it a date is a typing mistake (0001 for 2001, 2206 for 2026). Near the calendar's ends it would
not even be usable: 1 January of year 1 in Seoul is before year 1 in UTC, and the day after 31 December
9999 (an end date, a reminder the day after) cannot be computed — a server error instead of a message.
Model fields take DAY_VALIDATORS (imports and the admin run them); form fields are DayField, so that a
form's own checks (public holidays, local times) never see a day outside the span.
"""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)
LATEST_YEAR = LATEST_DAY.year  # an assembly cycle or a plan's cycle, too
OUTSIDE_SPAN = _("Enter a date between 1900 and 2100.")

DAY_VALIDATORS = [
    MinValueValidator(EARLIEST_DAY, message=OUTSIDE_SPAN),
    MaxValueValidator(LATEST_DAY, message=OUTSIDE_SPAN),
]
# The same span as instants: those days in any zone, from UTC−12 to UTC+14.
INSTANT_VALIDATORS = [
    MinValueValidator(dt.datetime(1899, 12, 31, 10, tzinfo=dt.UTC), message=OUTSIDE_SPAN),
    MaxValueValidator(dt.datetime(2101, 1, 1, 12, tzinfo=dt.UTC), message=OUTSIDE_SPAN),
]


class DayInput(forms.DateInput):
    """The browser's date picker. Its value is written in ISO (2026-10-31) in every language, as the
    browser requires: Django's would use the language's first input format — zh-hans's is 2026/10/31 —,
    which the browser drops, and a Chinese reader's form would open with the date empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeOfDayInput(forms.TimeInput):
    """The browser's time picker, its value on the 24-hour clock in every language (as DayInput)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DayField(forms.DateField):
    """A date input, refused outside the span before anything is computed from it."""

    widget = DayInput
    default_validators = DAY_VALIDATORS
