"""What the dashboard's kept figures are read from: the models whose changes renew the records' token
(common.change_tokens). tests/dashboards/test_cache.py checks the list against the tables a dashboard
reads, and that each way of writing them renews the token."""

from assemblies.models import AchievementsInput, Assembly
from common import change_tokens
from council.models import City, Council, CouncilCity, Person
from teams.models import Exchange, ExchangeParticipation, ExchangeRate, FocusArea, Goal, GoalUpdate, Plan, Team
from teams.signals import exchanges_imported
from translations.models import Version

WATCHED = (
    Council,
    City,
    CouncilCity,
    Person,  # the cities' mayors
    Team,
    FocusArea,
    Exchange,
    ExchangeParticipation,
    Plan,
    ExchangeRate,
    Goal,
    GoalUpdate,
    Goal.exchanges.through,
    Assembly,
    AchievementsInput,
    Version,
)


def _imported(**_kwargs) -> None:
    change_tokens.renew()


def connect() -> None:
    change_tokens.watch(WATCHED)
    exchanges_imported.connect(_imported, dispatch_uid="dashboards.cache.imported")  # created in bulk
