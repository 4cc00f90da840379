"""The exchange list keeps its counts and its filters until the records change (common.change_tokens)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from common import change_tokens
from council.models import Person
from reminders.models import Notification
from teams.models import Exchange
from teams.services.exchanges import cancel_exchange
from tests.factories import ExchangeFactory

S = Exchange.Status


def listed(client, **params):
    response = client.get(reverse("teams:exchange-list"), params)
    assert response.status_code == 200
    return response


def test_a_new_exchange_is_counted_on_the_kept_list(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    before = listed(client, status=S.COMPLETED).context["page"].paginator.count
    assert before == Exchange.objects.filter(team__council=economy.council, status=S.COMPLETED).count()

    ExchangeFactory(team=economy, status=S.COMPLETED, outcomes="Done.")

    assert listed(client, status=S.COMPLETED).context["page"].paginator.count == before + 1


def test_a_cancelled_exchange_leaves_the_kept_count_of_its_old_status(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    exchange = ExchangeFactory(team=economy, status=S.PLANNED, starts_on=timezone.localdate() + dt.timedelta(days=3))
    before = listed(client, status=S.PLANNED).context["page"].paginator.count

    cancel_exchange(exchange=exchange, reason="The venue closed.", by=demo_user("lead-economy-seoul"))

    assert listed(client, status=S.PLANNED).context["page"].paginator.count == before - 1


def test_a_renamed_team_shows_in_the_kept_filters_in_each_language(client, demo_user, economy):
    user = demo_user("secretariat-seoul")
    client.force_login(user)
    assert "Economy renamed" not in listed(client).content.decode()

    economy.name_en, economy.name_ko = "Economy renamed", "경제 개명"
    economy.save()

    assert f'<option value="{economy.pk}">Economy renamed</option>' in listed(client).content.decode()
    user.person.preferred_language = "ko"
    user.person.save()
    assert f'<option value="{economy.pk}">경제 개명</option>' in listed(client).content.decode()


def test_a_count_reading_an_unwatched_table_is_never_kept(economy):
    person = Person.objects.filter(council=economy.council).first()
    with_notifications = Person.objects.filter(notifications__isnull=False)
    token = change_tokens.current()
    before = change_tokens.kept_count(with_notifications, token)

    Notification.objects.create(recipient=person, subject="A reminder", body="Due today.")  # not watched

    assert change_tokens.current() == token
    assert change_tokens.kept_count(with_notifications, token) == before + 1
