"""Demo correspondence: the secretariats' letters, e-mails, calls and meetings since the founding in 2013.

Generated deterministically up to now, in both directions, some answered (threads of two or three),
some about an exchange of a team or a general assembly. References follow the council's pattern and
the rule of the application (secretariat.services.correspondence): numbered from 1 in each year of the
sending city, in the order sent, without gaps, and the year's counter is left at the last number so
that the next letter logged through the pages continues the series. Each communication is found again
by (council, reference), so a second run writes nothing.
"""

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from assemblies.models import Assembly
from council.models import City, Council, Person
from demo.structure import CITIES, TEAM_LEADS, upsert
from demo.texts import CITY_LANGUAGE, LANGUAGES, Triple, add_versions, by_language, fill, names, without, written
from secretariat.models import Correspondence, ReferenceCounter
from secretariat.services.correspondence import format_reference, sending_year
from teams.models import Exchange, Team
from translations.reading import text_of, with_versions

C = Correspondence.Channel
SECRETARIAT = {"SEL": "Kim Ji-young", "BJS": "Wang Fang"}
SECRETARIAT_USER = {"SEL": "secretariat-seoul", "BJS": "secretariat-beijing"}
MAYOR = {"SEL": "Oh Se-hoon", "BJS": "Yin Yong"}
TEAM_OF_YEAR = ("economy", "culture", "education")
AWAITING_TRANSLATION = 2  # the latest unanswered letters, not yet in the receiver's language
# Video calls replaced most meetings and phone calls from 2020.
CALLS_FROM = 2020


@dataclass
class Planned:
    sent_at: dt.datetime
    sender: str  # city code
    receiver: str
    channel: str
    subject: Triple  # en / ko / zh-hans: written in the sender's language, translated into the others
    summary: Triple
    people: tuple[str, ...] = ()  # romanised names
    exchange: Exchange | None = None
    assembly: Assembly | None = None
    parent: "Planned | None" = None
    replies: list["Planned"] = field(default_factory=list)

    def reply(self, *, days: int, hour: int, channel: str, summary: Triple) -> "Planned":
        """The answer, the other way round, with the same team, exchange and assembly."""
        answer = Planned(
            sent_at=_at(timezone.localtime(self.sent_at, _ZONES[self.receiver]).date(), days, hour, self.receiver),
            sender=self.receiver, receiver=self.sender, channel=channel,
            subject=tuple(text if text.startswith("Re: ") else f"Re: {text}" for text in self.subject),
            summary=summary, people=self.people, exchange=self.exchange, assembly=self.assembly,
            parent=self,
        )  # fmt: skip
        self.replies.append(answer)
        return answer


_ZONES = {code: zoneinfo.ZoneInfo(zone) for code, _names, _country, zone in CITIES}


def _at(day: dt.date, days_later: int, hour: int, city: str, minute: int = 0) -> dt.datetime:
    """A wall-clock time in the city, as an aware datetime."""
    return dt.datetime.combine(day + dt.timedelta(days=days_later), dt.time(hour, minute), tzinfo=_ZONES[city])


def _other(code: str) -> str:
    return "BJS" if code == "SEL" else "SEL"


def _founding() -> list[Planned]:
    first = Planned(
        _at(dt.date(2013, 5, 14), 0, 10, "SEL"), "SEL", "BJS", C.LETTER,
        ("Establishment of the secretariat of the Integration Council", "통합위원회 사무국 설치",
         "关于设立综合协调委员会秘书处"),
        (
            "Following the memorandum signed on 21 April 2013, Seoul's International Relations Division informs "
            "the Foreign Affairs Office that it has set up its part of the secretariat and names its contact "
            "persons.",
            "2013년 4월 21일 체결된 양해각서에 따라 서울시 국제협력과는 사무국 서울 측 조직을 설치했음을 베이징시 "
            "외사판공실에 알리고 담당자를 지정한다.",
            "根据2013年4月21日签署的谅解备忘录，首尔市国际关系科通知北京市外事办公室，其已设立秘书处首尔方机构，"
            "并指定了联系人。",
        ),
        (SECRETARIAT["SEL"], SECRETARIAT["BJS"]),
    )  # fmt: skip
    first.reply(
        days=9, hour=15, channel=C.LETTER,
        summary=(
            "The Foreign Affairs Office confirms its part of the secretariat, its contact persons and a first "
            "coordination meeting in Beijing in June.",
            "베이징시 외사판공실은 사무국 베이징 측 조직과 담당자를 확정하고, 6월 베이징에서 첫 조정 회의를 열 것을 "
            "확인한다.",
            "北京市外事办公室确认其秘书处北京方机构和联系人，并确认6月在北京召开首次协调会议。",
        ),
    )  # fmt: skip
    return [first]


