"""Past general assemblies of the demo council, every two years from 2015, alternating hosts."""

import datetime as dt

from assemblies.models import AgendaItem, Assembly, Resolution
from council.models import Council, Person
from demo.structure import upsert
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

# sequence, cycle, host, venue, local start (date, hour), status
ASSEMBLIES = [
    (1, 2015, "SEL", "Seoul City Hall, Seoul", (dt.date(2015, 10, 20), 10), Assembly.Status.HELD),
    (2, 2017, "BJS", "Beijing Hotel, Beijing", (dt.date(2017, 9, 12), 9), Assembly.Status.HELD),
    (3, 2019, "SEL", "Seoul Global Center, Seoul", (dt.date(2019, 10, 15), 10), Assembly.Status.HELD),
    (4, 2021, "BJS", "Online (video conference hosted by Beijing)", (dt.date(2021, 11, 23), 10), Assembly.Status.HELD),
    (5, 2023, "SEL", "Seoul City Hall, Seoul", (dt.date(2023, 10, 17), 10), Assembly.Status.HELD),
    (
        6,
        2025,
        "BJS",
        "Beijing International Convention Center, Beijing",
        (dt.date(2025, 9, 23), 9),
        Assembly.Status.HELD,
    ),
    (7, 2027, "SEL", "Seoul City Hall, Seoul", (dt.date(2027, 10, 19), 10), Assembly.Status.PLANNED),
]


def load_assemblies(council: Council) -> None:
    for assembly in _load_dates(council):
        _load_programme(council, assembly)


def _load_dates(council: Council) -> list[Assembly]:
    assemblies = []
    cities = {city.code: city for city in council.cities.all()}
    for sequence, cycle, host, venue, (day, hour), status in ASSEMBLIES:
        city = cities[host]
        starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=city.zone).astimezone(dt.UTC)
        assembly = upsert(
            Assembly,
            council=council,
            sequence=sequence,
            defaults={
                "cycle": cycle,
                "host_city": city,
                "venue": venue,
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(days=1, hours=7),
                "status": status,
            },
        )
        assemblies.append(assembly)
    return assemblies


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
