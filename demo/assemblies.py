"""Past general assemblies of the demo council, every two years from 2015, alternating hosts."""

import datetime as dt

from assemblies.models import Assembly
from council.models import Council
from demo.structure import upsert

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
    cities = {city.code: city for city in council.cities.all()}
    for sequence, cycle, host, venue, (day, hour), status in ASSEMBLIES:
        city = cities[host]
        starts_at = dt.datetime.combine(day, dt.time(hour), tzinfo=city.zone).astimezone(dt.UTC)
        upsert(
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
