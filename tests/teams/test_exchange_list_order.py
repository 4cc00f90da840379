"""With no page and no order chosen, the exchange list (latest first) opens on the page where today
falls — not on next year's proposals; the pages before it hold what comes later."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ExchangeFactory


def quokkas(team, days: list[int]) -> list:
    today = timezone.localdate()
    return [ExchangeFactory(team=team, title=f"Quokka {n}", starts_on=today + dt.timedelta(days=n)) for n in days]


def test_the_list_opens_on_the_page_where_today_falls(client, demo_user, economy):
    later = quokkas(economy, list(range(2, settings.PAGE_SIZE + 5)))  # a page and three more ahead
    recent = quokkas(economy, [0, -3, -30])
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("teams:exchange-list"), {"q": "Quokka"})

    assert response.context["page"].number == 2
    nearest_three = [exchange.pk for exchange in reversed(later[:3])]
    assert [exchange.pk for exchange in response.context["exchanges"]] == nearest_three + [e.pk for e in recent]
    # and says so, with the way to the latest (the filter kept)
    assert (
        "The list opens at today; what comes later is on the pages before, "
        '<a href="?q=Quokka&amp;page=1">from the latest</a>.'
    ) in response.content.decode()


def test_a_page_or_an_order_asked_for_rules(client, demo_user, economy):
    later = quokkas(economy, list(range(2, settings.PAGE_SIZE + 5)))
    client.force_login(demo_user("lead-economy-seoul"))

    first = client.get(reverse("teams:exchange-list"), {"q": "Quokka", "page": "1"})
    ordered = client.get(reverse("teams:exchange-list"), {"q": "Quokka", "ordering": "starts_on"})

    assert first.context["exchanges"][0].pk == later[-1].pk
    assert (ordered.context["page"].number, ordered.context["exchanges"][0].pk) == (1, later[0].pk)
    assert (first.context["opened_at_today"], ordered.context["opened_at_today"]) == (False, False)
