"""The scheduler's rules: computed sequence, cycle and host; one per cycle; postponement, override, cancellation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from assemblies import services
from assemblies.models import Assembly, ScheduleChange
from council.models import City
from tests.factories import CityFactory, CouncilFactory
from tests.fixtures.assemblies import host_after

UTC = dt.UTC


def local(assembly: Assembly) -> str:
    return timezone.localtime(assembly.starts_at, assembly.host_city.zone).strftime("%Y-%m-%d %H:%M")


def test_the_demo_councils_next_assembly_follows_from_the_last(next_assembly):
    plan = services.next_assembly_plan(council=next_assembly.council)
    assert (plan.sequence, plan.cycle, plan.host.code) == (
        next_assembly.sequence + 1, next_assembly.cycle + 2, host_after(next_assembly),
    )  # fmt: skip


def test_the_first_assembly_is_due_after_the_founding_interval(db):
    cities = CityFactory.create_batch(3)
    council = CouncilFactory(founded_on=dt.date(2020, 3, 1), assembly_interval_years=3, member_cities=cities)
    first = services.schedule_next_assembly(council=council)
    second = services.schedule_next_assembly(council=council)
    assert [(a.sequence, a.cycle, a.host_city) for a in (first, second)] == [(1, 2023, cities[0]), (2, 2026, cities[1])]


def test_scheduling_the_same_cycle_twice_is_refused_and_nothing_is_added(next_assembly):
    council, cycle, sequence = next_assembly.council, next_assembly.cycle + 2, next_assembly.sequence + 1
    scheduled = services.schedule_next_assembly(council=council, expected_cycle=cycle)
    count = Assembly.objects.count()

    with pytest.raises(ValidationError) as error:
        services.schedule_next_assembly(council=council, expected_cycle=cycle)

    host = City.objects.get(code=host_after(next_assembly))
    assert error.value.messages == [
        f"There is already a general assembly for the {cycle} cycle: no. {sequence} in {host.name_en}. "
        "A cycle has one assembly."
    ]
    assert (scheduled.sequence, scheduled.host_city, Assembly.objects.count()) == (sequence, host, count)


def test_the_database_refuses_two_assemblies_in_one_cycle(next_assembly):
    with pytest.raises(IntegrityError):
        Assembly.objects.create(
            council=next_assembly.council, sequence=99, cycle=next_assembly.cycle, host_city=next_assembly.host_city
        )


def test_postponing_keeps_host_sequence_and_cycle_and_keeps_the_reason(next_assembly, demo_user):
    user = demo_user("secretariat-seoul")
    before = (next_assembly.host_city, next_assembly.sequence, next_assembly.cycle, local(next_assembly))
    new_start = next_assembly.starts_at + dt.timedelta(days=147)

    services.postpone_assembly(assembly=next_assembly, new_start=new_start, reason="Venue under renovation", by=user)

    moved = Assembly.objects.get(pk=next_assembly.pk)
    assert (moved.status, moved.host_city, moved.sequence, moved.cycle) == ("postponed", *before[:3])
    assert (moved.starts_at, moved.ends_at - moved.starts_at) == (new_start, dt.timedelta(days=1, hours=7))
    change = ScheduleChange.objects.get(assembly=moved)
    assert (change.kind, change.reason, change.before, change.after) == (
        "postponed", "Venue under renovation", before[3], local(moved),
    )  # fmt: skip


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_postponement_without_reason_is_refused(next_assembly, demo_user, reason):
    with pytest.raises(ValidationError) as error:
        services.postpone_assembly(
            assembly=next_assembly, new_start=next_assembly.starts_at + dt.timedelta(days=60), reason=reason,
            by=demo_user("secretariat-seoul"),
        )  # fmt: skip
    assert error.value.message_dict == {"reason": ["Give the reason in writing; it is kept with the assembly."]}
    assert Assembly.objects.get(pk=next_assembly.pk).status == "planned"


def test_a_postponement_to_an_earlier_date_is_refused(next_assembly, demo_user):
    with pytest.raises(ValidationError):
        services.postpone_assembly(
            assembly=next_assembly, new_start=next_assembly.starts_at - dt.timedelta(days=300), reason="x",
            by=demo_user("secretariat-seoul"),
        )  # fmt: skip
    assert Assembly.objects.get(pk=next_assembly.pk).starts_at == next_assembly.starts_at


def test_a_host_override_needs_a_reason_and_the_rotation_follows_the_actual_host(next_assembly, demo_user):
    due_host, other = next_assembly.host_city, City.objects.get(code=host_after(next_assembly))
    user = demo_user("secretariat-beijing")
    with pytest.raises(ValidationError):
        services.override_host(assembly=next_assembly, host=other, reason="", by=user)
    assert Assembly.objects.get(pk=next_assembly.pk).host_city == due_host

    services.override_host(assembly=next_assembly, host=other, reason="The Expo is there that year", by=user)

    assert Assembly.objects.get(pk=next_assembly.pk).host_city == other
    assert services.next_assembly_plan(council=next_assembly.council).host == due_host
    assert ScheduleChange.objects.get(assembly=next_assembly).after == other.name_en


def test_a_cancelled_assembly_leaves_its_cycle_and_host_to_the_next(next_assembly, demo_user):
    services.cancel_assembly(assembly=next_assembly, reason="Pandemic", by=demo_user("secretariat-seoul"))
    replacement = services.schedule_next_assembly(council=next_assembly.council)
    assert (replacement.sequence, replacement.cycle, replacement.host_city) == (
        next_assembly.sequence + 1, next_assembly.cycle, next_assembly.host_city,
    )  # fmt: skip


def test_a_date_outside_the_cycle_needs_a_reason(next_assembly, demo_user):
    user = demo_user("secretariat-seoul")
    outside = dt.datetime(next_assembly.cycle + 1, 2, 1, 1, 0, tzinfo=UTC)
    with pytest.raises(ValidationError):
        services.set_schedule(assembly=next_assembly, starts_at=outside, ends_at=None, venue="", reason="", by=user)
    services.set_schedule(
        assembly=next_assembly, starts_at=dt.datetime(next_assembly.cycle, 11, 2, 1, 0, tzinfo=UTC), ends_at=None,
        venue="Seoul City Hall", reason="", by=user,
    )  # fmt: skip
    assert ScheduleChange.objects.filter(assembly=next_assembly).count() == 0
    services.set_schedule(
        assembly=next_assembly,
        starts_at=outside,
        ends_at=None,
        venue="Seoul City Hall",
        reason="Election year",
        by=user,
    )
    assert ScheduleChange.objects.get(assembly=next_assembly).kind == "date_override"


def test_a_held_assembly_can_no_longer_be_changed(held_assembly, demo_user):
    user, host = demo_user("secretariat-seoul"), held_assembly.host_city.code
    for change in (
        lambda: services.cancel_assembly(assembly=held_assembly, reason="x", by=user),
        lambda: services.postpone_assembly(
            assembly=held_assembly, new_start=held_assembly.starts_at + dt.timedelta(days=90), reason="x", by=user
        ),
        lambda: services.override_host(assembly=held_assembly, host=City.objects.get(code="SEL"), reason="x", by=user),
    ):
        with pytest.raises(ValidationError):
            change()
    held_assembly.refresh_from_db()
    assert (held_assembly.status, held_assembly.host_city.code) == ("held", host)
