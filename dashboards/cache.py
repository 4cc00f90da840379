"""The models whose changes renew the records' token (common.change_tokens), under which the dashboard's
figures, the exchange list's counts and filters, the translation queue's counts and the pages kept for
their readers (common.kept_pages) are kept: everything they are read from. tests/dashboards/test_cache.py
checks the list against the tables a dashboard reads, and that each way of writing them renews the
token; a count or a page reading a table not listed is never kept."""

from django.apps import apps

from assemblies.models import AchievementsInput, Assembly
from common import change_tokens
from council.models import City, Council, CouncilCity, Department, Person, Role, Secretariat, User
from secretariat.models import CorrespondenceAttachment
from teams.models import (
    DraftReview,
    Exchange,
    ExchangeAttachment,
    ExchangeParticipation,
    ExchangeRate,
    FocusArea,
    Goal,
    GoalUpdate,
    Plan,
    Team,
    TeamSide,
)
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
    # and what the pages kept for their readers show besides
    Department,
    Secretariat,
    Role,
    TeamSide,
    DraftReview,
    ExchangeAttachment,
    CorrespondenceAttachment,
)
# Their many-to-many links, and their history (the pages' "History"), whose rows are written with them.
LINKS = tuple(field.remote_field.through for model in WATCHED for field in model._meta.local_many_to_many)
HISTORY = tuple(model for model in apps.get_models() if getattr(model, "instance_type", None) in WATCHED)


def _imported(**_kwargs) -> None:
    change_tokens.renew()


def connect() -> None:
    change_tokens.watch((*WATCHED, *LINKS, *HISTORY))
    # Who wrote what (a page's authors and history): any change but the moment of a sign-in.
    change_tokens.watch([User], quiet_fields={"last_login"})
    exchanges_imported.connect(_imported, dispatch_uid="dashboards.cache.imported")  # created in bulk
