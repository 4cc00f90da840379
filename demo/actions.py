"""Demo action items: open and closed, some overdue, from the last two assemblies' resolutions, from
recent exchanges and, when their loaders have made some, from letters and agreement commitments.

Due dates are relative to today, so the demo always has items overdue, due soon and long done. Each
item is found again by (council, title, owner), so a second run on the same day changes nothing.
"""

import datetime as dt

from django.utils import timezone

from assemblies.models import Assembly, Resolution
from council.models import Council, Person
from demo.structure import upsert
from demo.texts import CITY_LANGUAGE, add_versions, by_language, written
from secretariat.models import ActionItem, Commitment, Correspondence
from teams.models import Exchange, Team

S = ActionItem.Status
DROPPED_REASON = (
    "Superseded by resolution 3 of the last assembly, which extends the exchange to all vocational schools."
)

# Titles in en / ko / zh-hans, written in the owner's language.
# (assembly: 0 the last one held, 1 the one before; resolution), title, owner, team code (None: the
# secretariat's), due in days, status
FROM_RESOLUTIONS = [
    (
        (0, 1),
        (
            "Draft the business events calendar for the cycle",
            "이번 주기 비즈니스 행사 일정 초안 작성",
            "起草本周期商务活动日程",
        ),
        "Lee Min-jun",
        "economy",
        -20,
        S.OPEN,
    ),
    (
        (0, 1),
        (
            "Line up partner companies for the investment fair",
            "투자 박람회 참가 협력 기업 섭외",
            "为投资博览会落实合作企业",
        ),
        "Lee Min-jun",
        "economy",
        -6,
        S.IN_PROGRESS,
    ),
    (
        (0, 1),
        ("Agree the joint budget for business events", "비즈니스 행사 공동 예산 합의", "商定商务活动联合预算"),
        "Zhang Wei",
        "economy",
        30,
        S.OPEN,
    ),
    (
        (0, 1),
        (
            "Report progress on the resolutions to both mayors' offices",
            "양 시장실에 결의안 이행 상황 보고",
            "向两市市长办公室报告决议落实进展",
        ),
        "Wang Fang",
        None,
        -3,
        S.OPEN,
    ),
    (
        (0, 2),
        ("Choose the venue of the joint exhibition in Seoul", "서울 공동 전시회 장소 선정", "选定首尔联合展览的场地"),
        "Park Soo-jin",
        "culture",
        45,
        S.IN_PROGRESS,
    ),
    (
        (0, 2),
        ("Propose exhibits from Beijing museums", "베이징 박물관 전시품 제안", "提出北京各博物馆的参展展品"),
        "Liu Yang",
        "culture",
        60,
        S.OPEN,
    ),
    (
        (0, 3),
        ("List the vocational schools willing to take part", "참여 희망 직업학교 명단 작성", "列出有意参加的职业学校"),
        "Choi Hyun-woo",
        "education",
        -40,
        S.DONE,
    ),
    (
        (0, 3),
        ("Agree the exchange terms with the partner schools", "협력 학교와 교류 조건 합의", "与合作学校商定交流条件"),
        "Chen Jing",
        "education",
        20,
        S.OPEN,
    ),
    (
        (1, 1),
        (
            "Hold two extra business events for companies of both cities",
            "양 도시 기업을 위한 비즈니스 행사 2회 추가 개최",
            "为两市企业增办两场商务活动",
        ),
        "Zhang Wei",
        "economy",
        -500,
        S.DONE,
    ),
    (
        (1, 1),
        ("Publish a directory of investment contacts", "투자 연락처 명부 발간", "编印投资联络名录"),
        "Lee Min-jun",
        "economy",
        -450,
        S.DONE,
    ),
    (
        (1, 2),
        ("Open the joint exhibition of court paintings", "궁중회화 공동 전시회 개막", "举办宫廷绘画联合展览"),
        "Liu Yang",
        "culture",
        -600,
        S.DONE,
    ),
    (
        (1, 3),
        ("Pilot a vocational school exchange", "직업학교 교류 시범 운영", "试点开展职业学校交流"),
        "Chen Jing",
        "education",
        -400,
        S.DROPPED,
    ),
    (
        (1, 3),
        (
            "Send the assembly's minutes to every member department",
            "총회 회의록을 모든 참여 부서에 송부",
            "将全体会议纪要分送各成员部门",
        ),
        "Kim Ji-young",
        None,
        -700,
        S.DONE,
    ),
]
# Per team: (title, owner, due in days, status) for its latest completed exchange.
FROM_EXCHANGES = {
    "economy": (
        (
            "Send the forum's investment leads to the companies that asked",
            "포럼에서 나온 투자 정보를 요청 기업에 전달",
            "将论坛上的投资线索发送给提出需求的企业",
        ),
        "Zhang Wei",
        10,
        S.OPEN,
    ),
    "culture": (
        ("Collect the visitor figures of the last event", "지난 행사 관람객 수 집계", "汇总上次活动的观众人数"),
        "Park Soo-jin",
        -2,
        S.IN_PROGRESS,
    ),
    "education": (
        (
            "Write to the host school with the participants' feedback",
            "참가자 의견을 정리해 주최 학교에 서한 발송",
            "致函主办学校，反馈参加者的意见",
        ),
        "Choi Hyun-woo",
        -15,
        S.DONE,
    ),
}
# The latest letters first: (title, owner, due in days, status)
FROM_LETTERS = [
    (
        ("Prepare the reply to the latest letter", "최근 서한에 대한 회신 준비", "准备对最新来函的答复"),
        "Wang Fang",
        5,
        S.OPEN,
    ),
    (
        (
            "Circulate the previous letter to the teams concerned",
            "이전 서한을 관련 팀에 회람",
            "将上一封来函分送相关工作组",
        ),
        "Kim Ji-young",
        -12,
        S.DONE,
    ),
]
# The first commitments of the oldest agreement: (title, owner, due in days, status)
FROM_COMMITMENTS = [
    (
        (
            "Prepare the yearly report on the agreement's commitments",
            "협약 이행 사항 연례 보고서 준비",
            "准备协议承诺事项年度报告",
        ),
        "Kim Ji-young",
        25,
        S.OPEN,
    ),
    (
        (
            "Check each team has named its contact for the agreement",
            "각 팀의 협약 담당자 지정 여부 확인",
            "确认各工作组已指定协议联络人",
        ),
        "Wang Fang",
        -8,
        S.IN_PROGRESS,
    ),
    (
        (
            "Review the commitment with the team before the next assembly",
            "다음 총회 전 팀과 이행 사항 점검",
            "下届全体会议前与工作组共同检查承诺落实情况",
        ),
        "Zhang Wei",
        90,
        S.OPEN,
    ),
]


