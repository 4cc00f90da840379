"""Durations from the environment: a number of seconds ("900"), a number with a unit ("90s", "15m",
"2h"), or what Django's parse_duration reads ("00:15:00", ISO 8601 "PT15M"). Anything else, or a
duration that is not positive, stops the process with the variable's name: a wrong alert threshold
must not pass unnoticed."""

import datetime as dt
import re

from django.core.exceptions import ImproperlyConfigured
from django.utils.dateparse import parse_duration

_WITH_UNIT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|m|min|h)$")
_SECONDS_PER_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}


def parse(name: str, value: str) -> dt.timedelta:
    text = value.strip().lower()
    if found := _WITH_UNIT.match(text):
        duration = dt.timedelta(seconds=float(found["number"]) * _SECONDS_PER_UNIT[found["unit"]])
    else:
        duration = parse_duration(text.upper() if text.startswith("p") else text)
    if duration is None or duration <= dt.timedelta(0):
        raise ImproperlyConfigured(
            f"{name} must be a positive duration: seconds (900), with a unit (90s, 15m, 2h) or ISO 8601"
            f" (PT15M), not {value!r}."
        )
    return duration


def from_env(env, name: str, *, default: dt.timedelta) -> dt.timedelta:
    value = env.str(name, default="")
    return parse(name, value) if value.strip() else default
