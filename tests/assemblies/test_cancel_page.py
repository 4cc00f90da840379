"""Cancelling an assembly: a page that says what will happen and asks why; the reason is shown on the
assembly's page and in the list, and translated at the desk. Confirm is offered only once the date and
venue are set; the cancel button stands apart, in the danger zone."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from assemblies.models import Assembly, ScheduleChange

CANCELLED_AT = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)


def cancel_url(assembly) -> str:
    return reverse("assemblies:cancel", args=[assembly.pk])


def state(assembly) -> tuple:
    return Assembly.objects.get(pk=assembly.pk).status, ScheduleChange.objects.filter(assembly=assembly).count()


def test_the_confirmation_page_names_the_assembly_and_what_happens(client, demo_user, next_assembly):
    before = state(next_assembly)
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(cancel_url(next_assembly)).content.decode()

    assert f"{next_assembly}, hosted by {next_assembly.host_city.name}" in page
    assert "Its cycle and its host&#x27;s turn pass to the next assembly" in page
    assert state(next_assembly) == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_without_a_reason_nothing_changes_and_the_page_says_why(client, demo_user, next_assembly, reason):
    before = state(next_assembly)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(cancel_url(next_assembly), {"reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Say why the assembly is cancelled."]}
    assert state(next_assembly) == before


def test_with_a_reason_it_is_cancelled_and_the_reason_shown(client, demo_user, next_assembly, time_machine):
    time_machine.move_to(CANCELLED_AT, tick=False)
    user = demo_user("secretariat-beijing")
    client.force_login(user)

    response = client.post(cancel_url(next_assembly), {"reason": "纪念活动改期。"}, follow=True)

    assert Assembly.objects.get(pk=next_assembly.pk).status == Assembly.Status.CANCELLED
    change = ScheduleChange.objects.get(assembly=next_assembly, kind=ScheduleChange.Kind.CANCELLED)
    # Written in its writer's language (their interface's), so the desk knows what to translate it from.
    assert (change.reason, change.by, change.language) == ("纪念活动改期。", user, user.person.preferred_language)
    page = response.content.decode()
    assert f"by {user.person}:" in page
    assert "纪念活动改期。" in page
    assert cancel_url(next_assembly) not in page
    listed = client.get(reverse("assemblies:list")).content.decode()
    assert "纪念活动改期。" in listed


@pytest.mark.parametrize("username", ["lead-economy-seoul", "member-economy-seoul", "mayor-office-beijing"])
def test_a_role_that_may_not_cancel_is_refused_and_nothing_changes(client, demo_user, next_assembly, username):
    before = state(next_assembly)
    client.force_login(demo_user(username))

    response = client.post(cancel_url(next_assembly), {"reason": "Not mine."})

    assert response.status_code == 403
    assert "Only the secretariat may cancel a general assembly." in response.content.decode()
    assert state(next_assembly) == before


def test_without_a_date_confirm_is_not_the_primary_action(client, demo_user, next_assembly):
    Assembly.objects.filter(pk=next_assembly.pk).update(starts_at=None, ends_at=None, status="planned")
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(next_assembly.get_absolute_url()).content.decode()

    assert 'value="confirmed"' not in page  # no button that posts a confirmation
    assert "data-confirm-disabled" in page
    assert "Set the date, time and venue first" in page
    set_date = re.search(r'<a class="btn ([a-z-]+)"\s+href="([^"]+)"\s+data-set-date>', page)
    assert set_date.groups() == ("btn-primary", reverse("assemblies:edit", args=[next_assembly.pk]))


def test_with_a_date_and_venue_confirm_is_offered(client, demo_user, next_assembly):
    start = dt.datetime(2030, 9, 1, 1, 0, tzinfo=dt.UTC)
    Assembly.objects.filter(pk=next_assembly.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=8), venue="Seoul City Hall", status="planned"
    )
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(next_assembly.get_absolute_url()).content.decode()

    assert 'value="confirmed" class="btn btn-primary"' in page
    assert "data-confirm-disabled" not in page


def test_the_cancel_button_stands_in_the_danger_zone(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(next_assembly.get_absolute_url()).content.decode()

    zone = page[page.index("data-danger-zone") :]
    assert cancel_url(next_assembly) in zone
    assert page.count(cancel_url(next_assembly)) == 1


def test_the_reason_is_translated_at_the_desk():
    assert ScheduleChange.translated_fields == ("reason",)
