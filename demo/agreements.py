"""Demo agreements register: the founding MOU of 21 April 2013 with its commitments, and three later agreements.

Agreements are found again by (council, title as written or in English), commitments by (agreement,
order), and the exchanges linked with .set(), so a second run changes nothing. The exchanges exist by now
(demo.exchanges); each commitment is linked to the first few completed exchanges of its owner team
whose English title starts with one of the given words, within the agreement's years.
The clause labels are illustrative: the demo has the news release of the MOU, not its text.
"""

import datetime as dt

from django.utils import timezone

from council.models import Council
from demo.structure import upsert
from demo.texts import add_sign_offs, add_versions, by_language, title_in_english_starts, written
from secretariat.models import Agreement, Commitment
from teams.models import Exchange, Team

S = Agreement.Status
LINKED_PER_TITLE = 3

# (clause, text, owner team code or None, English title prefixes of the exchanges that carry it out)
MOU_COMMITMENTS = [
    (
        "Art. 1",
        (
            "Establish the Seoul–Beijing Integration Council, the first integration council between two cities, "
            "to pursue practical, mutually beneficial exchanges in economy, culture and education.",
            "양 도시 간 최초의 통합위원회인 서울-베이징 통합위원회를 설립하여 경제·문화·교육 분야에서 "
            "실질적이고 호혜적인 교류를 추진한다.",
            "设立首尔—北京综合协调委员会，作为两座城市之间的首个综合协调委员会，在经济、文化、教育领域开展务实互利的交流。",
        ),
        None,
        (),
    ),
    (
        "Art. 2",
        (
            "Run a secretariat, co-run by Seoul's International Relations Division and Beijing's Foreign Affairs "
            "Office, for the council's general affairs and the regular communication between the cities.",
            "서울시 국제협력과와 베이징시 외사판공실이 공동으로 운영하는 사무국을 두어 위원회의 일반 업무와 "
            "양 도시 간 정례 소통을 담당하게 한다.",
            "设立由首尔市国际关系科和北京市外事办公室共同运营的秘书处，负责委员会的日常事务和两市之间的定期沟通。",
        ),
        None,
        (),
    ),
    (
        "Art. 3(1)",
        (
            "An economy team run by Seoul's Economic Planning Office and the Beijing Municipal Commission of "
            "Commerce: investments, logistics, service trade, strategic industries, corporate cooperation and "
            "business events.",
            "서울시 경제기획관과 베이징시 상무위원회가 운영하는 경제팀: 투자, 물류, 서비스 무역, 전략 산업, "
            "기업 협력, 비즈니스 행사.",
            "经济组由首尔市经济企划官室和北京市商务委员会负责：投资、物流、服务贸易、战略产业、企业合作和商务活动。",
        ),
        "economy",
        ("Seoul–Beijing investment forum", "Investment and trade fair"),
    ),
    (
        "Art. 3(2)",
        (
            "A culture team run by a department of each city: performing arts, exhibitions, tourism, heritage, "
            "film and media.",
            "각 도시의 담당 부서가 운영하는 문화팀: 공연 예술, 전시, 관광, 문화유산, 영화·미디어.",
            "文化组由两市各一个部门负责：表演艺术、展览、旅游、文化遗产、影视与媒体。",
        ),
        "culture",
        ("Traditional music concert", "Joint museum exhibition"),
    ),
    (
        "Art. 3(3)",
        (
            "An education team run by a department of each city: student and teacher exchange, university "
            "cooperation, language education and vocational training.",
            "각 도시의 담당 부서가 운영하는 교육팀: 학생·교원 교류, 대학 협력, 언어 교육, 직업 훈련.",
            "教育组由两市各一个部门负责：师生交流、高校合作、语言教育和职业培训。",
        ),
        "education",
        ("High-school student exchange", "Teacher training exchange"),
    ),
    (
        "Art. 4",
        (
            "Hold a general assembly every two years, alternately in Seoul and Beijing, to share achievements "
            "and adjust the directions of future exchanges in each area.",
            "2년마다 서울과 베이징에서 번갈아 총회를 열어 성과를 공유하고 분야별 향후 교류 방향을 조정한다.",
            "每两年在首尔和北京轮流举行一次全体会议，分享成果，并调整各领域今后的交流方向。",
        ),
        None,
        (),
    ),
    (
        "Art. 5",
        (
            "Work out comprehensive plans for the relations between the two cities and identify the potential "
            "for further cooperation in each area.",
            "양 도시 관계에 관한 종합 계획을 수립하고 분야별 추가 협력 가능성을 발굴한다.",
            "制定两市关系的综合规划，并发掘各领域进一步合作的潜力。",
        ),
        None,
        (),
    ),
]


