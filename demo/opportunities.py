"""Demo cooperation potential: five opportunities per team, one in each status, proposed from both cities."""

from council.models import Council, Person
from demo.structure import upsert
from demo.texts import CITY_LANGUAGE, add_versions, by_language, written
from teams.models import Exchange, FocusArea, Opportunity, Team

S = Opportunity.Status

# team code: [(focus area (en), title, description, proposer (romanised), status, reason for dropping)],
# title and description in en / ko / zh-hans, written in the proposer's language.
OPPORTUNITIES = {
    "economy": [
        (
            "Investments",
            (
                "Joint investment desk for start-ups of both cities",
                "양 도시 스타트업을 위한 공동 투자 창구",
                "面向两市初创企业的联合投资服务窗口",
            ),
            (
                "A shared desk at the Seoul Global Startup Center and in Zhongguancun that guides start-ups of "
                "each city through the other's investment and company-registration rules.",
                "서울글로벌창업센터와 중관촌에 공동 창구를 두고, 각 도시의 스타트업에 상대 도시의 투자 및 법인 "
                "설립 규정을 안내한다.",
                "在首尔全球创业中心和中关村设立联合服务窗口，为两市初创企业介绍对方城市的投资和公司注册规定。",
            ),
            "Zhang Wei",
            S.IDENTIFIED,
            "",
        ),
        (
            "Logistics",
            (
                "Cold-chain logistics pilot between Incheon and Tianjin ports",
                "인천항-톈진항 콜드체인 물류 시범 사업",
                "仁川港与天津港冷链物流试点",
            ),
            (
                "Test a shared temperature-tracking standard for fresh food shipped between the two cities' "
                "ports, with customs pre-clearance on both sides.",
                "양 도시 항만 사이에 운송되는 신선식품에 공동 온도 추적 기준을 적용하고, 양측 세관의 사전 통관을 "
                "시험한다.",
                "对两市港口之间运输的生鲜食品试行统一的温度追踪标准，并在双方实行海关预先通关。",
            ),
            "Lee Min-jun",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Strategic industries",
            (
                "Biohealth cluster partnership between Magok and Zhongguancun",
                "마곡-중관촌 바이오헬스 클러스터 협력",
                "麻谷与中关村生物健康产业集群合作",
            ),
            (
                "Link the two cities' life-science parks: shared pilot sites for start-ups and a joint call for "
                "clinical-trial partners.",
                "양 도시의 생명과학 단지를 연결해 스타트업용 공동 실증 공간을 마련하고 임상시험 협력 기관을 함께 "
                "공모한다.",
                "连接两市的生命科学园区：为初创企业提供共享试点场地，并联合征集临床试验合作伙伴。",
            ),
            "Jung Da-eun",
            S.APPROVED,
            "",
        ),
        (
            "Service trade",
            (
                "Matchmaking day for service companies of both cities",
                "양 도시 서비스 기업 매칭 데이",
                "两市服务企业对接日",
            ),
            (
                "Pre-arranged meetings between design, logistics-software and fintech firms of Seoul and Beijing "
                "looking for partners in the other city.",
                "상대 도시에서 협력사를 찾는 서울과 베이징의 디자인, 물류 소프트웨어, 핀테크 기업 간 사전 주선 "
                "상담을 연다.",
                "为寻找对方城市合作伙伴的首尔和北京设计、物流软件及金融科技企业预先安排洽谈。",
            ),
            "Zhang Wei",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Business events",
            (
                "Shared Seoul–Beijing booth at the Canton Fair",
                "캔톤페어 서울-베이징 공동 부스",
                "广交会首尔—北京联合展位",
            ),
            (
                "A joint booth presenting companies of both cities to buyers from third countries.",
                "제3국 바이어에게 양 도시 기업을 함께 소개하는 공동 부스.",
                "联合展位，向第三国采购商共同推介两市企业。",
            ),
            "Lee Min-jun",
            S.DROPPED,
            (
                "Both cities' exhibitors were already committed to their national pavilions; a joint booth would "
                "duplicate them. To be reconsidered for the next fair.",
                "양 도시 출품 기업이 이미 각국 국가관에 참가하기로 해 공동 부스는 중복이 됩니다. "
                "다음 박람회 때 다시 검토합니다.",
                "两市参展企业已确定参加各自的国家馆，联合展位将与之重复。下届博览会时再行研究。",
            ),
        ),
    ],
    "culture": [
        (
            "Cultural heritage",
            (
                "Night-time tours of Gyeongbokgung and the Forbidden City",
                "경복궁·자금성 야간 관람",
                "景福宫与故宫夜游",
            ),
            (
                "A twinned programme of evening palace tours, each city promoting the other's in its own tours.",
                "두 궁궐의 야간 관람을 자매 프로그램으로 운영하고, 각 도시가 자기 관람 행사에서 상대 도시의 "
                "프로그램을 홍보한다.",
                "两座宫殿的夜游结为姊妹项目，两市在各自的夜游活动中互相推介对方的项目。",
            ),
            "Liu Yang",
            S.IDENTIFIED,
            "",
        ),
        (
            "Film and media",
            (
                "Co-produced documentary on the two capitals' old city walls",
                "두 수도의 옛 성곽에 관한 공동 제작 다큐멘터리",
                "关于两座古都城墙的合拍纪录片",
            ),
            (
                "A documentary series filmed in both cities by their public broadcasters, with shared rights.",
                "양 도시 공영방송이 두 도시에서 촬영하고 저작권을 공동 보유하는 다큐멘터리 시리즈.",
                "由两市公共广播机构在两地拍摄、共享版权的纪录片系列。",
            ),
            "Park Soo-jin",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Performing arts",
            (
                "Exchange of traditional music ensembles for the Lunar New Year",
                "설맞이 전통음악 악단 교류",
                "春节传统民乐团互访",
            ),
            (
                "Seoul's gugak orchestra and a Beijing folk orchestra each perform in the other city's New Year "
                "celebrations.",
                "서울의 국악관현악단과 베이징의 민족악단이 서로 상대 도시의 설 축하 행사에서 공연한다.",
                "首尔国乐管弦乐团和北京民族乐团分别在对方城市的新春庆祝活动中演出。",
            ),
            "Liu Yang",
            S.APPROVED,
            "",
        ),
        (
            "Exhibitions and museums",
            (
                "Travelling exhibition of Joseon and Ming ceramics",
                "조선·명대 도자기 순회전",
                "朝鲜王朝与明代陶瓷巡回展",
            ),
            (
                "The cities' history museums lend each other ceramics for a joint exhibition shown in both.",
                "양 도시 역사박물관이 도자기를 서로 대여해 두 도시에서 모두 여는 공동 전시.",
                "两市历史博物馆互借陶瓷藏品，举办在两地巡展的联合展览。",
            ),
            "Park Soo-jin",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Tourism",
            ("Combined city tourism pass", "두 도시 통합 관광 패스", "两市联合旅游通票"),
            (
                "One pass for museums and public transport in both cities, sold to visitors of either.",
                "두 도시의 박물관과 대중교통을 하나로 이용하는 패스로, 어느 도시 방문객에게나 판매한다.",
                "一张通票通用两市的博物馆和公共交通，向两市游客发售。",
            ),
            "Wang Fang",
            S.DROPPED,
            (
                "The transport card operators of the two cities could not agree on a settlement system; to be "
                "revisited once card interoperability exists.",
                "양 도시 교통카드 운영사가 정산 방식에 합의하지 못했습니다. "
                "카드 상호 호환이 가능해지면 다시 논의합니다.",
                "两市交通卡运营方未能就结算方式达成一致；待交通卡实现互通后再议。",
            ),
        ),
    ],
    "education": [
        (
            "Language education",
            (
                "Online language buddies for high-school students",
                "고교생 온라인 언어 짝꿍",
                "高中生在线语言伙伴",
            ),
            (
                "Pairs of Seoul and Beijing high-school students meet online every week to practise each other's "
                "language.",
                "서울과 베이징의 고등학생이 짝을 이뤄 매주 온라인으로 만나 서로의 언어를 연습한다.",
                "首尔和北京的高中生结对，每周在线见面，练习对方的语言。",
            ),
            "Chen Jing",
            S.IDENTIFIED,
            "",
        ),
        (
            "Vocational training",
            (
                "Summer training camp on smart manufacturing",
                "스마트 제조 하계 연수 캠프",
                "智能制造暑期培训营",
            ),
            (
                "A two-week camp for vocational students of both cities in factories that use robotics.",
                "로봇을 활용하는 공장에서 양 도시 직업학교 학생들이 함께하는 2주간의 캠프.",
                "两市职业院校学生在使用机器人的工厂参加为期两周的培训营。",
            ),
            "Choi Hyun-woo",
            S.UNDER_REVIEW,
            "",
        ),
        (
            "Teacher exchange",
            (
                "Teacher secondments on AI in the classroom",
                "교실 속 인공지능 교원 파견",
                "课堂人工智能应用教师互派",
            ),
            (
                "Teachers spend a term in a school of the other city to share practice with AI tutoring tools.",
                "교사가 한 학기 동안 상대 도시의 학교에 머물며 인공지능 학습 도구 활용 경험을 나눈다.",
                "教师到对方城市的学校工作一个学期，交流人工智能辅导工具的使用经验。",
            ),
            "Chen Jing",
            S.APPROVED,
            "",
        ),
        (
            "University cooperation",
            (
                "Credit exchange between the cities' municipal universities",
                "양 도시 시립대학 간 학점 교류",
                "两市市属高校学分互认",
            ),
            (
                "Students of the University of Seoul and Beijing Union University take a semester at the other "
                "university with their credits recognised.",
                "서울시립대학교와 베이징연합대학교 학생이 상대 대학에서 한 학기를 수강하고 학점을 인정받는다.",
                "首尔市立大学和北京联合大学的学生到对方学校学习一个学期，学分予以认可。",
            ),
            "Choi Hyun-woo",
            S.BECAME_EXCHANGE,
            "",
        ),
        (
            "Student exchange",
            ("Joint university entrance fair", "대학 입학 공동 박람회", "高校招生联合展会"),
            (
                "A fair presenting both cities' universities to secondary-school students.",
                "중·고등학생에게 양 도시의 대학을 소개하는 박람회.",
                "向中学生介绍两市高校的展会。",
            ),
            "Kim Ji-young",
            S.DROPPED,
            (
                "The two entrance systems differ too much for a joint fair to help students; the universities "
                "preferred separate information sessions.",
                "두 입시 제도의 차이가 커서 공동 박람회가 학생들에게 도움이 되기 어렵습니다. "
                "대학들은 별도 설명회를 선호했습니다.",
                "两地升学制度差异过大，联合招生会难以帮助学生；各大学倾向于分别举办说明会。",
            ),
        ),
    ],
}


