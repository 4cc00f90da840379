"""A believable exchange history from the founding in 2013 to today, generated deterministically.

Each exchange is found again by (team, title, start date), so a second run adds nothing.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from council.models import Council, Department, Person
from demo.texts import CITY_LANGUAGE, Triple, add_versions, by_language, fill, names, without, written
from teams.models import DraftReview, Exchange, ExchangeParticipation, Team

K = Exchange.Kind
# Per team: (focus area, kind, title, description, outcome written on completion), each in en / ko /
# zh-hans; the description names the host and the visiting city.
TEMPLATES = {
    "economy": [
        (
            "Investments",
            K.FORUM,
            ("Seoul–Beijing investment forum", "서울-베이징 투자 포럼", "首尔—北京投资论坛"),
            (
                "A forum hosted by {host} for a delegation from {visiting}: investment promotion agencies and "
                "companies present projects open to investors of the other city.",
                "{host}에서 {visiting} 대표단을 맞아 여는 포럼으로, 양 도시의 투자유치 기관과 기업이 상대 도시 "
                "투자자에게 열려 있는 사업을 소개합니다.",
                "由{host}主办、{visiting}代表团参加的论坛，两市投资促进机构和企业向对方城市的投资者推介项目。",
            ),
            (
                "Investment leads exchanged; follow-up meetings agreed with interested companies.",
                "투자 정보를 교환하고 관심 기업과 후속 회의를 하기로 합의했습니다.",
                "双方交换了投资线索，并与有意向的企业商定了后续会谈。",
            ),
        ),
        (
            "Logistics",
            K.DELEGATION_VISIT,
            ("Logistics hub study visit", "물류 허브 시찰", "物流枢纽考察"),
            (
                "A delegation from {visiting} visits the airport cargo terminal and cold-chain warehouses of "
                "{host} with the host city's logistics officials.",
                "{visiting} 대표단이 {host}의 공항 화물터미널과 콜드체인 물류창고를 현지 물류 담당 공무원과 함께 "
                "시찰합니다.",
                "{visiting}代表团在{host}物流主管部门陪同下考察机场货运站和冷链仓库。",
            ),
            (
                "Cold-chain and air-cargo practices compared; a joint working group proposed.",
                "콜드체인과 항공화물 운영 방식을 비교하고 공동 실무단 구성을 제안했습니다.",
                "双方比较了冷链和航空货运的做法，并提议成立联合工作组。",
            ),
        ),
        (
            "Service trade",
            K.BUSINESS_EVENT,
            ("Service trade matchmaking day", "서비스 무역 상담회", "服务贸易洽谈会"),
            (
                "One-to-one meetings in {host} between service companies of both cities, with a delegation of "
                "firms from {visiting}.",
                "{host}에서 열리는 양 도시 서비스 기업 간 1:1 상담회로, {visiting} 기업 대표단이 참가합니다.",
                "在{host}举行的两市服务企业一对一洽谈，{visiting}企业代表团参加。",
            ),
            (
                "Matchmaking meetings held between service companies of both cities.",
                "양 도시 서비스 기업 간 비즈니스 상담이 진행되었습니다.",
                "两市服务企业之间举行了多场对接洽谈。",
            ),
        ),
        (
            "Strategic industries",
            K.JOINT_PROJECT,
            ("Smart city pilot project", "스마트시티 시범 사업", "智慧城市试点项目"),
            (
                "A joint pilot in {host} with experts from {visiting}: shared traffic and air-quality data used "
                "to test smart city services.",
                "{visiting} 전문가와 함께 {host}에서 추진하는 공동 시범 사업으로, 교통·대기질 데이터를 공유해 "
                "스마트시티 서비스를 시험합니다.",
                "{host}与{visiting}专家共同开展的试点项目，共享交通和空气质量数据，测试智慧城市服务。",
            ),
            (
                "Pilot scope fixed and first data-sharing trial completed.",
                "시범 사업 범위를 확정하고 첫 데이터 공유 시험을 마쳤습니다.",
                "确定了试点范围，完成了首次数据共享测试。",
            ),
        ),
        (
            "Corporate cooperation",
            K.AGREEMENT,
            ("Start-up cooperation agreement", "스타트업 협력 협약", "初创企业合作协议"),
            (
                "Signing in {host} of an agreement between the start-up support centres of both cities, with a "
                "delegation from {visiting}.",
                "{visiting} 대표단이 참석한 가운데 {host}에서 양 도시 창업지원센터 간 협약을 체결합니다.",
                "在{visiting}代表团出席下，两市创业服务中心在{host}签署合作协议。",
            ),
            (
                "Agreement signed on incubator exchanges and soft-landing support.",
                "창업보육 교류와 현지 정착 지원에 관한 협약을 체결했습니다.",
                "双方签署了关于孵化器交流和落地支持的协议。",
            ),
        ),
        (
            "Business events",
            K.BUSINESS_EVENT,
            ("Investment and trade fair", "투자·무역 박람회", "投资贸易博览会"),
            (
                "Companies from {visiting} exhibit at the investment and trade fair of {host}, with a city "
                "pavilion and meetings with buyers.",
                "{visiting} 기업들이 {host} 투자·무역 박람회에 도시관을 마련해 참가하고 바이어 상담을 진행합니다.",
                "{visiting}企业在{host}投资贸易博览会上设立城市展馆参展，并与采购商洽谈。",
            ),
            (
                "Delegation of companies exhibited; deals announced at the closing ceremony.",
                "기업 대표단이 전시에 참가했고, 폐막식에서 계약 성과가 발표되었습니다.",
                "企业代表团参展，闭幕式上宣布了签约成果。",
            ),
        ),
    ],
    "culture": [
        (
            "Performing arts",
            K.PERFORMANCE,
            ("Traditional music concert", "전통음악 공연", "传统音乐会"),
            (
                "Musicians from {visiting} perform traditional music in {host}, with a piece played together by "
                "both cities' ensembles.",
                "{visiting} 연주자들이 {host}에서 전통음악을 공연하고, 양 도시 악단이 함께 한 곡을 협연합니다.",
                "{visiting}的演奏家在{host}演出传统音乐，两市乐团同台合奏一曲。",
            ),
            (
                "Two sold-out evenings; broadcast on city television.",
                "이틀 저녁 공연이 모두 매진되었고, 시 방송에서 중계되었습니다.",
                "两场演出座无虚席，并由城市电视台播出。",
            ),
        ),
        (
            "Exhibitions and museums",
            K.PERFORMANCE,
            ("Joint museum exhibition", "박물관 공동 전시", "博物馆联合展览"),
            (
                "An exhibition at a museum of {host} with works lent by the museums of {visiting}.",
                "{visiting}의 박물관들이 대여한 작품으로 {host}의 박물관에서 여는 전시입니다.",
                "在{host}的博物馆举办的展览，展品由{visiting}的博物馆出借。",
            ),
            (
                "Exhibition opened to the public with loans from both cities' museums.",
                "양 도시 박물관의 대여 작품으로 전시가 일반에 공개되었습니다.",
                "展览向公众开放，展品来自两市博物馆。",
            ),
        ),
        (
            "Tourism",
            K.FORUM,
            ("Tourism promotion roadshow", "관광 홍보 로드쇼", "旅游推介会"),
            (
                "The tourism office of {host} presents the city to travel agencies and media from {visiting}.",
                "{host} 관광 당국이 {visiting}의 여행사와 언론에 도시를 소개합니다.",
                "{host}旅游部门向{visiting}的旅行社和媒体推介城市旅游资源。",
            ),
            (
                "Travel agencies of both cities agreed joint packages.",
                "양 도시 여행사가 공동 여행상품을 만들기로 합의했습니다.",
                "两市旅行社商定推出联合旅游产品。",
            ),
        ),
        (
            "Cultural heritage",
            K.DELEGATION_VISIT,
            ("Heritage conservation study visit", "문화유산 보존 시찰", "文化遗产保护考察"),
            (
                "Conservation experts from {visiting} visit palaces and restoration workshops in {host}.",
                "{visiting}의 보존 전문가들이 {host}의 궁궐과 복원 작업장을 시찰합니다.",
                "{visiting}的文物保护专家考察{host}的宫殿和修复工坊。",
            ),
            (
                "Conservation methods for historic palaces compared; expert exchange planned.",
                "고궁 보존 방법을 비교하고 전문가 교류를 계획했습니다.",
                "双方比较了古代宫殿的保护方法，并计划开展专家交流。",
            ),
        ),
        (
            "Film and media",
            K.OTHER,
            ("Film week", "영화 주간", "电影周"),
            (
                "A week of films from {visiting} screened in {host}, with talks by their directors.",
                "{visiting} 영화를 {host}에서 일주일간 상영하고 감독과의 대화를 엽니다.",
                "在{host}放映{visiting}电影一周，并举办导演见面会。",
            ),
            (
                "Eight films screened with directors' talks.",
                "영화 여덟 편을 상영하고 감독과의 대화를 열었습니다.",
                "放映了八部影片，并举办了导演见面会。",
            ),
        ),
    ],
    "education": [
        (
            "Student exchange",
            K.EDUCATION_EXCHANGE,
            ("High-school student exchange", "고교생 교류", "高中生交流"),
            (
                "High-school students from {visiting} stay with host families in {host} and attend classes at "
                "partner schools.",
                "{visiting} 고등학생들이 {host}의 가정에 머물며 자매학교 수업에 참여합니다.",
                "{visiting}的高中生在{host}的寄宿家庭生活，并在友好学校随班上课。",
            ),
            (
                "Students hosted by families and attended classes for two weeks.",
                "학생들이 2주 동안 가정에 머물며 수업에 참여했습니다.",
                "学生们在寄宿家庭生活并随班上课两周。",
            ),
        ),
        (
            "Teacher exchange",
            K.EDUCATION_EXCHANGE,
            ("Teacher training exchange", "교원 연수 교류", "教师培训交流"),
            (
                "Teachers from {visiting} observe lessons in schools of {host} and share curricula with their "
                "colleagues.",
                "{visiting} 교사들이 {host}의 학교에서 수업을 참관하고 동료 교사들과 교육과정을 공유합니다.",
                "{visiting}的教师在{host}的学校观摩课堂，并与同行交流课程设置。",
            ),
            (
                "Teachers observed lessons and shared curricula.",
                "교사들이 수업을 참관하고 교육과정을 공유했습니다.",
                "教师们观摩了课堂并交流了课程设置。",
            ),
        ),
        (
            "University cooperation",
            K.AGREEMENT,
            ("University partnership agreement", "대학 협력 협약", "高校合作协议"),
            (
                "Universities of {host} and {visiting} sign a partnership on credit transfer and joint research.",
                "{host}과 {visiting}의 대학들이 학점 교류와 공동 연구에 관한 협약을 체결합니다.",
                "{host}和{visiting}的高校签署学分互认和联合研究合作协议。",
            ),
            (
                "Agreement signed on credit transfer and joint research.",
                "학점 교류와 공동 연구에 관한 협약을 체결했습니다.",
                "双方签署了学分互认和联合研究协议。",
            ),
        ),
        (
            "Language education",
            K.FORUM,
            ("Language education forum", "언어 교육 포럼", "语言教育论坛"),
            (
                "Korean and Chinese language teachers meet in {host} with a delegation from {visiting} to compare "
                "their teaching materials.",
                "한국어·중국어 교사들이 {host}에서 {visiting} 대표단과 만나 교재를 비교합니다.",
                "韩语和汉语教师在{host}与{visiting}代表团会面，交流教材。",
            ),
            (
                "Exchange of Korean and Chinese language teaching materials agreed.",
                "한국어·중국어 교재를 서로 교환하기로 합의했습니다.",
                "双方商定交换韩语和汉语教材。",
            ),
        ),
        (
            "Vocational training",
            K.JOINT_PROJECT,
            ("Vocational training programme", "직업 훈련 프로그램", "职业培训项目"),
            (
                "Apprentices from {visiting} train alongside those of {host} in the workshops of the host city's "
                "vocational schools.",
                "{visiting}의 직업훈련생들이 {host} 직업학교 실습장에서 현지 훈련생과 함께 훈련합니다.",
                "{visiting}的学徒在{host}职业学校的实训车间与当地学徒一同培训。",
            ),
            (
                "Joint programme run for apprentices in both cities.",
                "양 도시 훈련생을 위한 공동 프로그램을 운영했습니다.",
                "为两市学徒开展了联合培训项目。",
            ),
        ),
    ],
}
# Added to the description of the first upcoming exchanges after it was translated: their versions
# read as outdated until a translator catches up.
PROGRAMME_CHANGE = (
    "The programme was extended by one day at the visiting side's request.",
    "방문 측의 요청으로 일정이 하루 연장되었습니다.",
    "应来访方要求，日程延长一天。",
)
EDITED_AFTER_TRANSLATION = 3
# The latest outcomes written still lack their version in the visiting city's language.
OUTCOMES_AWAITING = 4
PER_TEAM_PER_YEAR = 11


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
    _area, kind, titles, descriptions, outcomes = template
    language = CITY_LANGUAGE.get(host.code, "en")
    exchange = Exchange(  # written by the host city; the other languages: _texts
        team=team, focus_area=areas[template[0]], kind=kind, status=status,
        language=language, title=f"{written(titles, language)} {starts_on.year}",
        description=written(_description(template, host, visiting), language),
        starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=rng.randint(0, 4)),
        host_city=host, visiting_city=visiting,
        partner_organisations=rng.choice(["", "KOTRA\nCCPIT Beijing", "Seoul National University\nPeking University"]),
    )  # fmt: skip
    if status == Exchange.Status.COMPLETED:
        for field, value in _results(kind, team.code, rng).items():
            setattr(exchange, field, value)
        # A few recent ones still lack outcomes: the reminders nudge their leads.
        recent = starts_on > timezone.localdate() - dt.timedelta(days=60)
        exchange.outcomes = "" if recent and rng.random() < 0.5 else written(outcomes, language)
    return exchange


def _description(template, host, visiting) -> Triple:
    return fill(template[3], host=names(host), visiting=names(visiting))


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
    _edit_after_translation(new)
    for exchange in new:
        exchange.clean()  # the rules of the model; the foreign keys are the council's own rows
    created = bulk_create_with_history(new, Exchange, batch_size=500)
    _add_people_and_participants(council, created)
    awaiting = sorted((e for e in new if e.outcomes), key=lambda e: (e.starts_on, e.team_id))[-OUTCOMES_AWAITING:]
    _add_versions(council, {_key(e) for e in new}, awaiting={_key(e) for e in awaiting})


def _key(exchange: Exchange) -> tuple:
    return (exchange.team_id, exchange.title, exchange.starts_on)


def _edit_after_translation(new: list[Exchange]) -> None:
    today = timezone.localdate()
    upcoming = sorted((e for e in new if e.starts_on > today), key=lambda e: (e.starts_on, e.team_id))
    for exchange in upcoming[:EDITED_AFTER_TRANSLATION]:
        exchange.description += " " + written(PROGRAMME_CHANGE, exchange.language)


def _template(exchange: Exchange):
    """The template the exchange was made from, found by its title."""
    title = exchange.title.removesuffix(f" {exchange.starts_on.year}")
    for templates in TEMPLATES.values():
        for template in templates:
            if title in template[2]:
                return template
    return None


def _texts(exchange: Exchange, template, *, awaiting: bool) -> list:
    """The exchange's texts in each language, from its template; (record, field, texts[, older source])."""
    year = f" {exchange.starts_on.year}"
    description = by_language(_description(template, exchange.host_city, exchange.visiting_city))
    texts = [
        (exchange, "title", {language: text + year for language, text in by_language(template[2]).items()}),
        (exchange, "description", description),
    ]
    if exchange.description != description[exchange.language]:  # edited since it was translated
        texts[1] = (exchange, "description", description, description[exchange.language])
    if exchange.outcomes:
        outcomes = by_language(template[4])
        visitors = CITY_LANGUAGE.get(exchange.visiting_city.code)
        texts.append((exchange, "outcomes", without(outcomes, visitors) if awaiting else outcomes))
    return texts