def _later_agreements(today: dt.date) -> list[dict]:
    """Three later agreements between the cities' departments, in different states."""
    return [
        {
            "titles": (
                "Agreement on Economic and Trade Cooperation between the Seoul Economic Planning Office and "
                "the Beijing Municipal Commission of Commerce",
                "서울시 경제기획관-베이징시 상무위원회 경제·무역 협력 협약",
                "首尔市经济企划官室与北京市商务委员会经贸合作协议",
            ),
            "parties": (
                "Economic Planning Office, Seoul Metropolitan Government",
                "Beijing Municipal Commission of Commerce",
            ),
            "signed_on": dt.date(2015, 10, 20),
            "signed_place": "Seoul City Hall, Seoul (1st general assembly)",
            "signatories": (
                "Director, Economic Planning Office",
                "Director-General, Beijing Municipal Commission of Commerce",
            ),
            "language": "ko",  # drafted by the Seoul side, which hosted its signing
            "status": S.UNDER_REVIEW,
            "review_on": today - dt.timedelta(days=60),  # under review for two months
            "expires_on": None,
            "commitments": [
                (
                    "Art. 2",
                    (
                        "Hold a joint investment forum in either city every year.",
                        "매년 두 도시 중 한 곳에서 공동 투자 포럼을 연다.",
                        "每年在两市中的一市举办联合投资论坛。",
                    ),
                    "economy",
                    ("Seoul–Beijing investment forum",),
                ),
                (
                    "Art. 3",
                    (
                        "Organise matchmaking days for the service companies of both cities.",
                        "양 도시 서비스 기업을 위한 매칭 데이를 개최한다.",
                        "为两市服务企业举办对接日活动。",
                    ),
                    "economy",
                    ("Service trade matchmaking day",),
                ),
                (
                    "Art. 4",
                    (
                        "Exchange logistics expertise and study a joint working group on cold-chain and air cargo.",
                        "물류 전문 지식을 교환하고 콜드체인 및 항공화물 공동 실무단 구성을 검토한다.",
                        "交流物流专业经验，并研究成立冷链和航空货运联合工作组。",
                    ),
                    "economy",
                    ("Logistics hub study visit",),
                ),
            ],
        },
        {
            "titles": (
                "Cultural Exchange Agreement between the Seoul Culture Headquarters and the Beijing Municipal "
                "Bureau of Culture and Tourism",
                "서울시 문화본부-베이징시 문화관광국 문화교류 협약",
                "首尔市文化本部与北京市文化和旅游局文化交流协议",
            ),
            "parties": (
                "Culture Headquarters, Seoul Metropolitan Government",
                "Beijing Municipal Bureau of Culture and Tourism",
            ),
            "signed_on": dt.date(2018, 6, 14),
            "signed_place": "Beijing",
            "signatories": (
                "Director-General, Culture Headquarters",
                "Director, Beijing Municipal Bureau of Culture and Tourism",
            ),
            "language": "zh-hans",
            "status": S.EXPIRED,
            "review_on": None,
            "expires_on": dt.date(2023, 6, 13),
            "commitments": [
                (
                    "Art. 2",
                    (
                        "Present each other's traditional music every year.",
                        "매년 상대 도시의 전통음악을 소개한다.",
                        "每年互相推介对方的传统音乐。",
                    ),
                    "culture",
                    ("Traditional music concert",),
                ),
                (
                    "Art. 3",
                    (
                        "Mount a joint museum exhibition every two years, with loans from both cities' museums.",
                        "양 도시 박물관의 대여 작품으로 2년마다 박물관 공동 전시를 연다.",
                        "每两年以两市博物馆出借的展品举办一次博物馆联合展览。",
                    ),
                    "culture",
                    ("Joint museum exhibition",),
                ),
            ],
        },
        {
            "titles": (
                "Agreement on Education Cooperation between the Seoul Lifelong Education Bureau and the Beijing "
                "Municipal Education Commission",
                "서울시 평생교육국-베이징시 교육위원회 교육 협력 협약",
                "首尔市终身教育局与北京市教育委员会教育合作协议",
            ),
            "parties": (
                "Lifelong Education Bureau, Seoul Metropolitan Government",
                "Beijing Municipal Education Commission",
            ),
            "signed_on": dt.date(today.year - 2, 5, 16),
            "signed_place": "Seoul",
            "signatories": (
                "Director-General, Lifelong Education Bureau",
                "Director, Beijing Municipal Education Commission",
            ),
            "language": "ko",
            "status": S.IN_FORCE,
            # Due for review soon whenever the demo is loaded: the list shows how that stands out.
            "review_on": today + dt.timedelta(days=30),
            "expires_on": dt.date(today.year + 3, 5, 15),
            "commitments": [
                (
                    "Art. 2",
                    (
                        "Exchange high-school students every year, hosted by families.",
                        "매년 고등학생을 교환하고 가정에서 맞이한다.",
                        "每年互派高中生，由寄宿家庭接待。",
                    ),
                    "education",
                    ("High-school student exchange",),
                ),
                (
                    "Art. 3",
                    (
                        "Run a teacher training exchange on curricula and lesson observation.",
                        "교육과정과 수업 참관을 중심으로 교원 연수 교류를 운영한다.",
                        "围绕课程设置和课堂观摩开展教师培训交流。",
                    ),
                    "education",
                    ("Teacher training exchange",),
                ),
                (
                    "Art. 4",
                    (
                        "Support Korean and Chinese language teaching with shared materials.",
                        "공동 교재로 한국어·중국어 교육을 지원한다.",
                        "以共享教材支持韩语和汉语教学。",
                    ),
                    "education",
                    ("Language education forum",),
                ),
            ],
        },
    ]