def _rng(*key) -> random.Random:
    """A generator of its own for each item, so that a letter added this year changes none of the past."""
    return random.Random("-".join(str(part) for part in key))  # noqa: S311 - demo data, reproducible on purpose


GREETINGS = (
    ("New Year greetings from the Mayor of {city}", "{city}시장 신년 인사", "{city}市市长新年贺信"),
    (
        "The honorary chairman's New Year letter recalls the past year's exchanges and looks ahead to the "
        "council's work in the new year.",
        "명예위원장의 신년 서한으로, 지난 한 해의 교류를 돌아보고 새해 위원회 활동을 전망한다.",
        "名誉主席的新年贺信回顾了过去一年的交流，并展望了委员会新一年的工作。",
    ),
)
CALENDAR = (
    ("Exchange calendar {year}: proposals", "{year}년 교류 일정: 제안", "{year}年交流日程：建议"),
    (
        "The {city} side proposes the teams' exchanges for {year}, with dates, host city and the departments in "
        "charge, and asks for the other side's comments.",
        "{city} 측이 날짜, 개최 도시, 담당 부서를 포함한 {year}년 팀별 교류 계획을 제안하고 상대 측의 의견을 요청한다.",
        "{city}方提出{year}年各工作组的交流安排，包括日期、主办城市和负责部门，并征求对方意见。",
    ),
    (
        "Comments on the proposed calendar: two dates moved to avoid public holidays, one exchange added by the "
        "education team.",
        "제안된 일정에 대한 의견: 공휴일을 피해 두 건의 날짜를 옮기고, 교육팀이 교류 한 건을 추가했다.",
        "对所提日程的意见：为避开公共假日调整了两个日期，教育组增加了一项交流。",
    ),
    (
        "Calendar agreed as amended; the secretariat will circulate it to all teams.",
        "수정된 일정으로 합의했으며, 사무국이 모든 팀에 배포할 예정이다.",
        "日程按修改后的版本达成一致，秘书处将分发给各工作组。",
    ),
)
EXCHANGE = (
    ("Preparation of the {title}", "{title} 준비", "{title}筹备工作"),
    (
        "The {team} of the host city sets out the programme, the delegation expected from {visiting} and the "
        "practical arrangements.",
        "개최 도시의 {team}이 프로그램, {visiting}에서 올 대표단 규모, 실무 준비 사항을 안내한다.",
        "主办城市的{team}介绍活动日程、{visiting}预计派出的代表团以及具体安排。",
    ),
    (
        "The visiting side confirms its delegation and sends the list of participants.",
        "방문 측이 대표단 구성을 확정하고 참가자 명단을 보낸다.",
        "来访方确认代表团组成，并发送参加人员名单。",
    ),
)
ASSEMBLY = (
    (
        "Invitation to General Assembly No. {sequence} in {city}",
        "{city} 제{sequence}차 총회 초청",
        "关于出席在{city}举行的第{sequence}次全体会议的邀请",
    ),
    (
        "The Mayor of {city} invites the Mayor and a delegation of the other city to the general assembly of "
        "{cycle} ({venue}).",
        "{city}시장이 상대 도시 시장과 대표단을 {cycle}년 총회({venue})에 초청한다.",
        "{city}市市长邀请对方城市市长率代表团出席{cycle}年全体会议（{venue}）。",
    ),
    (
        "The invitation is accepted; the Mayor will lead a delegation of the three teams.",
        "초청을 수락하며, 시장이 세 팀으로 구성된 대표단을 이끌고 참석한다.",
        "接受邀请，市长将率领由三个工作组组成的代表团出席。",
    ),
    (
        "Minutes and resolutions of General Assembly No. {sequence}",
        "제{sequence}차 총회 회의록 및 결의안",
        "第{sequence}次全体会议纪要和决议",
    ),
    (
        "The host secretariat sends the draft minutes and the resolutions adopted for the other side's comments.",
        "개최 측 사무국이 회의록 초안과 채택된 결의안을 보내 상대 측의 의견을 구한다.",
        "主办方秘书处发送会议纪要草案和通过的决议，征求对方意见。",
    ),
)
COORDINATION = (
    ("Mid-year coordination {year}", "{year}년 상반기 점검 회의", "{year}年年中协调会"),
    (
        "The secretariats review the first half of the year's exchanges and the teams' input for the next "
        "general assembly.",
        "양측 사무국이 상반기 교류 실적과 다음 총회를 위한 각 팀의 의견을 검토한다.",
        "双方秘书处回顾上半年的交流情况以及各工作组为下届全体会议提交的材料。",
    ),
)
# Recent requests still waiting for their answer (days before the demo is loaded, sender): the
# secretariats' homes list them, the oldest one's reply overdue.
REQUESTS = [
    (
        20,
        "BJS",
        (
            "Request: venues for next year's investment forum",
            "요청: 내년 투자 포럼 장소",
            "请求：明年投资论坛的场地",
        ),
        (
            "The Beijing side asks for two or three possible venues in Seoul, with their capacity and dates free.",
            "베이징 측이 서울의 후보 장소 두세 곳과 수용 인원, 가능한 날짜를 요청한다.",
            "北京方面请首尔方面提供两到三个备选场地及其容量和可用日期。",
        ),
    ),
    (
        4,
        "BJS",
        (
            "Request: speakers for the youth culture festival",
            "요청: 청소년 문화 축제 연사",
            "请求：青少年文化节演讲嘉宾",
        ),
        (
            "Beijing proposes a panel of young artists and asks Seoul to name two speakers.",
            "베이징이 청년 예술가 토론을 제안하며 서울 측 연사 두 명을 요청한다.",
            "北京提议举办青年艺术家座谈，请首尔推荐两位演讲嘉宾。",
        ),
    ),
    (
        6,
        "SEL",
        (
            "Request: figures on student exchanges this year",
            "요청: 올해 학생 교류 실적",
            "请求：今年学生交流数据",
        ),
        (
            "Seoul asks for this year's numbers of students and schools taking part, for the assembly's report.",
            "서울이 총회 보고서를 위해 올해 참여 학생 수와 학교 수를 요청한다.",
            "首尔请北京提供今年参与的学生和学校数量，以用于全体会议报告。",
        ),
    ),
]
CITY_NAMES = {code: triple for code, triple, _country, _zone in CITIES}


