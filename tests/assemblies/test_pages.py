"""The assembly pages: schedule with one click, refusals, postponement, host change, programme, both times."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from assemblies import services
from assemblies.models import Assembly, ScheduleChange
from council.models import City
from tests.fixtures.actions import ActionItemFactory
from tests.fixtures.assemblies import host_after
from tests.teams.test_reading import reading
from tests.texts import warm_content_types
from translations.reading import text_of


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def after_next(next_assembly) -> tuple[int, int, City]:
    """Sequence, cycle and host of the assembly after the demo's next one, by the council's rules."""
    return next_assembly.sequence + 1, next_assembly.cycle + 2, City.objects.get(code=host_after(next_assembly))


def in_host_city(assembly: Assembly, day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=assembly.host_city.zone).astimezone(dt.UTC)


def test_the_list_shows_the_computed_next_assembly_to_the_secretariat(client, demo_user, next_assembly):
    sequence, cycle, host = after_next(next_assembly)
    client.force_login(demo_user("secretariat-seoul"))
    response = client.get(reverse("assemblies:list"))
    plan = response.context["next_plan"]
    assert (plan.sequence, plan.cycle, plan.host) == (sequence, cycle, host)
    assert f"No. {sequence}, due in {cycle}, hosted by {host.name_en}" in response.content.decode()


def test_scheduling_twice_for_the_same_cycle_is_refused_with_a_message(client, demo_user, next_assembly):
    sequence, cycle, host = after_next(next_assembly)
    client.force_login(demo_user("secretariat-beijing"))
    first = client.post(reverse("assemblies:schedule"), {"cycle": str(cycle)}, follow=True)
    assert messages_of(first) == [
        f"General assembly no. {sequence} is scheduled: due in {cycle}, hosted by {host.name_en}."
    ]
    count = Assembly.objects.count()

    second = client.post(reverse("assemblies:schedule"), {"cycle": str(cycle)}, follow=True)

    assert messages_of(second) == [
        f"There is already a general assembly for the {cycle} cycle: no. {sequence} in {host.name_en}. "
        "A cycle has one assembly."
    ]
    assert Assembly.objects.count() == count


@pytest.mark.parametrize("cycle", [None, "", "abc", "-1", "²", "99999999999999999999", "next", "another"])
def test_scheduling_without_the_cycle_the_page_showed_schedules_nothing(client, demo_user, next_assembly, cycle):
    """The page sends the cycle it shows; none, junk, or another cycle (a page out of date) adds nothing."""
    _sequence, next_cycle, _host = after_next(next_assembly)
    given = {"next": next_cycle + 2, "another": next_assembly.cycle - 1}.get(cycle, cycle)
    reading(client, demo_user, "zh-hans", "secretariat-seoul")
    count = Assembly.objects.count()

    response = client.post(reverse("assemblies:schedule"), {} if given is None else {"cycle": given}, follow=True)

    with translation.override("zh-hans"):
        assert messages_of(response) == [str(services.OUT_OF_DATE)]
    assert Assembly.objects.count() == count


def test_postponing_through_the_page_keeps_the_host(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("assemblies:postpone", args=[next_assembly.pk])
    new_date = next_assembly.starts_at.date() + dt.timedelta(days=147)

    refused = client.post(url, {"new_date": new_date.isoformat(), "new_time": "10:00", "reason": ""})
    assert refused.context["form"].errors == {"reason": ["This field is required."]}

    response = client.post(
        url, {"new_date": new_date.isoformat(), "new_time": "10:00", "reason": "Venue renovation"}, follow=True
    )

    host = next_assembly.host_city
    assert messages_of(response) == [f"The assembly is postponed; its host stays {host.name_en}."]
    moved = Assembly.objects.get(pk=next_assembly.pk)
    assert (moved.status, moved.host_city, moved.starts_at) == (
        "postponed", host, in_host_city(next_assembly, new_date, 10),
    )  # fmt: skip
    assert "Venue renovation" in response.content.decode()


def test_a_host_change_without_reason_changes_nothing(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    other = City.objects.get(code=host_after(next_assembly))
    response = client.post(reverse("assemblies:host", args=[next_assembly.pk]), {"host": other.pk, "reason": " "})
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert Assembly.objects.get(pk=next_assembly.pk).host_city == next_assembly.host_city
    assert not ScheduleChange.objects.exists()


def test_every_assembly_page_shows_seoul_and_beijing_time_side_by_side(client, demo_user, held_assembly):
    client.force_login(demo_user("mayor-office-seoul"))
    page = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    assert '23 Sep 2025, 10:00 <span class="text-secondary">(Seoul)</span>' in page
    assert '23 Sep 2025, 09:00 <span class="text-secondary">(Beijing)</span>' in page


def test_the_viewers_own_time_is_added_when_it_differs(client, demo_user, held_assembly):
    user = demo_user("mayor-office-seoul")
    user.person.time_zone = "Europe/London"
    user.person.save()
    client.force_login(user)
    page = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    assert '23 Sep 2025, 02:00 <span class="text-secondary">(your time)</span>' in page


def test_a_date_on_a_public_holiday_warns_before_saving(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("assemblies:edit", args=[next_assembly.pk])
    national_day = dt.date(next_assembly.cycle, 10, 1)  # China's, every year; in some years Chuseok too
    data = {"starts_on": national_day.isoformat(), "start_time": "10:00", "venue": "City Hall", "reason": ""}

    warned = client.post(url, data)

    assert ("BJS", True) in [(h.city.code, "National Day" in h.name) for h in warned.context["holidays"]]
    assert Assembly.objects.get(pk=next_assembly.pk).starts_at == next_assembly.starts_at
    client.post(url, {**data, "confirm_holidays": "on"})
    assert Assembly.objects.get(pk=next_assembly.pk).starts_at == in_host_city(next_assembly, national_day, 10)


def test_the_date_time_and_venue_form_opens_with_them_as_they_stand_in_the_host_citys_time(
    client, demo_user, next_assembly
):
    day, next_day = dt.date(next_assembly.cycle, 9, 8), dt.date(next_assembly.cycle, 9, 9)
    Assembly.objects.filter(pk=next_assembly.pk).update(
        starts_at=in_host_city(next_assembly, day, 9), ends_at=in_host_city(next_assembly, next_day, 17),
        venue="Millennium Hall",
    )  # fmt: skip
    client.force_login(demo_user("secretariat-beijing"))

    form = client.get(reverse("assemblies:edit", args=[next_assembly.pk])).context["form"]

    assert {name: form[name].value() for name in ("starts_on", "start_time", "ends_on", "end_time", "venue")} == {
        "starts_on": day, "start_time": dt.time(9), "ends_on": next_day, "end_time": dt.time(17),
        "venue": "Millennium Hall",
    }  # fmt: skip


@pytest.mark.parametrize(("end_day", "end_time", "refused"), [(7, "17:00", "ends_on"), (8, "08:00", "end_time")])
def test_an_end_before_the_start_is_refused_on_the_field_that_is_wrong(
    client, demo_user, next_assembly, end_day, end_time, refused
):
    client.force_login(demo_user("secretariat-beijing"))
    before = Assembly.objects.values("starts_at", "ends_at").get(pk=next_assembly.pk)
    day = lambda number: dt.date(next_assembly.cycle, 9, number).isoformat()  # noqa: E731 (in its cycle's year)
    data = {"starts_on": day(8), "start_time": "09:00", "ends_on": day(end_day), "end_time": end_time}

    response = client.post(reverse("assemblies:edit", args=[next_assembly.pk]), data)

    assert response.context["form"].errors == {refused: ["The assembly must end after it starts."]}
    assert Assembly.objects.values("starts_at", "ends_at").get(pk=next_assembly.pk) == before


def test_the_postponement_form_opens_with_the_assemblys_hour(client, demo_user, next_assembly):
    Assembly.objects.filter(pk=next_assembly.pk).update(
        starts_at=in_host_city(next_assembly, dt.date(next_assembly.cycle, 9, 8), 14)
    )
    client.force_login(demo_user("secretariat-seoul"))

    form = client.get(reverse("assemblies:postpone", args=[next_assembly.pk])).context["form"]

    assert (form["new_date"].value(), form["new_time"].value()) == (None, dt.time(14))


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
    data.update({f"resolutions-{last}-language": "en", f"resolutions-{last}-text__ko": "공동 사무소를 연다."})
    data.update({"language": "en", "minutes__zh_hans": "一致通过。"})

    response = client.post(reverse("assemblies:programme", args=[held_assembly.pk]), data)

    assert response.status_code == 302, response.context and response.context["resolutions"].errors
    held_assembly.refresh_from_db()
    assert held_assembly.minutes == "Adopted unanimously."
    assert [(r.number, r.text) for r in held_assembly.resolutions.all()][-1] == (9, "Open a joint office.")
    assert held_assembly.resolutions.filter(number=1).count() == 0
    assert held_assembly.attendees.count() == 2
    resolution = held_assembly.resolutions.get(number=9)
    assert (text_of(resolution, "text", "ko").value, text_of(held_assembly, "minutes", "zh-hans").value) == (
        "공동 사무소를 연다.",
        "一致通过。",
    )


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_assembly_list_query_count_is_constant(client, demo_user, django_assert_num_queries, rows, next_assembly):
    council = next_assembly.council
    before = council.assemblies.count()
    for n in range(rows):
        cancelled = Assembly.objects.create(
            council=council, sequence=100 + n, cycle=2060 + n, host_city=next_assembly.host_city, status="cancelled"
        )
        ScheduleChange.objects.create(assembly=cancelled, kind="cancelled", reason=f"Reason {n}")
    client.force_login(demo_user("secretariat-seoul"))
    warm_content_types()  # else the first page of the process reads them: one query more

    # and one for the venues' versions, one for the cancellations and one for their reasons' versions
    with django_assert_num_queries(13):
        response = client.get(reverse("assemblies:list"))

    assert len(response.context["assemblies"]) == before + rows


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_assembly_detail_query_count_is_constant(client, demo_user, django_assert_num_queries, rows, held_assembly):
    owner = demo_user("lead-education-beijing").person
    for n in range(rows):
        held_assembly.agenda_items.create(order=50 + n, title=f"Item {n}")
        resolution = held_assembly.resolutions.create(number=50 + n, text=f"Resolution {n}")
        ActionItemFactory(owner=owner, resolution=resolution)  # their owners take one query
        ScheduleChange.objects.create(assembly=held_assembly, kind="postponed", reason=f"Reason {n}")
    client.force_login(owner.user)

    # and the versions of the assembly's texts, its agenda items', its resolutions', their action items',
    # its schedule changes' reasons
    with django_assert_num_queries(34):
        response = client.get(reverse("assemblies:detail", args=[held_assembly.pk]))

    assert len(response.context["assembly"].agenda_items.all()) == 6 + rows


def test_the_list_names_the_councils_interval_and_links_each_assembly_by_name(client, demo_user, next_assembly):
    client.force_login(demo_user("mayor-office-seoul"))

    page = client.get(reverse("assemblies:list")).content.decode()

    assert "Held every 2 years in each member city in turn" in page
    link = f'<a href="{next_assembly.get_absolute_url()}" class="fw-semibold text-nowrap">'
    assert f"{link}Assembly no. {next_assembly.sequence}</a>" in page


def test_an_assembly_without_agenda_says_so_without_numbering_it(client, demo_user, next_assembly):
    next_assembly.agenda_items.all().delete()
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(next_assembly.get_absolute_url()).content.decode()

    assert '<p class="card-body text-secondary mb-0" data-no-agenda>No agenda yet.</p>' in page
    assert "list-group-numbered" not in page.split('id="agenda-heading"')[1].split("</section>")[0]


def test_on_a_phone_the_secretariat_reaches_its_actions_before_the_minutes(client, demo_user, next_assembly):
    client.force_login(demo_user("secretariat-seoul"))
    page = client.get(next_assembly.get_absolute_url()).content.decode()
    client.force_login(demo_user("mayor-office-seoul"))
    read_only = client.get(next_assembly.get_absolute_url()).content.decode()

    shortcut = page.index("data-actions-shortcut")
    assert shortcut < page.index('id="minutes-heading"') < page.index('id="actions-heading"')
    assert 'href="#actions-heading"' in page and "data-actions-shortcut" not in read_only
