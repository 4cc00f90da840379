"""A small council of Seoul and Beijing with one person per role, for exact reminder expectations."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from council.models import Council, Person, Role
from reminders.planning import ensure_rules
from teams.models import Team
from tests.factories import CityFactory, CouncilFactory, PersonFactory, TeamFactory

# The moment the tests plan at: Thursday 26 November 2026, 10:00 UTC (19:00 in Seoul, 18:00 in Beijing).
# The clock stands still there (the world fixture), so that what the receivers plan on commit, at
# "now", is planned at this same moment whatever day the suite runs.
NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


@dataclass
class World:
    council: Council
    team: Team
    other_team: Team
    secretariat: Person  # Seoul, e-mail and account, reads Korean
    lead_seoul: Person  # e-mail only
    lead_beijing: Person  # Beijing, e-mail and account, reads Chinese
    other_lead: Person  # leads the other team, e-mail only
    mayor_office: Person  # account only
    member: Person  # team member: not reminded of the assembly
    traveller: Person  # no role; lives on New York time (daylight saving)


def person(council, city, name, *, kind=None, team=None, email=True, account=False, **fields) -> Person:
    user = get_user_model().objects.create_user(username=name.lower().replace(" ", "-")) if account else None
    found = PersonFactory(
        council=council, city=city, name=name, name_romanised=name, user=user,
        email=f"{name.lower().replace(' ', '.')}@example.org" if email else "", **fields,
    )  # fmt: skip
    if kind:
        Role.objects.create(person=found, kind=kind, team=team)
    return found


@pytest.fixture
def world(db, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    seoul = CityFactory(code="TSEL", name_en="Seoul", name_ko="서울", name_zh_hans="首尔", time_zone="Asia/Seoul")
    beijing = CityFactory(
        code="TBJS", name_en="Beijing", name_ko="베이징", name_zh_hans="北京", time_zone="Asia/Shanghai"
    )
    council = CouncilFactory(member_cities=[seoul, beijing])
    team, other_team = TeamFactory(council=council), TeamFactory(council=council)
    ensure_rules(council)
    return World(
        council=council,
        team=team,
        other_team=other_team,
        secretariat=person(
            council, seoul, "Kim Secretariat", kind=Role.Kind.SECRETARIAT, account=True, preferred_language="ko"
        ),  # fmt: skip
        lead_seoul=person(council, seoul, "Park Lead", kind=Role.Kind.TEAM_LEAD, team=team),
        lead_beijing=person(
            council,
            beijing,
            "Zhao Lead",
            kind=Role.Kind.TEAM_LEAD,
            team=team,
            account=True,
            preferred_language="zh-hans",
        ),  # fmt: skip
        other_lead=person(council, beijing, "Liu Lead", kind=Role.Kind.TEAM_LEAD, team=other_team),
        mayor_office=person(council, seoul, "Mayor Office", kind=Role.Kind.MAYOR_OFFICE, email=False, account=True),
        member=person(council, seoul, "Choi Member", kind=Role.Kind.TEAM_MEMBER, team=team),
        traveller=person(council, seoul, "Jane Traveller", time_zone="America/New_York"),
    )
