"""Property-based: over random councils of 2–5 cities and long histories with postponements, host
overrides and cancellations, the rotation invariants always hold."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assemblies import services
from assemblies.models import Assembly, ScheduleChange
from tests.factories import CityFactory, CouncilFactory

OPERATIONS = st.lists(st.sampled_from(["schedule", "schedule", "postpone", "override", "cancel", "hold"]), max_size=30)


def apply(operation: str, council, data, overridden: set, scheduled_as: dict) -> None:
    open_assembly = (
        Assembly.objects.filter(council=council, status__in=["planned", "postponed"]).order_by("-sequence").first()
    )
    if operation == "schedule":
        if open_assembly is None:  # the next one is scheduled once the previous is held or cancelled
            assembly = services.schedule_next_assembly(council=council)
            scheduled_as[assembly.pk] = (assembly.sequence, assembly.cycle, assembly.host_city_id)
        return
    if open_assembly is None:
        return
    if operation == "postpone":
        start = (open_assembly.starts_at or dt.datetime(open_assembly.cycle, 6, 1, tzinfo=dt.UTC)) + dt.timedelta(
            days=30
        )
        services.postpone_assembly(assembly=open_assembly, new_start=start, reason="Moved", by=None)
    elif operation == "override":
        others = [c for c in council.rotation() if c != open_assembly.host_city]
        host = data.draw(st.sampled_from(others))
        services.override_host(assembly=open_assembly, host=host, reason="Asked by the cities", by=None)
        overridden.add(open_assembly.pk)
    elif operation == "cancel":
        services.cancel_assembly(assembly=open_assembly, reason="Cancelled", by=None)
    else:  # time passes: it is held
        Assembly.objects.filter(pk=open_assembly.pk).update(status=Assembly.Status.HELD)


def check_invariants(council, overridden: set, scheduled_as: dict) -> None:
    rotation = [c.pk for c in council.rotation()]
    interval = council.assembly_interval_years
    everything = list(Assembly.objects.filter(council=council).order_by("sequence"))
    assert [a.sequence for a in everything] == list(range(1, len(everything) + 1))
    counted = [a for a in everything if a.status != Assembly.Status.CANCELLED]
    first_cycle = council.founded_on.year + interval
    assert [a.cycle for a in counted] == [first_cycle + k * interval for k in range(len(counted))]
    previous_host = None
    for assembly in counted:
        if assembly.pk not in overridden:
            expected = (
                rotation[0] if previous_host is None else rotation[(rotation.index(previous_host) + 1) % len(rotation)]
            )
            assert assembly.host_city_id == expected
            assert (assembly.sequence, assembly.cycle, assembly.host_city_id) == scheduled_as[assembly.pk]
        previous_host = assembly.host_city_id
    for assembly in everything:
        if assembly.status == Assembly.Status.POSTPONED:
            sequence, cycle, host = scheduled_as[assembly.pk]
            assert (assembly.sequence, assembly.cycle) == (sequence, cycle)
            assert assembly.pk in overridden or assembly.host_city_id == host
    assert not ScheduleChange.objects.filter(assembly__council=council, reason="").exists()


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(city_count=st.integers(2, 5), interval=st.integers(1, 4), operations=OPERATIONS, data=st.data())
def test_rotation_invariants_hold_over_any_history(city_count, interval, operations, data):
    council = CouncilFactory(
        founded_on=dt.date(2013, 4, 21), assembly_interval_years=interval,
        member_cities=CityFactory.create_batch(city_count),
    )  # fmt: skip
    overridden, scheduled_as = set(), {}
    for operation in operations:
        apply(operation, council, data, overridden, scheduled_as)
        check_invariants(council, overridden, scheduled_as)
