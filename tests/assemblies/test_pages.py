"""The assembly pages: schedule with one click, refusals, postponement, host change, programme, both times."""

import datetime as dt

import pytest
from django.urls import reverse

from assemblies.models import Assembly, ScheduleChange
from council.models import City


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_list_shows_the_computed_next_assembly_to_the_secretariat(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    response = client.get(reverse("assemblies:list"))
    plan = response.context["next_plan"]
    assert (plan.sequence, plan.cycle, plan.host.code) == (8, 2029, "BJS")
    assert "No. 8, due in 2029, hosted by Beijing" in response.content.decode()


def test_scheduling_twice_for_the_same_cycle_is_refused_with_a_message(client, demo_user):
    client.force_login(demo_user("secretariat-beijing"))
    first = client.post(reverse("assemblies:schedule"), {"cycle": "2029"}, follow=True)
    assert messages_of(first) == ["General assembly no. 8 is scheduled: due in 2029, hosted by Beijing."]
    count = Assembly.objects.count()

    second = client.post(reverse("assemblies:schedule"), {"cycle": "2029"}, follow=True)

    assert messages_of(second) == [
        "There is already a general assembly for the 2029 cycle: no. 8 in Beijing. A cycle has one assembly."
    ]
    assert Assembly.objects.count() == count


def test_postponing_through_the_page_keeps_the_host(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("assemblies:postpone", args=[next_assembly.pk])

    refused = client.post(url, {"new_date": "2028-03-14", "new_time": "10:00", "reason": ""})
    assert refused.context["form"].errors == {"reason": ["This field is required."]}

    response = client.post(
        url, {"new_date": "2028-03-14", "new_time": "10:00", "reason": "Venue renovation"}, follow=True
    )

    assert messages_of(response) == ["The assembly is postponed; its host stays Seoul."]
    moved = Assembly.objects.get(pk=next_assembly.pk)
    assert (moved.status, moved.host_city.code, moved.starts_at) == (
        "postponed", "SEL", dt.datetime(2028, 3, 14, 1, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    assert "Venue renovation" in response.content.decode()


def test_a_host_change_without_reason_changes_nothing(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    beijing = City.objects.get(code="BJS")
    response = client.post(reverse("assemblies:host", args=[next_assembly.pk]), {"host": beijing.pk, "reason": " "})
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert Assembly.objects.get(pk=next_assembly.pk).host_city.code == "SEL"
    assert not ScheduleChange.objects.exists()


def test_every_assembly_page_shows_seoul_and_beijing_time_side_by_side(client, demo_user, held_assembly):
    client.force_login(demo_user("mayor-office-seoul"))
    page = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    assert 'Sept. 23, 2025, 10 a.m. <span class="text-secondary">(Seoul)</span>' in page
    assert 'Sept. 23, 2025, 9 a.m. <span class="text-secondary">(Beijing)</span>' in page


def test_the_viewers_own_time_is_added_when_it_differs(client, demo_user, held_assembly):
    user = demo_user("mayor-office-seoul")
    user.person.time_zone = "Europe/London"
    user.person.save()
    client.force_login(user)
    page = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    assert 'Sept. 23, 2025, 2 a.m. <span class="text-secondary">(your time)</span>' in page


def test_a_date_on_a_public_holiday_warns_before_saving(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("assemblies:edit", args=[next_assembly.pk])
    data = {"starts_on": "2027-10-01", "start_time": "10:00", "venue": "Seoul City Hall", "reason": ""}

    warned = client.post(url, data)

    assert [(h.city.code, h.name) for h in warned.context["holidays"]] == [("BJS", "National Day")]
    assert Assembly.objects.get(pk=next_assembly.pk).starts_at == next_assembly.starts_at
    client.post(url, {**data, "confirm_holidays": "on"})
    assert Assembly.objects.get(pk=next_assembly.pk).starts_at == dt.datetime(2027, 10, 1, 1, 0, tzinfo=dt.UTC)


def test_the_programme_saves_agenda_resolutions_attendees_and_minutes(client, demo_user, held_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    page = client.get(reverse("assemblies:programme", args=[held_assembly.pk]))
    agenda = page.context["agenda"]
    resolutions = page.context["resolutions"]
    data = {
        "minutes": "Adopted unanimously.",
        "attendees": [p.pk for p in held_assembly.attendees.all()[:2]],
        "agenda-TOTAL_FORMS": agenda.total_form_count(),
        "agenda-INITIAL_FORMS": agenda.initial_form_count(),
        "resolutions-TOTAL_FORMS": resolutions.total_form_count(),
        "resolutions-INITIAL_FORMS": resolutions.initial_form_count(),
    }
    for prefix, formset in (("agenda", agenda), ("resolutions", resolutions)):
        for index, form in enumerate(formset.forms):
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value) if value is not None else ""
    data["resolutions-0-DELETE"] = "on"
    last = resolutions.total_form_count() - 1
    data.update({f"resolutions-{last}-number": "9", f"resolutions-{last}-text": "Open a joint office."})

    response = client.post(reverse("assemblies:programme", args=[held_assembly.pk]), data)

    assert response.status_code == 302, response.context and response.context["resolutions"].errors
    held_assembly.refresh_from_db()
    assert held_assembly.minutes == "Adopted unanimously."
    assert [(r.number, r.text) for r in held_assembly.resolutions.all()][-1] == (9, "Open a joint office.")
    assert held_assembly.resolutions.filter(number=1).count() == 0
    assert held_assembly.attendees.count() == 2


@pytest.mark.parametrize("rows", [1, 30])
def test_assembly_list_query_count_is_constant(client, demo_user, django_assert_num_queries, rows, next_assembly):
    council = next_assembly.council
    Assembly.objects.filter(council=council, sequence__gt=7).delete()
    for n in range(rows):
        Assembly.objects.create(council=council, sequence=100 + n, cycle=2100 + n, host_city=next_assembly.host_city)
    client.force_login(demo_user("secretariat-seoul"))

    with django_assert_num_queries(10):
        response = client.get(reverse("assemblies:list"))

    assert len(response.context["assemblies"]) == 7 + rows


@pytest.mark.parametrize("rows", [1, 30])
def test_assembly_detail_query_count_is_constant(client, demo_user, django_assert_num_queries, rows, held_assembly):
    for n in range(rows):
        held_assembly.agenda_items.create(order=50 + n, title=f"Item {n}")
        held_assembly.resolutions.create(number=50 + n, text=f"Resolution {n}")
        ScheduleChange.objects.create(assembly=held_assembly, kind="postponed", reason=f"Reason {n}")
    client.force_login(demo_user("lead-education-beijing"))

    # (the demo's 6th assembly has action items: their owners take one query more)
    with django_assert_num_queries(20):
        response = client.get(reverse("assemblies:detail", args=[held_assembly.pk]))

    assert len(response.context["assembly"].agenda_items.all()) == 6 + rows