def _greetings(year: int) -> Planned:
    rng = _rng("greetings", year)
    sender = "SEL" if year % 2 == 0 else "BJS"
    subject, summary = GREETINGS
    return Planned(
        _at(dt.date(year, 1, 2), rng.randint(0, 4), rng.randint(9, 11), sender), sender, _other(sender), C.LETTER,
        fill(subject, city=CITY_NAMES[sender]), summary, (MAYOR[sender], MAYOR[_other(sender)]),
    )  # fmt: skip


def _calendar(year: int) -> Planned:
    """The year's exchange calendar, proposed by one side and answered; sometimes settled in a third message."""
    rng = _rng("calendar", year)
    sender = "BJS" if year % 2 == 0 else "SEL"
    subject, summary, comments, agreed = CALENDAR
    proposal = Planned(
        _at(dt.date(year, 2, 10), rng.randint(0, 20), rng.randint(9, 16), sender, rng.choice((0, 15, 30, 45))),
        sender, _other(sender), C.EMAIL, fill(subject, year=year), fill(summary, city=CITY_NAMES[sender], year=year),
        (SECRETARIAT[sender], SECRETARIAT[_other(sender)]),
    )  # fmt: skip
    if rng.random() < 0.6:
        answer = proposal.reply(days=rng.randint(5, 12), hour=rng.randint(10, 17), channel=C.EMAIL, summary=comments)
        if rng.random() < 0.4:
            answer.reply(days=rng.randint(2, 6), hour=rng.randint(9, 12), channel=C.EMAIL, summary=agreed)
    return proposal


def _in_every_language(record, field: str) -> Triple:
    return tuple(text_of(record, field, language).value for language in LANGUAGES)  # type: ignore[return-value]


