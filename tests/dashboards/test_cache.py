"""The dashboard's figures are kept until a record they are made of changes (dashboards.cache).

Kept figures must never be older than a change: every table they are read from is watched, every
watched model renews the records' token when saved or deleted, and each way of writing that bypasses
the models' signals (the import, the bench's bulk exchanges, a migrate) renews it too. After each
change the kept dashboard equals one computed afresh.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assemblies.models import AchievementsInput, Assembly, ScheduleChange
from common import change_tokens
from council.permissions import access_for
from dashboards import cache
from dashboards.dashboard import Dashboard, build, for_reader
from secretariat.models import Correspondence, CorrespondenceAttachment
from secretariat.selectors import translations as translation_queue
from teams.models import Exchange, ExchangeAttachment, ExchangeParticipation, ExchangeRate, Goal
from teams.services.exchanges import change_status
from teams.services.transfer import import_exchanges
from teams.transfer.importing import ImportRow
from tests.factories import ExchangeFactory
from translations.models import Version
from translations.reading import plain
from translations.services import save_version

READER = "mayor-office-beijing"
S = Exchange.Status


def figures(dashboard: Dashboard) -> tuple:
    """What the dashboard counts and sums, and the texts of its lists, comparable between two builds."""
    listed = [(exchange.pk, plain(exchange, "title", "zh-hans")) for exchange in dashboard.upcoming + dashboard.latest]
    return (dashboard.now, dashboard.ever, dashboard.total, dashboard.year_totals, dashboard.reciprocity_totals, listed)


def kept_and_fresh(user) -> tuple[tuple, tuple]:
    """The dashboard as the page reads it (kept, if nothing changed) and computed afresh."""
    today = timezone.localdate()
    _form, kept = for_reader(access_for(user), {}, today=today)
    fresh = build(kept.scope, today=today)
    return figures(kept), figures(fresh)


@pytest.fixture
def reader(demo_user):
    user = demo_user(READER)
    for_reader(access_for(user), {}, today=timezone.localdate())  # the figures computed once, and kept
    return user


@pytest.mark.parametrize("params", [{}, {"cycle": "all"}, {"team": "economy", "city": "second"}])
def test_every_table_the_kept_figures_are_read_from_is_watched(demo_user, economy, params):
    access = access_for(demo_user(READER))
    query = {"cycle": "all"} if "cycle" in params else {}
    if "team" in params:
        query = {"team": str(economy.pk), "city": str(access.person.council.rotation()[1].pk)}
    change_tokens.current()  # a new token: nothing is kept under it yet

    with CaptureQueriesContext(connection) as queries:
        for_reader(access, query, today=timezone.localdate())

    read = {table for query in queries.captured_queries for table in change_tokens.TABLE.findall(query["sql"])}
    watched = {model._meta.db_table for model in cache.WATCHED}
    assert read - watched == {"common_changetoken"}
    assert {"teams_exchange", "teams_plan", "translations_version", "assemblies_assembly"} <= read


@pytest.mark.parametrize("state", translation_queue.STATES)
def test_every_table_the_kept_translation_counts_are_read_from_is_watched(economy, state):
    urgency = translation_queue.Urgency.of_council(economy.council_id)
    sql, _params = translation_queue.queue(economy.council_id, "ko", (state,), urgency).query.sql_with_params()

    read = set(change_tokens.TABLE.findall(sql))
    assert read <= {model._meta.db_table for model in cache.WATCHED}
    assert {"assemblies_assembly", "assemblies_resolution", "translations_version"} <= read


def test_the_figures_are_kept_until_a_record_changes(reader, django_assert_num_queries):
    today = timezone.localdate()
    access = access_for(reader)
    with django_assert_num_queries(1):  # the token alone
        _form, kept = for_reader(access, {}, today=today)

    ExchangeFactory(team=access.person.council.teams.first(), status=S.COMPLETED, starts_on=today)

    _form, after = for_reader(access, {}, today=today)
    assert after.ever.exchanges == kept.ever.exchanges + 1


@pytest.fixture
def one_input_ready(economy):
    """An assembly's input marked ready by a team (the demo council has none)."""
    return AchievementsInput.objects.create(
        assembly=Assembly.objects.filter(council=economy.council).first(), team=economy
    )


# Django signals no save of a many-to-many link's row (auto-created); adding and removing links are (below).
SAVED = [model for model in cache.WATCHED if not model._meta.auto_created]


@pytest.fixture
def schedule_change(economy):
    """A change of an assembly's schedule (the demo council has none)."""
    assembly = Assembly.objects.filter(council=economy.council).first()
    return ScheduleChange.objects.create(assembly=assembly, kind=ScheduleChange.Kind.POSTPONED, reason="Typhoon.")


