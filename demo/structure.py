"""The Seoul–Beijing Integration Council as its founding agreement (21 April 2013) describes it.

Each loader is idempotent: rows are found by their natural key and brought to the values below, so
running the demo command again changes nothing.
"""

import datetime as dt
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from council.models import City, Council, CouncilCity, Department, Person, Role, Secretariat
from teams.models import FocusArea, Team, TeamSide

FOUNDING_AGREEMENT = (
    "Memorandum of understanding signed in Beijing on 21 April 2013 by the Mayor of Seoul and the "
    "Mayor of Beijing on the enhancement of the cities' relations through an integration council.\n\n"
    "The council consists of a secretariat and three teams in charge of economy, culture and education. "
    "Exchanges are coordinated at the level of each team, headed by the relevant departments of the two "
    "cities. The secretariat, run by Seoul's International Relations Division and Beijing's Foreign "
    "Affairs Office, handles the council's general affairs and the regular communication between the cities.\n\n"
    "The council works out comprehensive plans for the relations between the two cities and identifies the "
    "potential for further cooperation in each area. The mayors act as honorary chairmen. A general assembly "
    "is held every two years, alternately in each city, to share achievements and adjust the directions of "
    "future exchanges."
)

CITIES = [
    # code, (en, ko, zh-hans), country, zone
    ("SEL", ("Seoul", "서울", "首尔"), "KR", "Asia/Seoul"),
    ("BJS", ("Beijing", "베이징", "北京"), "CN", "Asia/Shanghai"),
]

DEPARTMENTS = {
    # key: (city, (en, ko, zh-hans))
    "sel-international": ("SEL", ("International Relations Division", "국제협력과", "首尔市国际关系科")),
    "sel-economy": ("SEL", ("Economic Planning Office", "경제기획관", "首尔市经济企划官室")),
    "sel-culture": ("SEL", ("Culture Headquarters", "문화본부", "首尔市文化本部")),
    "sel-education": ("SEL", ("Lifelong Education Bureau", "평생교육국", "首尔市终身教育局")),
    "sel-mayor": ("SEL", ("Office of the Mayor", "시장실", "首尔市长办公室")),
    "sel-it": ("SEL", ("Information Planning Office", "정보기획관", "首尔市信息企划官室")),
    "bjs-foreign": ("BJS", ("Foreign Affairs Office", "베이징시 외사판공실", "北京市人民政府外事办公室")),
    "bjs-commerce": ("BJS", ("Municipal Commission of Commerce", "베이징시 상무위원회", "北京市商务委员会")),
    "bjs-culture": ("BJS", ("Municipal Bureau of Culture and Tourism", "베이징시 문화관광국", "北京市文化和旅游局")),
    "bjs-education": ("BJS", ("Municipal Education Commission", "베이징시 교육위원회", "北京市教育委员会")),
    "bjs-mayor": (
        "BJS",
        ("General Office of the Municipal Government", "베이징시 인민정부 판공청", "北京市人民政府办公厅"),
    ),
}

TEAMS = [
    # code, names, {city: department key}, focus areas
    (
        "economy",
        ("Economy team", "경제팀", "经济组"),
        {"SEL": "sel-economy", "BJS": "bjs-commerce"},
        [
            ("Investments", "투자", "投资"),
            ("Logistics", "물류", "物流"),
            ("Service trade", "서비스 무역", "服务贸易"),
            ("Strategic industries", "전략 산업", "战略产业"),
            ("Corporate cooperation", "기업 협력", "企业合作"),
            ("Business events", "비즈니스 행사", "商务活动"),
        ],
    ),
    (
        "culture",
        ("Culture team", "문화팀", "文化组"),
        {"SEL": "sel-culture", "BJS": "bjs-culture"},
        [
            ("Performing arts", "공연 예술", "表演艺术"),
            ("Exhibitions and museums", "전시·박물관", "展览与博物馆"),
            ("Tourism", "관광", "旅游"),
            ("Cultural heritage", "문화유산", "文化遗产"),
            ("Film and media", "영화·미디어", "影视与媒体"),
        ],
    ),
    (
        "education",
        ("Education team", "교육팀", "教育组"),
        {"SEL": "sel-education", "BJS": "bjs-education"},
        [
            ("Student exchange", "학생 교류", "学生交流"),
            ("Teacher exchange", "교원 교류", "教师交流"),
            ("University cooperation", "대학 협력", "高校合作"),
            ("Language education", "언어 교육", "语言教育"),
            ("Vocational training", "직업 훈련", "职业培训"),
        ],
    ),
]

# username (None: no account), name, romanised, title, department, roles [(kind, team code)]
PEOPLE = [
    (None, "오세훈", "Oh Se-hoon", "Mayor of Seoul", "sel-mayor", []),
    (None, "殷勇", "Yin Yong", "Mayor of Beijing", "bjs-mayor", []),
    ("secretariat-seoul", "김지영", "Kim Ji-young", "Deputy Director", "sel-international", [("secretariat", None)]),
    ("secretariat-beijing", "王芳", "Wang Fang", "Division Chief", "bjs-foreign", [("secretariat", None)]),
    ("lead-economy-seoul", "이민준", "Lee Min-jun", "Director", "sel-economy", [("team_lead", "economy")]),
    (
        "lead-economy-beijing",
        "张伟",
        "Zhang Wei",
        "Deputy Director-General",
        "bjs-commerce",
        [("team_lead", "economy")],
    ),
    ("lead-culture-seoul", "박수진", "Park Soo-jin", "Director", "sel-culture", [("team_lead", "culture")]),
    ("lead-culture-beijing", "刘洋", "Liu Yang", "Deputy Director-General", "bjs-culture", [("team_lead", "culture")]),
    ("lead-education-seoul", "최현우", "Choi Hyun-woo", "Director", "sel-education", [("team_lead", "education")]),
    ("lead-education-beijing", "陈静", "Chen Jing", "Deputy Director", "bjs-education", [("team_lead", "education")]),
    ("member-economy-seoul", "정다은", "Jung Da-eun", "Officer", "sel-economy", [("team_member", "economy")]),
    ("mayor-office-seoul", "한승호", "Han Seung-ho", "Policy Adviser", "sel-mayor", [("mayor_office", None)]),
    ("mayor-office-beijing", "赵磊", "Zhao Lei", "Secretary", "bjs-mayor", [("mayor_office", None)]),
    ("admin", "윤태양", "Yoon Tae-yang", "Systems Administrator", "sel-it", []),
]