def _about_exchange(year: int, team: Team, exchange: Exchange) -> Planned:
    rng = _rng("exchange", year)
    host = exchange.host_city.code
    channel = C.VIDEO_CALL if year >= CALLS_FROM else rng.choice((C.MEETING, C.PHONE, C.LETTER))
    subject, summary, confirmed = EXCHANGE
    visiting = names(exchange.visiting_city) if exchange.visiting_city else ("the other city", "상대 도시", "对方城市")
    proposal = Planned(
        _at(exchange.starts_on, -rng.randint(35, 60), rng.randint(9, 16), host), host, _other(host), channel,
        fill(subject, title=_in_every_language(exchange, "title")),
        fill(summary, team=names(team), visiting=visiting),
        TEAM_LEADS[team.code], exchange,
    )  # fmt: skip
    if rng.random() < 0.6:
        proposal.reply(days=rng.randint(3, 10), hour=rng.randint(9, 17), channel=C.EMAIL, summary=confirmed)
    return proposal


def _about_assembly(assembly: Assembly) -> list[Planned]:
    rng = _rng("assembly", assembly.sequence)
    host = assembly.host_city.code
    day = timezone.localtime(assembly.starts_at, _ZONES[host]).date()
    subject, summary, accepted, minutes_subject, minutes_summary = ASSEMBLY
    city = names(assembly.host_city)
    invitation = Planned(
        _at(day, -rng.randint(140, 160), 10, host), host, _other(host), C.LETTER,
        fill(subject, sequence=assembly.sequence, city=city),
        fill(summary, city=city, cycle=assembly.cycle, venue=_in_every_language(assembly, "venue")),
        (MAYOR[host], MAYOR[_other(host)], SECRETARIAT[host], SECRETARIAT[_other(host)]), assembly=assembly,
    )  # fmt: skip
    invitation.reply(days=rng.randint(8, 15), hour=rng.randint(10, 16), channel=C.LETTER, summary=accepted)
    planned = [invitation]
    if rng.random() < 0.5:
        planned.append(
            Planned(
                _at(day, rng.randint(12, 20), 11, host),
                host,
                _other(host),
                C.EMAIL,
                fill(minutes_subject, sequence=assembly.sequence),
                minutes_summary,
                (SECRETARIAT[host], SECRETARIAT[_other(host)]),
                assembly=assembly,
            )  # fmt: skip
        )
    return planned


def _coordination(year: int) -> Planned:
    rng = _rng("coordination", year)
    sender = "SEL" if year % 4 == 0 else "BJS"
    subject, summary = COORDINATION
    return Planned(
        _at(dt.date(year, 6, 10), rng.randint(0, 14), rng.randint(14, 16), sender), sender, _other(sender),
        C.VIDEO_CALL if year >= CALLS_FROM else C.PHONE, fill(subject, year=year), summary,
        (SECRETARIAT[sender], SECRETARIAT[_other(sender)]),
    )  # fmt: skip


def _requests(now: dt.datetime) -> list[Planned]:
    return [
        Planned(
            _at(timezone.localtime(now, _ZONES[sender]).date(), -days, 10, sender),
            sender,
            _other(sender),
            C.EMAIL,
            subject,
            summary,
            (SECRETARIAT[sender], SECRETARIAT[_other(sender)]),
        )  # fmt: skip
        for days, sender, subject, summary in REQUESTS
    ]


def _flatten(roots: list[Planned]) -> list[Planned]:
    found, todo = [], list(roots)
    while todo:
        planned = todo.pop()
        found.append(planned)
        todo.extend(planned.replies)
    return found


