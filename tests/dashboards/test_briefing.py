"""A mayor's office's briefing on top of its home, the dashboard: what changed since its last visit."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from council.models import Person
from teams.models import Exchange
from tests.factories import ExchangeFactory
from tests.fixtures.correspondence import log_letter

S = Exchange.Status


def open_home(user) -> str:
    """The home page in a session of its own, as a new visit."""
    client = Client()
    client.force_login(user)
    return client, client.get(reverse("home"))


@pytest.fixture
def mayor_office(demo_user):
    return demo_user("mayor-office-seoul")


def test_the_first_visit_welcomes_and_marks_the_visit(mayor_office):
    _client, response = open_home(mayor_office)

    assert response.context["briefing"].since is None
    assert "From your next visit on, this tells what changed in between." in response.content.decode()
    assert Person.objects.get(pk=mayor_office.person.pk).briefed_at is not None


def test_the_next_visit_tells_what_changed_in_between(mayor_office, economy, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    open_home(mayor_office)
    time_machine.move_to(start + dt.timedelta(days=2), tick=False)
    completed = ExchangeFactory(team=economy, status=S.IN_PROGRESS, starts_on=timezone.localdate())
    completed.status, completed.outcomes = S.COMPLETED, "Done."
    completed.save()
    ExchangeFactory(team=economy, status=S.PLANNED, starts_on=timezone.localdate() + dt.timedelta(days=30))
    ExchangeFactory(team=economy, status=S.DRAFT, starts_on=timezone.localdate() + dt.timedelta(days=40))
    log_letter(economy.council, subject="Port visit", sent_at=timezone.now())
    time_machine.move_to(start + dt.timedelta(days=3), tick=False)

    client, response = open_home(mayor_office)

    briefing = response.context["briefing"]
    assert (briefing.since, briefing.completed, briefing.agreed, briefing.letters) == (start, 1, 1, 1)
    page = response.content.decode()
    assert '<li data-change="completed">\n              1 exchange completed' in page
    # A reload in the same session keeps the same mark; the person's mark moved to this visit.
    assert client.get(reverse("home")).context["briefing"].since == start
    assert Person.objects.get(pk=mayor_office.person.pk).briefed_at == start + dt.timedelta(days=3)


def test_only_a_mayors_office_is_briefed(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("dashboard"))

    assert "briefing" not in response.context
    assert Person.objects.get(pk=demo_user("secretariat-seoul").person.pk).briefed_at is None


def test_the_briefing_is_the_homes_not_a_filtered_dashboards(client, mayor_office):
    client.force_login(mayor_office)

    response = client.get(reverse("dashboard"))

    assert "briefing" not in response.context
    assert Person.objects.get(pk=mayor_office.person.pk).briefed_at is None
