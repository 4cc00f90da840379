"""A believable exchange history from the founding in 2013 to today, generated deterministically.

Each exchange is found again by (team, title, start date), so a second run adds nothing.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from council.models import Council, Department, Person
from demo.texts import add_versions
from teams.models import Exchange, ExchangeParticipation, Team

K = Exchange.Kind
# Per team: (focus area, kind, titles in en / ko / zh-hans, outcome written on completion)
TEMPLATES = {
    "economy": [
        (
            "Investments",
            K.FORUM,
            ("Seoul–Beijing investment forum", "서울-베이징 투자 포럼", "首尔—北京投资论坛"),
            "Investment leads exchanged; follow-up meetings agreed with interested companies.",
        ),
        (
            "Logistics",
            K.DELEGATION_VISIT,
            ("Logistics hub study visit", "물류 허브 시찰", "物流枢纽考察"),
            "Cold-chain and air-cargo practices compared; a joint working group proposed.",
        ),
        (
            "Service trade",
            K.BUSINESS_EVENT,
            ("Service trade matchmaking day", "서비스 무역 상담회", "服务贸易洽谈会"),
            "Matchmaking meetings held between service companies of both cities.",
        ),
        (
            "Strategic industries",
            K.JOINT_PROJECT,
            ("Smart city pilot project", "스마트시티 시범 사업", "智慧城市试点项目"),
            "Pilot scope fixed and first data-sharing trial completed.",
        ),
        (
            "Corporate cooperation",
            K.AGREEMENT,
            ("Start-up cooperation agreement", "스타트업 협력 협약", "初创企业合作协议"),
            "Agreement signed on incubator exchanges and soft-landing support.",
        ),
        (
            "Business events",
            K.BUSINESS_EVENT,
            ("Investment and trade fair", "투자·무역 박람회", "投资贸易博览会"),
            "Delegation of companies exhibited; deals announced at the closing ceremony.",
        ),
    ],
    "culture": [
        (
            "Performing arts",
            K.PERFORMANCE,
            ("Traditional music concert", "전통음악 공연", "传统音乐会"),
            "Two sold-out evenings; broadcast on city television.",
        ),
        (
            "Exhibitions and museums",
            K.PERFORMANCE,
            ("Joint museum exhibition", "박물관 공동 전시", "博物馆联合展览"),
            "Exhibition opened to the public with loans from both cities' museums.",
        ),
        (
            "Tourism",
            K.FORUM,
            ("Tourism promotion roadshow", "관광 홍보 로드쇼", "旅游推介会"),
            "Travel agencies of both cities agreed joint packages.",
        ),
        (
            "Cultural heritage",
            K.DELEGATION_VISIT,
            ("Heritage conservation study visit", "문화유산 보존 시찰", "文化遗产保护考察"),
            "Conservation methods for historic palaces compared; expert exchange planned.",
        ),
        (
            "Film and media",
            K.OTHER,
            ("Film week", "영화 주간", "电影周"),
            "Eight films screened with directors' talks.",
        ),
    ],
    "education": [
        (
            "Student exchange",
            K.EDUCATION_EXCHANGE,
            ("High-school student exchange", "고교생 교류", "高中生交流"),
            "Students hosted by families and attended classes for two weeks.",
        ),
        (
            "Teacher exchange",
            K.EDUCATION_EXCHANGE,
            ("Teacher training exchange", "교원 연수 교류", "教师培训交流"),
            "Teachers observed lessons and shared curricula.",
        ),
        (
            "University cooperation",
            K.AGREEMENT,
            ("University partnership agreement", "대학 협력 협약", "高校合作协议"),
            "Agreement signed on credit transfer and joint research.",
        ),
        (
            "Language education",
            K.FORUM,
            ("Language education forum", "언어 교육 포럼", "语言教育论坛"),
            "Exchange of Korean and Chinese language teaching materials agreed.",
        ),
        (
            "Vocational training",
            K.JOINT_PROJECT,
            ("Vocational training programme", "직업 훈련 프로그램", "职业培训项目"),
            "Joint programme run for apprentices in both cities.",
        ),
    ],
}
PER_TEAM_PER_YEAR = 11
LANGUAGE_OF = {"SEL": "ko", "BJS": "zh-hans"}


def _status(starts_on: dt.date, today: dt.date, rng: random.Random) -> str:
    if starts_on > today + dt.timedelta(days=120):
        return rng.choice([Exchange.Status.PROPOSED, Exchange.Status.PROPOSED, Exchange.Status.DRAFT])
    if starts_on > today:
        return rng.choice([Exchange.Status.PLANNED, Exchange.Status.PLANNED, Exchange.Status.PROPOSED])
    if starts_on > today - dt.timedelta(days=21):
        return Exchange.Status.IN_PROGRESS
    return Exchange.Status.CANCELLED if rng.random() < 0.07 else Exchange.Status.COMPLETED


def _results(kind: str, team: str, rng: random.Random) -> dict:
    results = {"agreements_signed": 0, "participants_reached": rng.randrange(30, 800, 10)}
    if kind == K.AGREEMENT:
        results["agreements_signed"] = rng.randint(1, 3)
    elif kind == K.BUSINESS_EVENT:
        results["agreements_signed"] = rng.randint(0, 4)
    if team == "economy" and kind in (K.FORUM, K.BUSINESS_EVENT, K.AGREEMENT, K.JOINT_PROJECT):
        currency = rng.choice(["USD", "USD", "KRW", "CNY"])
        base = {"USD": 1, "KRW": 1350, "CNY": 7}[currency]
        results["investment_amount"] = Decimal(rng.randrange(5, 120) * 100_000 * base)
        results["investment_currency"] = currency
    return results


def _exchange(team: Team, areas: dict, template, starts_on: dt.date, host, visiting, status: str, rng) -> Exchange:
    _area, kind, titles, outcome = template
    language = LANGUAGE_OF.get(host.code, "en")
    title = {"ko": titles[1], "zh-hans": titles[2]}.get(language, titles[0])
    exchange = Exchange(  # its title in the other languages: _titles
        team=team, focus_area=areas[template[0]], kind=kind, status=status,
        language=language, title=f"{title} {starts_on.year}",
        description=f"{titles[0]} hosted by {host.name_en} for a delegation from {visiting.name_en}.",
        starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=rng.randint(0, 4)),
        host_city=host, visiting_city=visiting,
        partner_organisations=rng.choice(["", "KOTRA\nCCPIT Beijing", "Seoul National University\nPeking University"]),
    )  # fmt: skip
    if status == Exchange.Status.COMPLETED:
        for field, value in _results(kind, team.code, rng).items():
            setattr(exchange, field, value)
        # A few recent ones still lack outcomes: the reminders nudge their leads.
        recent = starts_on > timezone.localdate() - dt.timedelta(days=60)
        exchange.outcomes = "" if recent and rng.random() < 0.5 else outcome
    return exchange


def _planned(council: Council) -> list[Exchange]:
    rng = random.Random(2013)  # noqa: S311 - demo data, reproducible on purpose
    today = timezone.localdate()
    cities = council.rotation()
    planned = []
    for team in Team.objects.filter(council=council).order_by("order"):
        areas = {area.name_en: area for area in team.focus_areas.all()}
        for year in range(2013, today.year + 2):
            first_day = dt.date(2013, 6, 1) if year == 2013 else dt.date(year, 1, 10)
            for n in range(PER_TEAM_PER_YEAR if year > 2013 else 4):
                starts_on = first_day + dt.timedelta(days=(n * 31 + rng.randint(0, 20)) % 340)
                if year == today.year + 1 and starts_on > today + dt.timedelta(days=300):
                    continue
                host = cities[rng.randrange(len(cities))]
                visiting = next(c for c in cities if c != host)
                template = TEMPLATES[team.code][rng.randrange(len(TEMPLATES[team.code]))]
                status = _status(starts_on, today, rng)
                planned.append(_exchange(team, areas, template, starts_on, host, visiting, status, rng))
    return planned


def load_exchanges(council: Council) -> None:
    existing = set(Exchange.objects.filter(team__council=council).values_list("team_id", "title", "starts_on"))
    new = [e for e in _planned(council) if (e.team_id, e.title, e.starts_on) not in existing]
    if not new:
        return
    for exchange in new:
        exchange.clean()  # the rules of the model; the foreign keys are the council's own rows
    created = bulk_create_with_history(new, Exchange, batch_size=500)
    _add_people_and_participants(council, created)
    _add_title_versions(council, {(e.team_id, e.title, e.starts_on) for e in new})


def _titles(exchange: Exchange) -> dict[str, str]:
    """The exchange's title in each language, from the template it was made from."""
    year = f" {exchange.starts_on.year}"
    for templates in TEMPLATES.values():
        for _area, _kind, titles, _outcome in templates:
            if exchange.title.removesuffix(year) in titles:
                return {language: text + year for language, text in zip(("en", "ko", "zh-hans"), titles, strict=True)}
    return {}


