"""The iCalendar feed, read back with icalendar as a calendar app reads it."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar

from assemblies.calendar import feed_window
from assemblies.models import Assembly
from council.models import Role
from teams.models import Exchange
from tests.factories import ExchangeFactory
from translations.reading import text_of

UTC = dt.UTC
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def read_feed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def rows(calendar: Calendar) -> list[tuple]:
    """Each event as (uid, summary, start, end, status, location, sequence), in feed order."""
    return [
        (
            str(event["uid"]),
            str(event["summary"]),
            event.decoded("dtstart"),
            event.decoded("dtend") if "dtend" in event else None,
            str(event["status"]),
            str(event["location"]) if "location" in event else None,
            event.decoded("sequence"),
        )
        for event in calendar.walk("VEVENT")
    ]


def by_uid(calendar: Calendar) -> dict:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def uid(obj) -> str:
    return f"{type(obj).__name__.lower()}-{obj.pk}@council-desk"


def at(day: dt.date, hour: int, zone=UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone).astimezone(UTC)


def on(day: dt.date, clock: str = "") -> str:
    """A day (and a time) as the descriptions write them in English: "5 Dec 2026, 10:00"."""
    return date_format(day, "DATE_FORMAT") + (f", {clock}" if clock else "")


@pytest.fixture
def today() -> dt.date:
    return timezone.now().date()


def test_every_event_of_the_feed(client, calendar_council, calendar_feed_url, foreign_assembly, foreign_team, today):
    c = calendar_council
    confirmed = Assembly.objects.create(
        council=c.council, sequence=1, cycle=today.year, host_city=c.incheon, venue="Songdo Convensia",
        starts_at=at(today + dt.timedelta(days=30), 1), ends_at=at(today + dt.timedelta(days=30), 9),
        status=Assembly.Status.CONFIRMED,
    )  # fmt: skip
    planned = Assembly.objects.create(
        council=c.council, sequence=2, cycle=today.year + 2, host_city=c.tianjin,
        starts_at=at(today + dt.timedelta(days=700), 2), status=Assembly.Status.PLANNED,
    )  # fmt: skip
    Assembly.objects.create(council=c.council, sequence=3, cycle=today.year + 4, host_city=c.incheon)  # no date yet
    cancelled = Assembly.objects.create(
        council=c.council, sequence=4, cycle=today.year + 1, host_city=c.tianjin, venue="Meijiang Convention Centre",
        starts_at=at(today + dt.timedelta(days=500), 1), status=Assembly.Status.CANCELLED,
    )  # fmt: skip
    day = today + dt.timedelta(days=10)
    timed = ExchangeFactory(
        team=c.economy, title="Port logistics forum", starts_on=day, status=Exchange.Status.PLANNED,
        starts_at=at(day, 9, SEOUL), ends_at=at(day, 12, SEOUL),
    )  # fmt: skip
    one_day = ExchangeFactory(
        team=c.culture, title="Calligraphy workshop", starts_on=today + dt.timedelta(days=20),
        status=Exchange.Status.PROPOSED, host_city=c.tianjin, visiting_city=c.incheon,
    )  # fmt: skip
    several_days = ExchangeFactory(
        team=c.economy, title="Trade fair", starts_on=today - dt.timedelta(days=100),
        ends_on=today - dt.timedelta(days=97), status=Exchange.Status.COMPLETED, outcomes="Deals announced.",
    )  # fmt: skip
    open_end = ExchangeFactory(
        team=c.culture, title="Opera season", starts_on=today - dt.timedelta(days=3),
        status=Exchange.Status.IN_PROGRESS, starts_at=at(today - dt.timedelta(days=3), 11),
    )  # fmt: skip
    online = ExchangeFactory(
        team=c.economy, title="Online start-up pitch", starts_on=today + dt.timedelta(days=40),
        host_city=None, visiting_city=None, joint_online=True,
    )  # fmt: skip
    long_running = ExchangeFactory(
        team=c.economy, title="Smart port pilot", starts_on=today - dt.timedelta(days=3 * 365),
        ends_on=today - dt.timedelta(days=30), status=Exchange.Status.IN_PROGRESS,
    )  # fmt: skip
    # Left out: a draft, a cancelled exchange, and exchanges wholly outside the two-year window.
    ExchangeFactory(team=c.economy, status=Exchange.Status.DRAFT, starts_on=day)
    ExchangeFactory(team=c.economy, status=Exchange.Status.CANCELLED, starts_on=day)
    ExchangeFactory(team=c.economy, starts_on=today - dt.timedelta(days=3 * 365))
    ExchangeFactory(team=c.economy, starts_on=today + dt.timedelta(days=3 * 365))
    ExchangeFactory(team=foreign_team, starts_on=day)

    calendar = read_feed(client.get(calendar_feed_url(c.secretariat)))

    year, days = today.year, lambda n: today + dt.timedelta(days=n)
    assert rows(calendar) == [
        (uid(confirmed), f"General assembly no. 1 ({year})", at(days(30), 1), at(days(30), 9), "CONFIRMED",
         "Songdo Convensia", 0),
        (uid(planned), f"General assembly no. 2 ({year + 2})", at(days(700), 2), None, "TENTATIVE", "Tianjin", 0),
        (uid(cancelled), f"General assembly no. 4 ({year + 1})", at(days(500), 1), None, "CANCELLED",
         "Meijiang Convention Centre", 0),
        (uid(long_running), "Smart port pilot", days(-3 * 365), days(-29), "CONFIRMED", "Incheon", 0),
        (uid(several_days), "Trade fair", days(-100), days(-96), "CONFIRMED", "Incheon", 0),
        (uid(open_end), "Opera season", at(days(-3), 11), at(days(-2), 0, SEOUL), "CONFIRMED", "Incheon", 0),
        (uid(timed), "Port logistics forum", at(day, 0), at(day, 3), "CONFIRMED", "Incheon", 0),
        (uid(one_day), "Calligraphy workshop", days(20), days(21), "TENTATIVE", "Tianjin", 0),
        (uid(online), "Online start-up pitch", days(40), days(41), "CONFIRMED", "Online", 0),
    ]  # fmt: skip
    assert f"assembly-{foreign_assembly.pk}@council-desk" not in by_uid(calendar)


def test_instants_are_utc_and_all_day_events_are_dates(client, calendar_council, calendar_feed_url, today):
    c = calendar_council
    day = today + dt.timedelta(days=5)
    ExchangeFactory(team=c.economy, starts_on=day, starts_at=at(day, 9, SEOUL), ends_at=at(day, 17, SEOUL))
    all_day = ExchangeFactory(team=c.economy, starts_on=day, ends_on=day + dt.timedelta(days=2))

    body = client.get(calendar_feed_url(c.secretariat)).content.decode()

    assert f"DTSTART:{day:%Y%m%d}T000000Z\r\n" in body
    assert f"DTEND:{day:%Y%m%d}T080000Z\r\n" in body
    events = by_uid(Calendar.from_ical(body))
    event = events[f"exchange-{all_day.pk}@council-desk"]
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (day, day + dt.timedelta(days=3))


def test_the_calendar_names_the_council_and_the_publisher(client, calendar_council, calendar_feed_url):
    calendar = read_feed(client.get(calendar_feed_url(calendar_council.secretariat)))

    assert str(calendar["x-wr-calname"]) == "Incheon–Tianjin Council"
    assert str(calendar["prodid"]) == "-//Council Desk//Calendar feed//EN"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert calendar.walk("VEVENT") == []


def test_description_gives_both_cities_local_times_and_the_page(client, calendar_council, calendar_feed_url, today):
    c = calendar_council
    day = today + dt.timedelta(days=30)
    assembly = Assembly.objects.create(
        council=c.council, sequence=1, cycle=today.year, host_city=c.incheon, venue="Songdo Convensia",
        starts_at=at(day, 1), ends_at=at(day, 9), status=Assembly.Status.CONFIRMED,
    )  # fmt: skip
    before = timezone.now().replace(microsecond=0)

    event = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))[f"assembly-{assembly.pk}@council-desk"]

    page = f"http://testserver/assemblies/{assembly.pk}/"
    assert str(event["description"]).split("\n") == [
        "Host city: Incheon",
        "Venue: Songdo Convensia",
        "Starts:",
        f"  Incheon: {on(day, '10:00')} (UTC+09:00)",
        f"  Tianjin: {on(day, '09:00')} (UTC+08:00)",
        "Ends:",
        f"  Incheon: {on(day, '18:00')} (UTC+09:00)",
        f"  Tianjin: {on(day, '17:00')} (UTC+08:00)",
        "Status: Confirmed",
        page,
    ]
    assert str(event["url"]) == page
    assert before <= event.decoded("dtstamp") <= timezone.now()
    assert event.decoded("last-modified") == assembly.updated_at.replace(microsecond=0)


def test_exchange_descriptions(client, calendar_council, calendar_feed_url, today):
    c = calendar_council
    day = today + dt.timedelta(days=8)
    timed = ExchangeFactory(
        team=c.economy, title="Port logistics forum", starts_on=day, host_city=c.tianjin, visiting_city=c.incheon,
        starts_at=at(day, 9, SEOUL), ends_at=at(day, 12, SEOUL), kind=Exchange.Kind.DELEGATION_VISIT,
    )  # fmt: skip
    dated = ExchangeFactory(
        team=c.culture, starts_on=day, ends_on=day + dt.timedelta(days=2), status=Exchange.Status.PROPOSED,
        joint_online=True,
    )  # fmt: skip

    events = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))

    assert str(events[uid(timed)]["description"]).split("\n") == [
        "Team: Economy",
        "Kind: Delegation visit",
        "Host city: Tianjin",
        "Visiting city: Incheon",
        "Starts:",
        f"  Incheon: {on(day, '09:00')} (UTC+09:00)",
        f"  Tianjin: {on(day, '08:00')} (UTC+08:00)",
        "Ends:",
        f"  Incheon: {on(day, '12:00')} (UTC+09:00)",
        f"  Tianjin: {on(day, '11:00')} (UTC+08:00)",
        "Status: Planned",
        f"http://testserver/exchanges/{timed.pk}/",
    ]
    assert str(events[uid(dated)]["description"]).split("\n") == [
        "Team: Culture",
        "Kind: Forum or conference",
        "Host city: Incheon",
        "Visiting city: Tianjin",
        "Joint online event",
        f"Dates: {on(day)} – {on(day + dt.timedelta(days=2))}",
        "Status: Proposed",
        f"http://testserver/exchanges/{dated.pk}/",
    ]
    assert str(events[uid(dated)]["url"]) == f"http://testserver/exchanges/{dated.pk}/"


def test_description_adds_the_owner_time_when_no_city_shares_their_zone(client, calendar_council, calendar_feed_url):
    c = calendar_council
    c.secretariat.person.time_zone = "Asia/Kolkata"  # UTC+05:30 all year
    c.secretariat.person.save()
    day = timezone.now().date() + dt.timedelta(days=5)
    exchange = ExchangeFactory(team=c.economy, starts_on=day, starts_at=at(day, 9, SEOUL))

    event = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))[f"exchange-{exchange.pk}@council-desk"]

    assert str(event["description"]).split("\n")[4:8] == [
        "Starts:",
        f"  Incheon: {on(day, '09:00')} (UTC+09:00)",
        f"  Tianjin: {on(day, '08:00')} (UTC+08:00)",
        f"  your time: {on(day, '05:30')} (UTC+05:30)",
    ]


def test_team_member_sees_assemblies_and_only_their_team_exchanges(
    client, demo_user, calendar_feed_url, economy, culture, foreign_assembly, foreign_team, today
):
    mine = ExchangeFactory(team=economy, title="Economy exchange for the feed", starts_on=today)
    draft = ExchangeFactory(team=economy, status=Exchange.Status.DRAFT, starts_on=today)
    theirs = ExchangeFactory(team=culture, title="Culture exchange for the feed", starts_on=today)
    foreign = ExchangeFactory(team=foreign_team, starts_on=today)

    events = by_uid(read_feed(client.get(calendar_feed_url(demo_user("member-economy-seoul")))))

    exchange_ids = {int(uid.split("@")[0].removeprefix("exchange-")) for uid in events if uid.startswith("exchange-")}
    assert mine.pk in exchange_ids
    assert {draft.pk, theirs.pk, foreign.pk} & exchange_ids == set()
    assert set(Exchange.objects.filter(pk__in=exchange_ids).values_list("team_id", flat=True)) == {economy.pk}
    assert not Exchange.objects.filter(pk__in=exchange_ids, status__in=["draft", "cancelled"]).exists()
    first, last = feed_window(today)
    in_window = [
        a.pk
        for a in Assembly.objects.filter(council=economy.council, starts_at__isnull=False)
        if a.starts_at.date() <= last and (a.ends_at or a.starts_at).date() >= first
    ]
    assert {uid for uid in events if uid.startswith("assembly-")} == {f"assembly-{pk}@council-desk" for pk in in_window}
    assert f"assembly-{foreign_assembly.pk}@council-desk" not in events
    # The demo's next assembly at least (the last held one too, unless it was more than two years ago).
    assert len(in_window) >= 1


def test_mayor_office_sees_every_team(client, demo_user, calendar_feed_url, economy, culture, today):
    ours = [ExchangeFactory(team=team, starts_on=today) for team in (economy, culture)]

    events = by_uid(read_feed(client.get(calendar_feed_url(demo_user("mayor-office-beijing")))))

    assert {f"exchange-{e.pk}@council-desk" for e in ours} <= set(events)


def test_signed_in_browser_gets_its_own_feed_without_a_token(client, calendar_council, today):
    exchange = ExchangeFactory(team=calendar_council.economy, starts_on=today)
    client.force_login(calendar_council.secretariat)

    events = by_uid(read_feed(client.get(reverse("assemblies:calendar-feed"))))

    assert list(events) == [f"exchange-{exchange.pk}@council-desk"]


def test_token_decides_whose_feed_even_when_signed_in(client, calendar_council, calendar_feed_url, demo_user, today):
    exchange = ExchangeFactory(team=calendar_council.economy, starts_on=today)
    client.force_login(demo_user("secretariat-seoul"))  # of the demo council: would not see the exchange

    events = by_uid(read_feed(client.get(calendar_feed_url(calendar_council.secretariat))))

    assert list(events) == [f"exchange-{exchange.pk}@council-desk"]


def test_sequence_rises_when_an_exchange_moves_and_not_on_other_edits(
    client, calendar_council, calendar_feed_url, today
):
    exchange = ExchangeFactory(team=calendar_council.economy, starts_on=today + dt.timedelta(days=10))
    url, uid = calendar_feed_url(calendar_council.secretariat), f"exchange-{exchange.pk}@council-desk"

    def sequence() -> int:
        return by_uid(read_feed(client.get(url)))[uid].decoded("sequence")

    assert sequence() == 0
    exchange.title, exchange.outcomes = "A new title", "Notes"
    exchange.save()
    assert sequence() == 0
    exchange.starts_on = today + dt.timedelta(days=12)
    exchange.save()
    assert sequence() == 1
    exchange.ends_on = today + dt.timedelta(days=13)  # an end added is a move too
    exchange.save()
    assert sequence() == 2
    exchange.status = Exchange.Status.IN_PROGRESS
    exchange.save()
    assert sequence() == 2
    exchange.starts_on, exchange.ends_on = today + dt.timedelta(days=10), None  # back where it was: moved again
    exchange.save()
    assert sequence() == 3


def test_sequence_rises_when_an_assembly_moves(client, calendar_council, calendar_feed_url, today):
    c = calendar_council
    start = at(today + dt.timedelta(days=60), 1)
    assembly = Assembly.objects.create(
        council=c.council, sequence=1, cycle=today.year, host_city=c.incheon, starts_at=start,
        ends_at=start + dt.timedelta(hours=8),
    )  # fmt: skip
    other = Assembly.objects.create(council=c.council, sequence=2, cycle=today.year + 2, host_city=c.tianjin,
                                    starts_at=start + dt.timedelta(days=600))  # fmt: skip
    url = calendar_feed_url(c.secretariat)
    assembly.venue = "Songdo Convensia"
    assembly.save()
    assembly.starts_at, assembly.ends_at = start + dt.timedelta(days=7), start + dt.timedelta(days=7, hours=8)
    assembly.save()

    events = by_uid(read_feed(client.get(url)))

    assert events[f"assembly-{assembly.pk}@council-desk"].decoded("sequence") == 1
    assert events[f"assembly-{other.pk}@council-desk"].decoded("sequence") == 0
    assert events[f"assembly-{assembly.pk}@council-desk"].decoded("dtstart") == start + dt.timedelta(days=7)


def test_summaries_in_the_owner_language(client, demo_user, calendar_feed_url, next_assembly):
    user = demo_user("member-economy-seoul")
    user.person.preferred_language = "ko"
    user.person.save()

    calendar = read_feed(client.get(calendar_feed_url(user)))  # no session: the owner's language, not the browser's

    events = by_uid(calendar)
    assert str(calendar["x-wr-calname"]) == next_assembly.council.name_ko
    summary = f"제{next_assembly.sequence}차 총회 ({next_assembly.cycle})"
    assert str(events[f"assembly-{next_assembly.pk}@council-desk"]["summary"]) == summary
    exchanges = {int(uid.split("@")[0].removeprefix("exchange-")): e for uid, e in events.items() if "exchange" in uid}
    titles = {e.pk: text_of(e, "title", "ko").marked() for e in Exchange.objects.filter(pk__in=exchanges)}
    assert exchanges and {pk: str(e["summary"]) for pk, e in exchanges.items()} == titles
    team_name = Exchange.objects.get(pk=next(iter(exchanges))).team.name_ko
    assert all(team_name in str(e["description"]) for e in exchanges.values())


@pytest.mark.parametrize("rows", [1, 30])
def test_feed_query_count_is_constant(client, calendar_council, calendar_feed_url, django_assert_num_queries, rows):
    c = calendar_council
    today = timezone.now().date()
    for n in range(rows):
        exchange = ExchangeFactory(team=c.economy if n % 2 else c.culture, starts_on=today + dt.timedelta(days=n))
        exchange.starts_on += dt.timedelta(days=1)
        exchange.save()  # a move: the history has something to count
    Assembly.objects.create(
        council=c.council, sequence=1, cycle=today.year, host_city=c.incheon, starts_at=at(today, 1)
    )
    url = calendar_feed_url(c.secretariat)

    # and one each for the versions of the assemblies' and the exchanges' texts
    with django_assert_num_queries(11):
        response = client.get(url)

    events = read_feed(response).walk("VEVENT")
    assert len(events) == rows + 1
    assert {e.decoded("sequence") for e in events if "exchange" in str(e["uid"])} == {1}


def test_a_timed_exchange_without_an_end_lasts_to_the_end_of_its_last_day(
    client, calendar_council, calendar_feed_url, today
):
    """Its end is midnight after its last day in the zone its times were entered in (the host city's, else
    the first city's): a calendar app shows a multi-day exchange across all its days, not on the first."""
    c = calendar_council
    first = today + dt.timedelta(days=10)
    fair = ExchangeFactory(
        team=c.economy, starts_on=first, ends_on=first + dt.timedelta(days=2), starts_at=at(first, 9, BEIJING),
        host_city=c.tianjin, visiting_city=c.incheon,
    )  # fmt: skip
    online = ExchangeFactory(
        team=c.economy, starts_on=first, starts_at=at(first, 14, SEOUL), host_city=None, visiting_city=None,
        joint_online=True,
    )  # fmt: skip

    events = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))

    fair_event, online_event = events[uid(fair)], events[uid(online)]
    assert (fair_event.decoded("dtstart"), fair_event.decoded("dtend")) == (
        at(first, 9, BEIJING),
        at(first + dt.timedelta(days=3), 0, BEIJING),
    )
    assert (online_event.decoded("dtstart"), online_event.decoded("dtend")) == (
        at(first, 14, SEOUL),
        at(first + dt.timedelta(days=1), 0, SEOUL),  # Incheon, the first city of the council
    )
    last_day = date_format(first + dt.timedelta(days=2), "DATE_FORMAT")
    assert str(fair_event["description"]).split("\n")[-3] == f"No end time given: shown until the end of {last_day}."