def _exchanges(team: Team | None, prefixes, *, since: dt.date, until: dt.date | None) -> list[Exchange]:
    if team is None or not prefixes:
        return []
    found = []
    for prefix in prefixes:
        exchanges = Exchange.objects.filter(
            title_in_english_starts(Exchange, prefix), team=team, status=Exchange.Status.COMPLETED, starts_on__gte=since
        )
        if until is not None:
            exchanges = exchanges.filter(starts_on__lte=until)
        found += list(exchanges.order_by("starts_on", "pk")[:LINKED_PER_TITLE])
    return found


def _load(council: Council, teams: dict, *, titles, parties, signatories, commitments, **fields) -> list:
    """One agreement and its commitments; parties and signatories are given one per line, as the form asks.
    Returns its texts (record, field, {language: text})."""
    fields.update(parties="\n".join(parties), signatories="\n".join(signatories))
    language = fields["language"]
    # Found again by its title as written, or by its English version
    found = Agreement.objects.filter(title_in_english_starts(Agreement, titles[0]), council=council).first()
    agreement = upsert(
        Agreement,
        pk=found.pk if found else None,
        defaults={"council": council, "title": written(titles, language), **fields},
    )
    texts = [(agreement, "title", by_language(titles))]
    until = fields.get("expires_on")
    for order, (clause, text, team_code, prefixes) in enumerate(commitments, start=1):
        team = teams.get(team_code)
        commitment = upsert(
            Commitment,
            agreement=agreement,
            order=order,
            defaults={"clause": clause, "language": language, "text": written(text, language), "owner_team": team},
        )
        commitment.exchanges.set(_exchanges(team, prefixes, since=fields["signed_on"], until=until))
        texts.append((commitment, "text", by_language(text)))
    return texts


def load_agreements(council: Council) -> None:
    """Idempotent: a second run changes nothing. The founding MOU, written in English, is official in both
    cities' languages: its title and commitments are signed off."""
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    mou = _load(
        council,
        teams,
        titles=(
            "Memorandum of Understanding on the Establishment of the Seoul–Beijing Integration Council",
            "서울-베이징 통합위원회 설립에 관한 양해각서",
            "关于设立首尔—北京综合协调委员会的谅解备忘录",
        ),
        parties=("Seoul Metropolitan Government", "Beijing Municipal People's Government"),
        signed_on=dt.date(2013, 4, 21),
        signed_place="Beijing",
        # The mayors of 2013, as the news release of the signing names them.
        signatories=("Park Won-soon, Mayor of Seoul", "Wang Anshun, Mayor of Beijing"),
        language="en",
        status=S.IN_FORCE,
        review_on=None,
        expires_on=None,
        commitments=MOU_COMMITMENTS,
    )
    later = [
        text for agreement in _later_agreements(timezone.localdate()) for text in _load(council, teams, **agreement)
    ]
    add_versions(mou + later)
    add_sign_offs(mou)