MAYORS = {"SEL": "Oh Se-hoon", "BJS": "Yin Yong"}
TEAM_LEADS = {
    "economy": ("Lee Min-jun", "Zhang Wei"),
    "culture": ("Park Soo-jin", "Liu Yang"),
    "education": ("Choi Hyun-woo", "Chen Jing"),
}


def upsert(model, *, defaults: dict | None = None, **lookup):
    """Like update_or_create, but saves only when a value differs: a second run writes nothing. What it
    writes is validated as a form's would be (full_clean)."""
    defaults = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**{**defaults, **lookup})
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, defaults[name])
    if obj.pk is None or changed:
        obj.full_clean()
        obj.save()
    return obj


def _names(triple) -> dict:
    return dict(zip(("name_en", "name_ko", "name_zh_hans"), triple, strict=True))


def load_council() -> Council:
    cities = {}
    for code, names, country, zone in CITIES:
        language = {"KR": "ko", "CN": "zh-hans"}.get(country, "en")
        defaults = {**_names(names), "country": country, "time_zone": zone, "language": language}
        cities[code] = upsert(City, code=code, defaults=defaults)
    council = upsert(
        Council,
        name_en="Seoul–Beijing Integration Council",
        defaults={
            "name_ko": "서울-베이징 통합위원회",
            "name_zh_hans": "首尔—北京综合协调委员会",
            "founded_on": dt.date(2013, 4, 21),
            "founding_agreement": FOUNDING_AGREEMENT,
            "assembly_interval_years": 2,
        },
    )
    for order, code in enumerate(("SEL", "BJS"), start=1):
        upsert(CouncilCity, council=council, city=cities[code], defaults={"rotation_order": order})
    return council


def load_departments() -> dict[str, Department]:
    departments = {}
    for key, (city_code, names) in DEPARTMENTS.items():
        departments[key] = upsert(
            Department, city=City.objects.get(code=city_code), name_en=names[0], defaults=_names(names)
        )
    return departments


def load_teams(council: Council, departments: dict[str, Department]) -> dict[str, Team]:
    teams = {}
    for order, (code, names, sides, areas) in enumerate(TEAMS, start=1):
        team = upsert(Team, council=council, code=code, defaults={**_names(names), "order": order})
        for city_code, department_key in sides.items():
            upsert(
                TeamSide,
                team=team,
                city=City.objects.get(code=city_code),
                defaults={"department": departments[department_key]},
            )
        for area_order, area in enumerate(areas, start=1):
            upsert(FocusArea, team=team, name_en=area[0], defaults={**_names(area), "order": area_order})
        teams[code] = team
    return teams


def load_people(council: Council, departments: dict[str, Department], teams: dict[str, Team]) -> list[str]:
    """People, their roles and the demo accounts; returns the usernames created or kept."""
    usernames = []
    for username, name, romanised, title, department_key, roles in PEOPLE:
        department = departments[department_key]
        person = upsert(
            Person,
            council=council,
            name_romanised=romanised,
            defaults={
                "name": name,
                "title": title,
                "department": department,
                "city": department.city,
                "email": f"{romanised.lower().replace(' ', '.').replace('-', '')}@example.org",
            },
        )
        for kind, team_code in roles:
            Role.objects.get_or_create(person=person, kind=kind, team=teams.get(team_code))
        if username:
            user = _demo_user(username, is_admin=username == "admin")
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])
            usernames.append(username)
    _link_heads(council, teams)
    return usernames


@cache
def _demo_password_hash() -> str:
    """Hashed once for all demo accounts: hashing is slow on purpose."""
    return make_password(settings.DEMO_PASSWORD)


def _demo_user(username: str, *, is_admin: bool):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": is_admin, "is_superuser": is_admin}
    )
    if created:  # a second run keeps the password hash, so nothing changes
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


def _link_heads(council: Council, teams: dict[str, Team]) -> None:
    people = {p.name_romanised: p for p in Person.objects.filter(council=council)}
    for city in City.objects.filter(code__in=MAYORS):
        if city.mayor_id != people[MAYORS[city.code]].pk:
            city.mayor = people[MAYORS[city.code]]
            city.save(update_fields=["mayor"])
    for code, leads in TEAM_LEADS.items():
        for lead_name in leads:
            lead = people[lead_name]
            TeamSide.objects.filter(team=teams[code], city=lead.city).update(lead=lead)
    secretariat, _ = Secretariat.objects.get_or_create(council=council)
    secretariat.departments.set(
        Department.objects.filter(name_en__in=["International Relations Division", "Foreign Affairs Office"])
    )
