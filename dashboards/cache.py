"""The models whose changes renew the records' token (common.change_tokens), under which the dashboard's
figures, the exchange list's counts and filters and the translation queue's counts are kept: everything
they are read from. tests/dashboards/test_cache.py checks the list against the tables a dashboard reads,
and that each way of writing them renews the token; a count reading a table not listed is never kept."""

from django.apps import apps

from assemblies.models import AchievementsInput, Assembly
from common import change_tokens
from council.models import City, Council, CouncilCity, Person
from teams.models import Exchange, ExchangeParticipation, ExchangeRate, FocusArea, Goal, GoalUpdate, Plan, Team
from teams.signals import exchanges_imported
from translations.models import SignOff, Translatable, Version

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
    SignOff,
    # and every other record with texts in several languages (the translation queue counts them)
    *(model for model in apps.get_models() if issubclass(model, Translatable)),
)


def _imported(**_kwargs) -> None:
    change_tokens.renew()


def connect() -> None:
    change_tokens.watch(WATCHED)
    exchanges_imported.connect(_imported, dispatch_uid="dashboards.cache.imported")  # created in bulk