@pytest.mark.parametrize(("language", "header"), [("en", "en"), ("ko", "ko"), ("zh-hans", "zh-hans")])
def test_the_feed_says_it_is_in_its_owner_language(client, calendar_council, calendar_feed_url, language, header):
    owner = calendar_council.user_with_role("calendar-reader", Role.Kind.SECRETARIAT, language=language)

    response = client.get(calendar_feed_url(owner), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == header


def test_the_feed_language_is_the_owner_even_for_a_browser_signed_in_in_another(
    client, calendar_council, calendar_feed_url, demo_user
):
    owner = calendar_council.user_with_role("calendar-reader", Role.Kind.SECRETARIAT, language="zh-hans")
    client.force_login(demo_user("secretariat-seoul"))  # English

    response = client.get(calendar_feed_url(owner))

    assert response["Content-Language"] == "zh-hans"
    assert f"X-WR-CALNAME:{calendar_council.council.name_zh_hans}" in response.content.decode()


def test_assemblies_outside_the_window_are_left_out(client, calendar_council, calendar_feed_url, today):
    """The same two years back and ahead as the exchanges: an assembly counts if its dates overlap them."""
    c = calendar_council
    first, last = feed_window(today)

    def assembly(sequence: int, starts_at: dt.datetime, ends_at: dt.datetime | None = None) -> Assembly:
        return Assembly.objects.create(
            council=c.council, sequence=sequence, cycle=2000 + sequence, host_city=c.incheon, starts_at=starts_at,
            ends_at=ends_at,
        )  # fmt: skip

    assembly(1, at(first - dt.timedelta(days=1), 1))  # the day before the window: left out
    on_first_day = assembly(2, at(first, 1))
    reaching_in = assembly(3, at(first - dt.timedelta(days=1), 10), at(first, 2))  # ends on its first day
    on_last_day = assembly(4, at(last, 23))
    assembly(5, at(last + dt.timedelta(days=1), 0))  # the day after: left out

    events = by_uid(read_feed(client.get(calendar_feed_url(c.secretariat))))

    assert list(events) == [uid(on_first_day), uid(reaching_in), uid(on_last_day)]


def test_descriptions_write_dates_and_times_as_the_owner_language_does(client, calendar_council, calendar_feed_url):
    c = calendar_council
    owner = c.user_with_role("calendar-reader", Role.Kind.SECRETARIAT, language="ko")
    day = timezone.now().date() + dt.timedelta(days=5)
    timed = ExchangeFactory(
        team=c.economy, starts_on=day, ends_on=day + dt.timedelta(days=1), starts_at=at(day, 15, SEOUL)
    )
    dated = ExchangeFactory(team=c.economy, starts_on=day, ends_on=day + dt.timedelta(days=2))

    events = by_uid(read_feed(client.get(calendar_feed_url(owner))))

    def korean(day: dt.date) -> str:
        return f"{day.year}년 {day.month}월 {day.day}일"

    assert str(events[uid(timed)]["description"]).split("\n")[4:8] == [
        "시작 시각:",
        f"  인천: {korean(day)} 오후 3:00 (UTC+09:00)",
        f"  톈진: {korean(day)} 오후 2:00 (UTC+08:00)",
        f"종료 시각이 정해지지 않아 {korean(day + dt.timedelta(days=1))}이 끝날 때까지 표시합니다.",
    ]
    assert f"기간: {korean(day)} ~ {korean(day + dt.timedelta(days=2))}" in str(events[uid(dated)]["description"])