def _add_title_versions(council: Council, keys: set) -> None:
    exchanges = Exchange.objects.filter(team__council=council).only("pk", "team_id", "title", "starts_on", "language")
    add_versions([(e, "title", _titles(e)) for e in exchanges if (e.team_id, e.title, e.starts_on) in keys])


def _add_people_and_participants(council: Council, exchanges: list[Exchange]) -> None:
    rng = random.Random(21)  # noqa: S311
    by_key = {(e.team_id, e.title, e.starts_on): e for e in exchanges}
    saved = Exchange.objects.filter(team__council=council).in_bulk(field_name="id")
    leads = {}
    for person in Person.objects.filter(council=council, roles__kind="team_lead").prefetch_related("roles"):
        for role in person.roles.all():
            leads.setdefault(role.team_id, []).append(person)
    sides = {}
    for department in Department.objects.filter(team_sides__team__council=council).prefetch_related("team_sides"):
        for side in department.team_sides.all():
            sides.setdefault(side.team_id, []).append(department)
    participations, people_links, department_links = [], [], []
    for exchange in saved.values():
        if (exchange.team_id, exchange.title, exchange.starts_on) not in by_key:
            continue
        for city in (exchange.host_city, exchange.visiting_city):
            participations.append(ExchangeParticipation(exchange=exchange, city=city, participants=rng.randint(4, 60)))
        people_links += [Exchange.people.through(exchange=exchange, person=p) for p in leads.get(exchange.team_id, [])]
        department_links += [
            Exchange.departments.through(exchange=exchange, department=d) for d in sides.get(exchange.team_id, [])
        ]
    ExchangeParticipation.objects.bulk_create(participations, batch_size=1000)
    Exchange.people.through.objects.bulk_create(people_links, batch_size=1000)
    Exchange.departments.through.objects.bulk_create(department_links, batch_size=1000)
