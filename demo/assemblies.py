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
from demo.texts import CITY_LANGUAGE, Triple, add_sign_offs, add_versions, by_language, fill, names, without, written
from teams.models import Team

AGENDA = [
    # order, title (en / ko / zh-hans), team code (None: the whole council), minutes
    (1, ("Opening addresses by the honorary chairmen", "명예위원장 개회사", "名誉主席致开幕词"), None, 30),
    (2, ("Report of the secretariat on the cycle", "사무국의 주기 활동 보고", "秘书处本周期工作报告"), None, 30),
    (3, ("Economy team: achievements and plan", "경제팀: 성과 및 계획", "经济组：成果与计划"), "economy", 40),
    (4, ("Culture team: achievements and plan", "문화팀: 성과 및 계획", "文化组：成果与计划"), "culture", 40),
    (5, ("Education team: achievements and plan", "교육팀: 성과 및 계획", "教育组：成果与计划"), "education", 40),
    (
        6,
        ("Resolutions and signing of the joint statement", "결의안 채택 및 공동성명 서명", "通过决议并签署联合声明"),
        None,
        30,
    ),
]
RESOLUTIONS = [
    (
        1,
        (
            "Double the number of business events for companies of both cities in the next cycle.",
            "다음 주기에 양 도시 기업을 위한 비즈니스 행사를 두 배로 늘린다.",
            "下一周期将面向两市企业的商务活动数量翻一番。",
        ),
        "economy",
    ),
    (
        2,
        (
            "Open a joint exhibition in each city, alternating with the general assembly.",
            "총회가 열리지 않는 해마다 각 도시에서 공동 전시회를 연다.",
            "在不举行全体会议的年份，于两市各举办一次联合展览。",
        ),
        "culture",
    ),
    (
        3,
        (
            "Extend the student exchange to vocational schools.",
            "학생 교류를 직업학교로 확대한다.",
            "将学生交流扩大到职业学校。",
        ),
        "education",
    ),
]
# The next assembly's draft resolutions, not adopted (nor signed off) yet; the last one still lacks its
# version in the other city's language.
DRAFTS = [
    (
        1,
        (
            "Set up a joint working group of the two cities on cold-chain logistics.",
            "양 도시 콜드체인 물류 공동 실무단을 구성한다.",
            "成立两市冷链物流联合工作组。",
        ),
        "economy",
    ),
    (
        2,
        (
            "Hold a youth culture festival in both cities during the next cycle.",
            "다음 주기에 두 도시에서 청소년 문화축제를 연다.",
            "下一周期在两市举办青少年文化节。",
        ),
        "culture",
    ),
]
MINUTES = (
    "General assembly no. {sequence} met in {city}. The teams reported on the cycle's exchanges; the assembly "
    "adopted the resolutions below and thanked the host city.",
    "제{sequence}차 총회가 {city}에서 열렸다. 각 팀이 이번 주기의 교류 성과를 보고했으며, 총회는 아래 결의안을 "
    "채택하고 개최 도시에 감사를 표했다.",
    "第{sequence}次全体会议在{city}举行。各工作组报告了本周期的交流情况；会议通过了以下决议，并向东道城市致谢。",
)

SEOUL_CITY_HALL = ("Seoul City Hall, Seoul", "서울특별시청, 서울", "首尔市政厅，首尔")
BEIJING_CONVENTION_CENTER = (
    "Beijing International Convention Center, Beijing",
    "베이징국제회의센터, 베이징",
    "北京国际会议中心，北京",
)
# The history: sequence, cycle, host, venue, local day and hour of the opening.
HISTORY = [
    (1, 2015, "SEL", SEOUL_CITY_HALL, dt.date(2015, 10, 20), 10),
    (2, 2017, "BJS", ("Beijing Hotel, Beijing", "베이징호텔, 베이징", "北京饭店，北京"), dt.date(2017, 9, 12), 9),
    (
        3,
        2019,
        "SEL",
        ("Seoul Global Center, Seoul", "서울글로벌센터, 서울", "首尔全球中心，首尔"),
        dt.date(2019, 10, 15),
        10,
    ),
    (
        4,
        2021,
        "BJS",
        ("Online (video conference hosted by Beijing)", "온라인 (베이징 주최 화상회의)", "线上（北京主办的视频会议）"),
        dt.date(2021, 11, 23),
        10,
    ),
    (5, 2023, "SEL", SEOUL_CITY_HALL, dt.date(2023, 10, 17), 10),
    (6, 2025, "BJS", BEIJING_CONVENTION_CENTER, dt.date(2025, 9, 23), 9),
    (7, 2027, "SEL", SEOUL_CITY_HALL, dt.date(2027, 10, 19), 10),
]
VENUES = {"SEL": SEOUL_CITY_HALL, "BJS": BEIJING_CONVENTION_CENTER}
ZONES = {code: zoneinfo.ZoneInfo(zone) for code, _names, _country, zone in CITIES}
LASTS = dt.timedelta(days=1, hours=7)  # from the opening morning to the end of the second day


