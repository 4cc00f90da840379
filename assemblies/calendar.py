"""The iCalendar feed (RFC 5545) of the general assemblies and the exchanges one person may read.

Building only: the view decides whose feed it is and hands over their Access; nothing here reads a
request. Every instant is written in UTC ('Z'), so the feed needs no VTIMEZONE; exchanges known only
by their dates are all-day events on the host city's calendar dates. Descriptions write dates and times
as the pages do, in the owner's language.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, DateField, DateTimeField, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce, Lag
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from assemblies.models import Assembly
from assemblies.permissions import can_read_assemblies, readable_assemblies
from common.timezones import local_instant, local_times
from council.models import City
from council.permissions import Access
from teams.models import Exchange
from teams.permissions import can_read_exchanges, visible_exchanges
from translations.reading import plain, with_versions

PRODID = "-//Council Desk//Calendar feed//EN"
UID_DOMAIN = "council-desk"
# A hint to calendar apps on how often to poll (Apple Calendar and Thunderbird follow it; Google
# Calendar polls on its own schedule of several hours).
REFRESH_INTERVAL = dt.timedelta(hours=1)
# Assemblies and exchanges from two years back to two years ahead: the last cycle and the next one,
# which is what a calendar is used for; the log itself keeps everything. Without a limit a feed polled
# every hour would grow with every year of history. The calendar page says so.
WINDOW_YEARS = 2

ASSEMBLY_STATUS = {
    Assembly.Status.PLANNED: "TENTATIVE",
    Assembly.Status.POSTPONED: "TENTATIVE",
    Assembly.Status.CONFIRMED: "CONFIRMED",
    Assembly.Status.HELD: "CONFIRMED",
    # Kept in the feed, so that calendars which showed the assembly show it cancelled.
    Assembly.Status.CANCELLED: "CANCELLED",
}
# Drafts still wait for a lead's approval and cancelled exchanges will not happen: neither is listed.
EXCHANGE_STATUS = {
    Exchange.Status.PROPOSED: "TENTATIVE",
    Exchange.Status.PLANNED: "CONFIRMED",
    Exchange.Status.IN_PROGRESS: "CONFIRMED",
    Exchange.Status.COMPLETED: "CONFIRMED",
}
# The fields whose change moves an event in a calendar: each change raises its SEQUENCE.
ASSEMBLY_DATE_FIELDS = ("starts_at", "ends_at")
EXCHANGE_DATE_FIELDS = ("starts_on", "ends_on", "starts_at", "ends_at")


@dataclass(frozen=True)
class FeedContext:
    """What every event of one feed shares: its owner's cities and zone, the time, the site's address."""

    cities: list[City]
    viewer_zone: dt.tzinfo
    now: dt.datetime
    absolute_url: Callable[[str], str]


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def feed_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return _shift_years(today, -WINDOW_YEARS), _shift_years(today, WINDOW_YEARS)


def feed_assemblies(access: Access, *, today: dt.date) -> QuerySet[Assembly]:
    """The council's assemblies whose dates overlap the window; one not yet dated has nothing to put in a
    calendar. The window's days are UTC days, as `today` is; an assembly's times are instants."""
    if not can_read_assemblies(access):
        return Assembly.objects.none()
    first, last = feed_window(today)
    return (
        readable_assemblies(access)
        .filter(starts_at__lt=local_instant(last + dt.timedelta(days=1), dt.time(0), dt.UTC))
        .alias(ends=Coalesce("ends_at", "starts_at"))
        .filter(ends__gte=local_instant(first, dt.time(0), dt.UTC))
        .select_related("host_city")
        .order_by("sequence")
    )


def feed_exchanges(access: Access, *, today: dt.date) -> QuerySet[Exchange]:
    """The exchanges this person may read that overlap the window, drafts and cancelled ones left out."""
    if not can_read_exchanges(access):
        return Exchange.objects.none()
    first, last = feed_window(today)
    return (
        visible_exchanges(access)
        .filter(status__in=list(EXCHANGE_STATUS), starts_on__lte=last)
        .alias(last_day=Coalesce("ends_on", "starts_on"))
        .filter(last_day__gte=first)
        .select_related("team", "host_city", "visiting_city")
        .order_by("starts_on", "pk")
    )


def move_counts(objects: QuerySet, fields: Iterable[str]) -> dict[int, int]:
    """How often each object moved: the number of its history records whose dates differ from the one before.

    One query for all the objects (an aggregate over a LAG window on django-simple-history's table), so
    a feed of any length costs the same. Changes made with QuerySet.update() leave no record and are not
    counted; the services save through the model.
    """
    history = objects.model.history.model
    per_object = {"partition_by": [F("id")], "order_by": [F("history_date").asc(), F("history_id").asc()]}
    annotations = {"previous_record": Window(Lag("history_id"), **per_object)}
    moved = Q()
    for name in fields:
        # Compared through a stand-in for NULL, so that an end added or removed counts as a move too.
        sentinel = _earliest(history._meta.get_field(name))
        annotations[f"now_{name}"] = Coalesce(name, sentinel)
        annotations[f"was_{name}"] = Window(Lag(Coalesce(name, sentinel)), **per_object)
        moved |= ~Q(**{f"now_{name}": F(f"was_{name}")})
    records = history.objects.filter(id__in=objects.values("pk")).annotate(
        **annotations,
        moved=Case(When(Q(previous_record__isnull=False) & moved, then=1), default=0, output_field=IntegerField()),
    )
    moves = (
        history.objects.filter(history_id__in=records.filter(moved=1).order_by().values("history_id"))
        .values("id")
        .annotate(moves=Count("history_id"))
        .order_by()
    )
    return {row["id"]: row["moves"] for row in moves}


def _earliest(field) -> Value:
    """A value no real date reaches, standing in for NULL."""
    if field.get_internal_type() == "DateTimeField":
        return Value(dt.datetime(1, 1, 1, tzinfo=dt.UTC), output_field=DateTimeField())
    return Value(dt.date(1, 1, 1), output_field=DateField())


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _clock(value: dt.datetime) -> str:
    """A local time as the pages write it, with its offset: "5 Dec 2026, 10:00 (UTC+09:00)"."""
    offset = value.strftime("%z")  # "+0900"
    return f"{date_format(value, 'DATETIME_FORMAT')} (UTC{offset[:3]}:{offset[3:]})"


def _local_time_lines(label: str, value: dt.datetime, ctx: FeedContext) -> list[str]:
    """Each member city's wall-clock time, then the owner's own if no city shares their zone."""
    times = local_times(value, ctx.cities, ctx.viewer_zone)
    return [label] + [f"  {item.label}: {_clock(item.value)}" for item in times]


def _event(*, uid: str, summary: str, location: str, status: str, sequence: int, obj, ctx: FeedContext) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", _utc(ctx.now))
    event.add("last-modified", _utc(obj.updated_at))
    event.add("sequence", sequence)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("status", status)
    event.add("url", ctx.absolute_url(obj.get_absolute_url()))
    return event


def _description(event: Event, lines: list[str], status_label: str) -> None:
    """Status and the page's address close every description: apps that hide URL still show the link."""
    lines += [_("Status: %(status)s") % {"status": status_label}, str(event["url"])]
    event.add("description", "\n".join(lines))


def assembly_event(assembly: Assembly, *, sequence: int, ctx: FeedContext) -> Event:
    event = _event(
        uid=f"assembly-{assembly.pk}",
        summary=str(assembly),
        location=plain(assembly, "venue") or assembly.host_city.name,
        status=ASSEMBLY_STATUS[assembly.status],
        sequence=sequence,
        obj=assembly,
        ctx=ctx,
    )
    event.add("dtstart", _utc(assembly.starts_at))
    lines = [_("Host city: %(city)s") % {"city": assembly.host_city.name}]
    if assembly.venue:
        lines.append(_("Venue: %(venue)s") % {"venue": plain(assembly, "venue")})
    lines += _local_time_lines(_("Starts:"), assembly.starts_at, ctx)
    if assembly.ends_at:
        event.add("dtend", _utc(assembly.ends_at))
        lines += _local_time_lines(_("Ends:"), assembly.ends_at, ctx)
    _description(event, lines, assembly.get_status_display())
    return event


def _exchange_location(exchange: Exchange) -> str:
    if exchange.host_city_id:
        return exchange.host_city.name
    return _("Online") if exchange.joint_online else ""


def _exchange_when(event: Event, exchange: Exchange, ctx: FeedContext) -> list[str]:
    """Timed exchanges as UTC instants; the others as all-day events (DTEND is the day after, exclusive)."""
    last_day = exchange.ends_on or exchange.starts_on
    if exchange.starts_at:
        event.add("dtstart", _utc(exchange.starts_at))
        lines = _local_time_lines(_("Starts:"), exchange.starts_at, ctx)
        if exchange.ends_at:
            event.add("dtend", _utc(exchange.ends_at))
            return lines + _local_time_lines(_("Ends:"), exchange.ends_at, ctx)
        event.add("dtend", _utc(_end_of_day(exchange, last_day, ctx)))
        return lines + [
            _("No end time given: shown until the end of %(day)s.") % {"day": date_format(last_day, "DATE_FORMAT")}
        ]
    event.add("dtstart", exchange.starts_on)
    event.add("dtend", last_day + dt.timedelta(days=1))
    if last_day == exchange.starts_on:
        return [_("Date: %(day)s") % {"day": date_format(exchange.starts_on, "DATE_FORMAT")}]
    return [
        _("Dates: %(first)s – %(last)s")
        % {"first": date_format(exchange.starts_on, "DATE_FORMAT"), "last": date_format(last_day, "DATE_FORMAT")}
    ]


def _end_of_day(exchange: Exchange, day: dt.date, ctx: FeedContext) -> dt.datetime:
    """Midnight after `day` where the exchange's times were entered: its host city, else the council's first
    city (as the exchange form reads them).

    A timed event without DTEND is an instant (RFC 5545 3.6.1): calendar apps show it on its first day
    only, as a point or a default half hour. Ending it with its last day keeps its start time in the
    day's grid and shows a multi-day exchange as a bar across all its days, in Google Calendar, Outlook
    and Apple Calendar alike. An all-day event would show every day too, but would hide the start time
    in the description, and would fall on other days for a reader whose zone is far from the host's.
    """
    zone = (exchange.host_city if exchange.host_city_id else ctx.cities[0]).zone
    return local_instant(day + dt.timedelta(days=1), dt.time(0), zone)


def exchange_event(exchange: Exchange, *, sequence: int, ctx: FeedContext) -> Event:
    event = _event(
        uid=f"exchange-{exchange.pk}",
        summary=plain(exchange, "title"),
        location=_exchange_location(exchange),
        status=EXCHANGE_STATUS[exchange.status],
        sequence=sequence,
        obj=exchange,
        ctx=ctx,
    )
    lines = [
        _("Team: %(team)s") % {"team": exchange.team.name},
        _("Kind: %(kind)s") % {"kind": exchange.get_kind_display()},
    ]
    if exchange.host_city_id:
        lines.append(_("Host city: %(city)s") % {"city": exchange.host_city.name})
    if exchange.visiting_city_id:
        lines.append(_("Visiting city: %(city)s") % {"city": exchange.visiting_city.name})
    if exchange.joint_online:
        lines.append(_("Joint online event"))
    lines += _exchange_when(event, exchange, ctx)
    _description(event, lines, exchange.get_status_display())
    return event


def build_feed(*, access: Access, now: dt.datetime, absolute_url: Callable[[str], str]) -> bytes:
    """The whole feed of one person, in their language, the council's texts too (marked where not yet
    translated): seven queries, whatever its length."""
    person = access.person
    with translation.override(person.preferred_language):
        council = person.council
        ctx = FeedContext(cities=council.rotation(), viewer_zone=person.zone, now=now, absolute_url=absolute_url)
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", council.name)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
        assemblies = feed_assemblies(access, today=now.date())
        assembly_moves = move_counts(assemblies, ASSEMBLY_DATE_FIELDS)
        for assembly in with_versions(assemblies):
            calendar.add_component(assembly_event(assembly, sequence=assembly_moves.get(assembly.pk, 0), ctx=ctx))
        exchanges = feed_exchanges(access, today=now.date())
        exchange_moves = move_counts(exchanges, EXCHANGE_DATE_FIELDS)
        for exchange in with_versions(exchanges):
            calendar.add_component(exchange_event(exchange, sequence=exchange_moves.get(exchange.pk, 0), ctx=ctx))
        return calendar.to_ical()