def _exchange_it_became(team: Team, area: FocusArea) -> Exchange | None:
    """The completed exchange of the area the opportunity became; kept once linked, so a rerun writes nothing."""
    linked = Opportunity.objects.filter(team=team, focus_area=area).exclude(exchange=None).values("exchange")
    kept = Exchange.objects.filter(pk__in=linked, team=team).first()
    if kept is not None:
        return kept
    return (
        Exchange.objects.filter(team=team, focus_area=area, status=Exchange.Status.COMPLETED, opportunity__isnull=True)
        .order_by("-starts_on", "-pk")
        .first()
    )


def load_opportunities(council: Council) -> None:
    """Idempotent: a second run changes nothing. Works with no exchanges at all (the opportunity stays approved).
    An opportunity is found again by its team and focus area (one each)."""
    people = {person.name_romanised: person for person in Person.objects.filter(council=council).select_related("city")}
    texts = []
    for team in Team.objects.filter(council=council, code__in=OPPORTUNITIES):
        areas = {area.name_en: area for area in team.focus_areas.all()}
        for area_name, title, description, proposer_name, status, reason in OPPORTUNITIES[team.code]:
            area, proposer = areas[area_name], people[proposer_name]
            language = CITY_LANGUAGE.get(proposer.city.code, "en")
            exchange = _exchange_it_became(team, area) if status == S.BECAME_EXCHANGE else None
            opportunity = upsert(
                Opportunity,
                team=team,
                focus_area=area,
                defaults={
                    "language": language,
                    "title": written(title, language),
                    "description": written(description, language),
                    "proposed_by": proposer,
                    "proposing_city": proposer.city,
                    "status": S.APPROVED if status == S.BECAME_EXCHANGE and exchange is None else status,
                    "exchange": exchange,
                    "dropped_reason": written(reason, language) if reason else "",
                },
            )
            texts += [
                (opportunity, "title", by_language(title)),
                (opportunity, "description", by_language(description)),
            ]
            if reason:
                texts.append((opportunity, "dropped_reason", by_language(reason)))
    add_versions(texts)
