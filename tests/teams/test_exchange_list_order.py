"""With no order chosen, the exchange list opens on today: upcoming soonest first, then the past, latest
first — not on next year's proposals."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.factories import ExchangeFactory


def test_the_list_opens_on_today_upcoming_then_recent(client, demo_user, economy):
    today = timezone.localdate()
    made = {
        name: ExchangeFactory(team=economy, title=f"Quokka {name}", starts_on=today + dt.timedelta(days=days))
        for name, days in (("last year", -300), ("next year", 300), ("last week", -7), ("today", 0), ("soon", 3))
    }
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("teams:exchange-list"), {"q": "Quokka"})

    listed = [exchange.pk for exchange in response.context["exchanges"]]
    order = ["today", "soon", "next year", "last week", "last year"]
    assert listed == [made[name].pk for name in order]
    choices = response.context["filter"].form.fields["ordering"].choices
    assert str(choices[0][1]) == "Today first: upcoming, then recent"


def test_a_chosen_order_still_rules(client, demo_user, economy):
    today = timezone.localdate()
    early, late = (
        ExchangeFactory(team=economy, title=f"Quokka {n}", starts_on=today + dt.timedelta(days=n)) for n in (1, 9)
    )
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("teams:exchange-list"), {"q": "Quokka", "ordering": "-starts_on"})

    assert [exchange.pk for exchange in response.context["exchanges"]] == [late.pk, early.pk]