@dataclass(frozen=True)
class Planned:
    sequence: int
    cycle: int
    host: str  # city code
    venue: Triple
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
    texts, official = [], []
    for planned in schedule(now):
        assembly = _load_dates(council, planned, now)
        texts.append((assembly, "venue", by_language(planned.venue)))
        programme = _load_programme(council, assembly)
        texts += programme
        if assembly.status == Assembly.Status.HELD:
            official += [entry for entry in programme if entry[1] in type(entry[0]).official_fields]
    add_versions(texts)
    add_sign_offs(official)  # what the assemblies held adopted; the next one's texts are drafts


def _load_dates(council: Council, planned: Planned, now: dt.datetime) -> Assembly:
    # The host city's secretariat writes the assembly's texts: its venue, agenda, resolutions and minutes.
    language = CITY_LANGUAGE.get(planned.host, "en")
    return upsert(
        Assembly,
        council=council,
        sequence=planned.sequence,
        defaults={
            "cycle": planned.cycle,
            "host_city": council.cities.get(code=planned.host),
            "language": language,
            "venue": written(planned.venue, language),
            "starts_at": planned.starts_at.astimezone(dt.UTC),
            "ends_at": planned.ends_at.astimezone(dt.UTC),
            "status": Assembly.Status.HELD if planned.ends_at <= now else Assembly.Status.PLANNED,
        },
    )


def _load_programme(council: Council, assembly: Assembly) -> list:
    """Agenda for every assembly; resolutions, attendees and minutes for those held, draft resolutions for
    the next. Returns the texts (record, field, {language: text})."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    chairs = {city.pk: city.mayor for city in council.cities.all()}
    language, texts = assembly.language, []
    for order, title, team_code, minutes in AGENDA:
        presenter = chairs.get(assembly.host_city_id) if order == 1 else None
        details = {"team": teams.get(team_code), "duration_minutes": minutes, "presenter": presenter}
        details |= {"language": language, "title": written(title, language)}
        item = upsert(AgendaItem, assembly=assembly, order=order, defaults=details)
        texts.append((item, "title", by_language(title)))
    held = assembly.status == Assembly.Status.HELD
    for number, text, team_code in RESOLUTIONS if held else DRAFTS:
        defaults = {"language": language, "text": written(text, language), "team": teams[team_code]}
        resolution = upsert(Resolution, assembly=assembly, number=number, defaults=defaults)
        versions = by_language(text)
        if not held and number == len(DRAFTS):
            versions = _other_city_awaiting(versions, language)
        texts.append((resolution, "text", versions))
    if not held:
        return texts
    attendees = Person.objects.filter(council=council, roles__kind__in=["secretariat", "team_lead"]).distinct()
    assembly.attendees.set([*attendees, *[mayor for mayor in chairs.values() if mayor]])
    minutes = fill(MINUTES, sequence=assembly.sequence, city=names(assembly.host_city))
    upsert(Assembly, pk=assembly.pk, defaults={"minutes": written(minutes, language)})
    assembly.minutes = written(minutes, language)
    return [*texts, (assembly, "minutes", by_language(minutes))]


def _other_city_awaiting(texts: dict[str, str], language: str) -> dict[str, str]:
    """Without the version the other city reads."""
    return without(texts, *(other for other in CITY_LANGUAGE.values() if other != language))