def _add_versions(council: Council, keys: set, *, awaiting: set) -> None:
    exchanges = Exchange.objects.filter(team__council=council).select_related("host_city", "visiting_city")
    texts = []
    for exchange in exchanges:
        template = _template(exchange) if _key(exchange) in keys else None
        if template is not None:
            texts += _texts(exchange, template, awaiting=_key(exchange) in awaiting)
    add_versions(texts)


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


# The economy team's member has drafts of their own: waiting for a lead, one returned with the lead's
# reason, and one the lead approved lately (each step as the pages would have written it).
Step = DraftReview.Step
RETURN_REASON = "Please add the Beijing side's department and the number of participants you expect."


def load_drafts(council: Council) -> None:
    team = Team.objects.get(council=council, code="economy")
    if DraftReview.objects.filter(exchange__team=team).exists():
        return
    users = get_user_model().objects.filter(username__in=["member-economy-seoul", "lead-economy-seoul"])
    member, lead = sorted(users, key=lambda user: user.username != "member-economy-seoul")
    now, today = timezone.now(), timezone.localdate()
    # The team's latest proposals and drafts, whatever day the demo is made: three drafts, one approved.
    ahead = Exchange.objects.filter(
        team=team, status__in=(Exchange.Status.DRAFT, Exchange.Status.PROPOSED), starts_on__gt=today
    )
    *drafts, approved = list(ahead.order_by("-starts_on", "-pk")[:4]) or [None]
    Exchange.objects.filter(pk__in=[e.pk for e in drafts]).update(status=Exchange.Status.DRAFT, created_by=member)
    if approved:
        Exchange.objects.filter(pk=approved.pk).update(status=Exchange.Status.PROPOSED, created_by=member)
    for days_ago, exchange in enumerate(reversed(drafts), start=3):
        DraftReview.objects.create(
            exchange=exchange, step=Step.SUBMITTED, by=member, at=now - dt.timedelta(days=days_ago)
        )
    if len(drafts) > 1:
        returned = drafts[0]
        DraftReview.objects.create(
            exchange=returned, step=Step.RETURNED, by=lead, reason=RETURN_REASON, at=now - dt.timedelta(days=1)
        )
    if approved:
        DraftReview.objects.create(exchange=approved, step=Step.SUBMITTED, by=member, at=now - dt.timedelta(days=10))
        DraftReview.objects.create(exchange=approved, step=Step.APPROVED, by=lead, at=now - dt.timedelta(days=8))