@pytest.fixture
def attachments(economy):
    """A file of an exchange and one of a letter (the demo council has none)."""
    exchange = Exchange.objects.filter(team=economy).first()
    letter = Correspondence.objects.filter(council=economy.council).first()
    file = {"original_name": "a.pdf", "content_type": "application/pdf", "size": 1}
    ExchangeAttachment.objects.create(exchange=exchange, file=f"exchanges/{exchange.pk}/a.pdf", **file)
    CorrespondenceAttachment.objects.create(correspondence=letter, file=f"correspondence/{letter.pk}/a.pdf", **file)


@pytest.mark.parametrize("model", SAVED, ids=lambda model: model._meta.label)
@pytest.mark.usefixtures("one_input_ready", "schedule_change", "attachments")
def test_saving_a_record_of_any_watched_model_renews_the_token(model):
    record = model.objects.first()  # the demo council has records of each
    before = change_tokens.current()

    record.save()

    assert change_tokens.current() != before


def test_deleting_records_renews_the_token_each_time(reader, economy, one_input_ready):
    exchange = ExchangeFactory(team=economy, status=S.COMPLETED)
    participation = ExchangeParticipation.objects.create(exchange=exchange, city=exchange.host_city, participants=3)
    deletions = [
        participation,
        exchange,
        ExchangeRate.objects.first(),
        one_input_ready,
        Version.objects.first(),
    ]
    for record in deletions:
        before = change_tokens.current()
        record.delete()
        assert change_tokens.current() != before, record

    kept, fresh = kept_and_fresh(reader)
    assert kept == fresh


def test_linking_and_unlinking_a_goals_exchanges_renews_the_token(reader):
    goal = Goal.objects.filter(exchanges__isnull=False).first()
    exchange = goal.exchanges.first()
    before = change_tokens.current()
    goal.exchanges.remove(exchange)
    removed = change_tokens.current()
    goal.exchanges.add(exchange)

    assert len({before, removed, change_tokens.current()}) == 3


def test_completing_an_exchange_shows_on_the_kept_dashboard(reader, economy):
    (kept_before, _fresh), today = kept_and_fresh(reader), timezone.localdate()
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS, starts_on=today - dt.timedelta(days=1))
    kept_between, _fresh = kept_and_fresh(reader)

    change_status(exchange=exchange, to=S.COMPLETED, outcomes={"outcomes": "Signed.", "agreements_signed": 2})

    kept, fresh = kept_and_fresh(reader)
    assert kept == fresh
    assert kept[1].exchanges == kept_between[1].exchanges + 1 == kept_before[1].exchanges + 1
    assert kept[1].agreements == kept_before[1].agreements + 2


def test_an_import_in_bulk_shows_on_the_kept_dashboard(reader, economy, demo_user):
    kept_before, _fresh = kept_and_fresh(reader)
    lead = demo_user("lead-economy-seoul")
    rows = [
        ImportRow(
            number=n + 2,
            exchange=ExchangeFactory.build(
                team=economy,
                status=S.COMPLETED,
                starts_on=timezone.localdate(),
                created_by=lead,
                investment_amount=Decimal("1000.00"),
                investment_currency="KRW",
            ),
            participants={},
        )  # fmt: skip
        for n in range(3)
    ]

    import_exchanges(rows=rows, by=lead)

    kept, fresh = kept_and_fresh(reader)
    assert kept == fresh
    assert kept[1].exchanges == kept_before[1].exchanges + 3


def test_a_translation_shows_on_the_kept_dashboard(reader, economy):
    today = timezone.localdate()
    exchange = ExchangeFactory(team=economy, status=S.PLANNED, starts_on=today + dt.timedelta(days=1))
    _form, kept = for_reader(access_for(reader), {}, today=today)
    assert exchange.pk in [listed.pk for listed in kept.upcoming]

    save_version(exchange, "title", "zh-hans", "论坛", by=reader)

    _form, after = for_reader(access_for(reader), {}, today=today)
    shown = next(listed for listed in after.upcoming if listed.pk == exchange.pk)
    assert plain(shown, "title", "zh-hans") == "论坛"


def test_bulk_exchanges_of_the_bench_show_on_the_kept_dashboard(reader):
    before = change_tokens.current()

    call_command("seed_bulk", exchanges=20, seed=5, stdout=io.StringIO())

    assert change_tokens.current() != before
    kept, fresh = kept_and_fresh(reader)
    assert kept == fresh


def test_every_migrate_renews_the_token(db):
    before = change_tokens.current()
    config = apps.get_app_config("common")

    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False, using="default", apps=apps)

    assert change_tokens.current() != before


def test_the_dashboard_works_while_the_cache_is_down(client, demo_user, cache_down):
    client.force_login(demo_user(READER))

    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert response.context["dashboard"].ever.exchanges == Exchange.objects.filter(status=S.COMPLETED).count()
