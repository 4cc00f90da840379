"""General assemblies of the demo council: every two years from 2015, alternating hosts, up to the next one.

The first seven are the council's history as the demo tells it. After them the schedule goes on by
the council's rule (every two years, Seoul and Beijing in turn), on the third Tuesday of October, so
that whatever day the demo is loaded on, the assemblies before it are held and the next one is ahead.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from assemblies.models import AgendaItem, Assembly, Resolution
from council.models import Council, Person
from demo.structure import CITIES, upsert
from teams.models import Team

AGENDA = [
    # order, title, team code (None: the whole council), minutes
    (1, "Opening addresses by the honorary chairmen", None, 30),
    (2, "Report of the secretariat on the cycle", None, 30),
    (3, "Economy team: achievements and plan", "economy", 40),
    (4, "Culture team: achievements and plan", "culture", 40),
    (5, "Education team: achievements and plan", "education", 40),
    (6, "Resolutions and signing of the joint statement", None, 30),
]
RESOLUTIONS = [
    (1, "Double the number of business events for companies of both cities in the next cycle.", "economy"),
    (2, "Open a joint exhibition in each city, alternating with the general assembly.", "culture"),
    (3, "Extend the student exchange to vocational schools.", "education"),
]

# The history: sequence, cycle, host, venue, local day and hour of the opening.
HISTORY = [
    (1, 2015, "SEL", "Seoul City Hall, Seoul", dt.date(2015, 10, 20), 10),
    (2, 2017, "BJS", "Beijing Hotel, Beijing", dt.date(2017, 9, 12), 9),
    (3, 2019, "SEL", "Seoul Global Center, Seoul", dt.date(2019, 10, 15), 10),
    (4, 2021, "BJS", "Online (video conference hosted by Beijing)", dt.date(2021, 11, 23), 10),
    (5, 2023, "SEL", "Seoul City Hall, Seoul", dt.date(2023, 10, 17), 10),
    (6, 2025, "BJS", "Beijing International Convention Center, Beijing", dt.date(2025, 9, 23), 9),
    (7, 2027, "SEL", "Seoul City Hall, Seoul", dt.date(2027, 10, 19), 10),
]
VENUES = {"SEL": "Seoul City Hall, Seoul", "BJS": "Beijing International Convention Center, Beijing"}
ZONES = {code: zoneinfo.ZoneInfo(zone) for code, _names, _country, zone in CITIES}
LASTS = dt.timedelta(days=1, hours=7)  # from the opening morning to the end of the second day


@dataclass(frozen=True)
class Planned:
    sequence: int
    cycle: int
    host: str  # city code
    venue: str
    starts_at: dt.datetime  # aware

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + LASTS


def _third_tuesday_of_october(year: int) -> dt.date:
    first = dt.date(year, 10, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)


def _planned(sequence: int) -> Planned:
    if sequence <= len(HISTORY):
        _sequence, cycle, host, venue, day, hour = HISTORY[sequence - 1]
    else:
        cycle, host = 2013 + 2 * sequence, "SEL" if sequence % 2 else "BJS"
        venue, day, hour = VENUES[host], _third_tuesday_of_october(cycle), 10
    starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=ZONES[host])
    return Planned(sequence, cycle, host, venue, starts_at)


def schedule(now: dt.datetime) -> list[Planned]:
    """Every assembly up to the first one that has not ended by `now`: the past ones and the next."""
    planned = [_planned(1)]
    while planned[-1].ends_at <= now:
        planned.append(_planned(len(planned) + 1))
    return planned


def load_assemblies(council: Council) -> None:
    now = timezone.now()
    for planned in schedule(now):
        _load_programme(council, _load_dates(council, planned, now))


def _load_dates(council: Council, planned: Planned, now: dt.datetime) -> Assembly:
    return upsert(
        Assembly,
        council=council,
        sequence=planned.sequence,
        defaults={
            "cycle": planned.cycle,
            "host_city": council.cities.get(code=planned.host),
            "venue": planned.venue,
            "starts_at": planned.starts_at.astimezone(dt.UTC),
            "ends_at": planned.ends_at.astimezone(dt.UTC),
            "status": Assembly.Status.HELD if planned.ends_at <= now else Assembly.Status.PLANNED,
        },
    )


def _load_programme(council: Council, assembly: Assembly) -> None:
    """Agenda for every assembly; resolutions, attendees and minutes for those held."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    chairs = {city.pk: city.mayor for city in council.cities.all()}
    for order, title, team_code, minutes in AGENDA:
        presenter = chairs.get(assembly.host_city_id) if order == 1 else None
        details = {"title": title, "team": teams.get(team_code), "duration_minutes": minutes, "presenter": presenter}
        upsert(AgendaItem, assembly=assembly, order=order, defaults=details)
    if assembly.status != Assembly.Status.HELD:
        return
    for number, text, team_code in RESOLUTIONS:
        upsert(Resolution, assembly=assembly, number=number, defaults={"text": text, "team": teams[team_code]})
    attendees = Person.objects.filter(council=council, roles__kind__in=["secretariat", "team_lead"]).distinct()
    assembly.attendees.set([*attendees, *[mayor for mayor in chairs.values() if mayor]])
    minutes = (
        f"General assembly no. {assembly.sequence} met in {assembly.host_city.name_en}. The teams reported on "
        "the cycle's exchanges; the assembly adopted the resolutions below and thanked the host city."
    )
    upsert(Assembly, pk=assembly.pk, defaults={"minutes": minutes})
