"""The fuzz run's fixtures (another council's ids; records in the states some forms need) and its summary."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from assemblies.services import mark_input_ready
from council.models import City, Department, Person
from teams.models import Exchange, FocusArea
from tests.factories import ExchangeFactory
from tests.fixtures.reminders import make_notification, person_of
from tests.fuzz.report import TALLY
from tests.url_cases.roles import ROLES


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = TALLY.lines(per_form=config.getoption("verbose") > 0)
    if lines:
        terminalreporter.section("fuzz")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def foreign_ids(
    foreign_team, foreign_exchange, foreign_attachment, foreign_plan, foreign_goal, foreign_opportunity,
    foreign_letter, foreign_assembly, foreign_action, foreign_agreement, foreign_commitment, foreign_rule,
    foreign_delivery, action_foreign_resolution,
) -> dict[type, set[int]]:  # fmt: skip
    """Model → ids of another council's rows: a form of this council must refuse every one of them."""
    councils = {foreign_team.council_id, foreign_assembly.council_id}
    rows = [
        foreign_team, foreign_exchange, foreign_attachment, foreign_plan, foreign_goal, foreign_opportunity,
        foreign_letter, foreign_assembly, foreign_action, foreign_agreement, foreign_commitment, foreign_rule,
        foreign_delivery, action_foreign_resolution,
        *City.objects.filter(memberships__council__in=councils),
        *Person.objects.filter(council__in=councils),
        *FocusArea.objects.filter(team__council__in=councils),
        *Department.objects.filter(city__memberships__council__in=councils),
    ]  # fmt: skip
    ids: dict[type, set[int]] = {}
    for row in rows:
        ids.setdefault(type(row), set()).add(row.pk)
    return ids


@pytest.fixture
def in_progress_exchange(economy) -> Exchange:
    """Completing an exchange asks for its outcomes: a form only an exchange in progress has."""
    return ExchangeFactory(team=economy, title="Smart city expo", status=Exchange.Status.IN_PROGRESS)


@pytest.fixture
def cancelled_exchange(economy) -> Exchange:
    """A cancelled exchange has a form to reopen it."""
    return ExchangeFactory(
        team=economy, title="River festival", status=Exchange.Status.CANCELLED, cancel_reason="The venue flooded."
    )


@pytest.fixture
def culture_input_ready(next_assembly, culture, demo_user):
    """A team's achievements input marked ready has a form to reopen it."""
    mark_input_ready(assembly=next_assembly, team=culture, by=demo_user("secretariat-seoul"))
    return next_assembly


@pytest.fixture
def unread_notifications(db) -> None:
    """Each role's person has an unread notification: the list then offers to open it and to mark all read."""
    for username in filter(None, ROLES.values()):
        person = person_of(username)
        if person is not None:
            make_notification(person, "Exchanges starting soon", url="/exchanges/")


@pytest.fixture
def mayor_office_authenticator(demo_user) -> TOTPDevice:
    """An authenticator of the mayor's office, made after it signed in (so no code is due): the two-factor
    page then offers to turn it off."""
    return TOTPDevice.objects.create(user=demo_user("mayor-office-beijing"), name="phone", confirmed=True)