def load_actions(council: Council) -> None:
    """Idempotent: a second run changes nothing."""
    today = timezone.localdate()
    people = {p.name_romanised: p for p in Person.objects.filter(council=council).select_related("city")}
    teams = {team.code: team for team in Team.objects.filter(council=council)}
    author = people["Kim Ji-young"].user
    texts = []

    def item(title, owner, team, due_in, status, **source):
        language = CITY_LANGUAGE.get(people[owner].city.code, "en")
        action = upsert(
            ActionItem,
            council=council,
            title=written(title, language),
            owner=people[owner],
            defaults={
                "language": language,
                "team": team,
                "due_on": today + dt.timedelta(days=due_in),
                "status": status,
                "dropped_reason": DROPPED_REASON if status == S.DROPPED else "",
                "created_by": author,
                **{kind: source.get(kind) for kind in ActionItem.SOURCES},
            },
        )
        texts.append((action, "title", by_language(title)))

    held = list(Assembly.objects.filter(council=council, status=Assembly.Status.HELD).order_by("-sequence")[:2])
    resolutions = {
        (held.index(r.assembly), r.number): r
        for r in Resolution.objects.filter(assembly__in=held).select_related("assembly")
    }
    for key, title, owner, team_code, due_in, status in FROM_RESOLUTIONS:
        if key in resolutions:
            item(title, owner, teams.get(team_code), due_in, status, resolution=resolutions[key])
    for team_code, (title, owner, due_in, status) in FROM_EXCHANGES.items():
        exchange = _latest_completed(teams[team_code], today)
        if exchange is not None:
            item(title, owner, teams[team_code], due_in, status, exchange=exchange)
    letters = Correspondence.objects.filter(council=council).order_by("-sent_at", "-pk")
    for (title, owner, due_in, status), letter in zip(FROM_LETTERS, letters[: len(FROM_LETTERS)], strict=False):
        item(title, owner, letter.team, due_in, status, correspondence=letter)
    commitments = Commitment.objects.filter(agreement__council=council).order_by(
        "agreement__signed_on", "agreement_id", "order", "pk"
    )
    for (title, owner, due_in, status), commitment in zip(
        FROM_COMMITMENTS, commitments[: len(FROM_COMMITMENTS)], strict=False
    ):
        item(title, owner, commitment.owner_team, due_in, status, commitment=commitment)
    add_versions(texts)


def _latest_completed(team: Team, today: dt.date) -> Exchange | None:
    return (
        Exchange.objects.filter(team=team, status=Exchange.Status.COMPLETED, starts_on__lte=today)
        .order_by("-starts_on", "-pk")
        .first()
    )