def _planned(council: Council, now: dt.datetime) -> list[Planned]:
    """Everything sent up to `now`, oldest first."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    exchanges: dict[tuple[int, int], list[Exchange]] = {}
    past = with_versions(
        Exchange.objects.filter(team__council=council, starts_on__lte=now.date() - dt.timedelta(days=10))
        .exclude(status__in=[Exchange.Status.CANCELLED, Exchange.Status.DRAFT])
        .select_related("host_city", "visiting_city")
        .order_by("starts_on", "pk")
    )
    for exchange in past:
        exchanges.setdefault((exchange.team_id, exchange.starts_on.year), []).append(exchange)
    roots = _founding()
    for year in range(2014, now.year + 1):
        roots += [_greetings(year), _calendar(year)]
        team = teams.get(TEAM_OF_YEAR[year % len(TEAM_OF_YEAR)])
        candidates = exchanges.get((team.pk, year), []) if team else []
        if candidates:
            roots.append(_about_exchange(year, team, candidates[0]))  # the year's first: it stays the first
        if year % 2 == 0:
            roots.append(_coordination(year))
    roots += _requests(now)
    assemblies = Assembly.objects.filter(council=council, starts_at__isnull=False).select_related("host_city")
    for assembly in with_versions(assemblies):
        if assembly.status != Assembly.Status.CANCELLED:
            roots += _about_assembly(assembly)
    return sorted((p for p in _flatten(roots) if p.sent_at <= now), key=lambda p: p.sent_at)


def _numbered(council: Council, cities: dict[str, City]):
    """Each planned communication with its year, number and reference, by the application's rule."""
    numbers: dict[int, int] = {}
    for planned in _planned(council, timezone.now()):
        sender, receiver = cities[planned.sender], cities[planned.receiver]
        year = sending_year(sent_at=planned.sent_at, from_city=sender)
        numbers[year] = numbers.get(year, 0) + 1
        reference = format_reference(
            pattern=council.correspondence_reference_pattern, from_city=sender, to_city=receiver,
            year=year, number=numbers[year],
        )  # fmt: skip
        yield planned, year, numbers[year], reference


def _awaiting_translation(sent: list[Planned]) -> set[int]:
    """The latest letters still unanswered: the receiving side has not had them translated yet."""
    ids = {id(planned) for planned in sent}
    unanswered = [planned for planned in sent if not any(id(reply) in ids for reply in planned.replies)]
    return {id(planned) for planned in unanswered[-AWAITING_TRANSLATION:]}


def load_correspondence(council: Council) -> None:
    """Idempotent: a second run changes nothing, and never touches what was logged or edited through the pages."""
    cities = {city.code: city for city in City.objects.filter(memberships__council=council)}
    if set(cities) != {"SEL", "BJS"}:
        return  # the demo letters are written for the Seoul–Beijing council only
    people = {person.name_romanised: person for person in Person.objects.filter(council=council)}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=SECRETARIAT_USER.values())}
    existing = {letter.reference: letter for letter in Correspondence.objects.filter(council=council)}
    counters = dict(ReferenceCounter.objects.filter(council=council).values_list("year", "last_number"))
    last_numbers: dict[int, int] = {}
    saved: dict[int, Correspondence] = {}  # by id() of the planned one, for the replies to link to
    numbered = list(_numbered(council, cities))
    awaiting = _awaiting_translation([planned for planned, *_rest in numbered])
    texts = []
    for planned, year, number, reference in numbered:
        language = CITY_LANGUAGE[planned.sender]
        last_numbers[year] = number
        found = existing.get(reference)
        if found is None and number <= counters.get(year, 0):
            continue  # the number was given since (and the letter perhaps deleted): never give it twice
        if found is not None and found.subject != written(planned.subject, language):
            saved[id(planned)] = found  # edited through the pages: the secretariat's now, left as it is
            continue
        saved[id(planned)] = upsert(
            Correspondence,
            council=council,
            reference=reference,
            defaults={
                "year": year, "number": number, "sent_at": planned.sent_at.astimezone(dt.UTC),
                "from_city": cities[planned.sender], "to_city": cities[planned.receiver], "channel": planned.channel,
                "language": language, "subject": written(planned.subject, language),
                "summary": written(planned.summary, language),
                "team": planned.exchange.team if planned.exchange else None, "exchange": planned.exchange,
                "assembly": planned.assembly, "in_reply_to": saved.get(id(planned.parent)),
                "created_by": users.get(SECRETARIAT_USER[planned.sender]),
            },
        )  # fmt: skip
        if found is None:
            saved[id(planned)].people.set([people[name] for name in planned.people if name in people])
        gap = CITY_LANGUAGE[planned.receiver] if id(planned) in awaiting else None
        texts += [
            (saved[id(planned)], field, without(by_language(getattr(planned, field)), gap))
            for field in ("subject", "summary")
        ]
    add_versions(texts)
    for year, last in last_numbers.items():
        if last > counters.get(year, 0):  # the next letter logged through the pages continues from here
            upsert(ReferenceCounter, council=council, year=year, defaults={"last_number": last})
