"""Dates outside 1900–2100 and years past 9999, in every form, the import and the scheduler: a clear
message, nothing saved. Near the calendar's ends such dates were server errors (a day after 31 December
9999, an end time a day after the start); elsewhere they were saved as typed.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assemblies import services as assembly_services
from assemblies.models import Assembly
from secretariat.models import ActionItem, Agreement, Correspondence
from teams.models import Exchange
from tests.factories import CouncilFactory
from tests.fixtures.actions import person
from tests.fixtures.transfer import csv_bytes, import_row
from tests.secretariat.test_agreements_pages import agreement_data
from tests.secretariat.test_correspondence_pages import form_data as letter_data
from tests.teams.test_exchange_pages import form_data as exchange_data
from tests.teams.test_transfer_import import IMPORT_URL, imported, problems

OUTSIDE = "Enter a date between 1900 and 2100."
FAR_DAYS = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-30", "9999-12-31"]


def errors_of(response) -> dict:
    assert response.status_code == 200
    return response.context["form"].errors


@pytest.mark.parametrize("day", FAR_DAYS)
def test_an_exchange_on_a_far_day_is_refused(client, demo_user, economy, day):
    client.force_login(demo_user("lead-economy-seoul"))
    before = Exchange.objects.count()

    response = client.post(
        reverse("teams:exchange-create"),
        exchange_data(economy, starts_on=day, start_time="23:00", ends_on=day, end_time="23:59"),
    )

    assert errors_of(response) == {"starts_on": [OUTSIDE], "ends_on": [OUTSIDE]}
    assert Exchange.objects.count() == before


def test_a_year_past_9999_is_not_a_date(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    before = Exchange.objects.count()

    response = client.post(reverse("teams:exchange-create"), exchange_data(economy, starts_on="10000-01-01"))

    assert errors_of(response) == {"starts_on": ["Enter a valid date."]}
    assert Exchange.objects.count() == before


@pytest.mark.parametrize("day", FAR_DAYS)
def test_an_action_item_due_on_a_far_day_is_refused(client, demo_user, day):
    client.force_login(demo_user("secretariat-seoul"))
    before = ActionItem.objects.count()

    response = client.post(
        reverse("secretariat:action-create"), {"title": "Reply", "owner": person("Lee Min-jun").pk, "due_on": day}
    )

    assert errors_of(response)["due_on"] == [OUTSIDE]
    assert ActionItem.objects.count() == before


@pytest.mark.parametrize("day", FAR_DAYS)
def test_an_agreement_with_far_dates_is_refused(client, demo_user, day):
    client.force_login(demo_user("secretariat-seoul"))
    before = Agreement.objects.count()

    response = client.post(
        reverse("secretariat:agreement-create"), agreement_data(signed_on=day, review_on=day, expires_on=day)
    )

    assert errors_of(response) == {"signed_on": [OUTSIDE], "review_on": [OUTSIDE], "expires_on": [OUTSIDE]}
    assert Agreement.objects.count() == before


@pytest.mark.parametrize("day", FAR_DAYS)
def test_a_letter_on_a_far_day_is_refused(client, demo_user, day):
    client.force_login(demo_user("secretariat-seoul"))
    before = Correspondence.objects.count()

    response = client.post(reverse("secretariat:correspondence-create"), letter_data(sent_on=day, sent_time="23:59"))

    assert errors_of(response) == {"sent_on": [OUTSIDE]}
    assert Correspondence.objects.count() == before


@pytest.mark.parametrize("day", FAR_DAYS)
def test_an_assembly_moved_to_a_far_day_stays_where_it_was(client, demo_user, next_assembly, day):
    client.force_login(demo_user("secretariat-seoul"))
    before = Assembly.objects.filter(pk=next_assembly.pk).values().get()

    postponed = client.post(
        reverse("assemblies:postpone", args=[next_assembly.pk]), {"new_date": day, "new_time": "23:59", "reason": "x"}
    )
    edited = client.post(
        reverse("assemblies:edit", args=[next_assembly.pk]),
        {"starts_on": day, "start_time": "23:59", "ends_on": day, "end_time": "23:59", "venue": "", "reason": "x"},
    )

    assert errors_of(postponed) == {"new_date": [OUTSIDE]}
    assert errors_of(edited) == {"starts_on": [OUTSIDE], "ends_on": [OUTSIDE]}
    assert Assembly.objects.filter(pk=next_assembly.pk).values().get() == before


@pytest.mark.parametrize("day", ["1899-12-31", "9999-12-31"])
def test_an_imported_row_on_a_far_day_is_reported_and_nothing_is_imported(client, demo_user, day, import_media):
    client.force_login(demo_user("lead-economy-seoul"))
    rows = [import_row(1), import_row(2, **{"Start date": day, "End date": day})]

    response = client.post(IMPORT_URL, {"file": _csv(rows)})

    assert problems(response) == [(3, "G", "Start date", OUTSIDE), (3, "H", "End date", OUTSIDE)]
    assert not imported().exists()


def _csv(rows):
    return SimpleUploadedFile("exchanges.csv", csv_bytes(rows), content_type="text/csv")


@pytest.mark.parametrize("interval", [100, 32_767])  # the next cycle after 2100, and after 9999
def test_no_assembly_is_scheduled_after_2100(client, demo_user, next_assembly, interval):
    council = next_assembly.council
    council.assembly_interval_years = interval
    council.save()
    cycle = next_assembly.cycle + interval
    before = Assembly.objects.count()
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(reverse("assemblies:list")).content.decode()
    refused = client.post(reverse("assemblies:schedule"), {"cycle": str(cycle)}, follow=True)

    assert "Council Desk schedules nothing after 2100." in page
    assert f'<input type="hidden" name="cycle" value="{cycle}">' not in page
    assert [str(m) for m in refused.context["messages"]] == [
        f"The next assembly would be due in {cycle}; Council Desk schedules nothing after 2100."
    ]
    assert Assembly.objects.count() == before


def test_the_scheduler_itself_refuses_a_cycle_after_2100(db):
    council = CouncilFactory(founded_on=dt.date(2097, 6, 1))
    first = assembly_services.schedule_next_assembly(council=council)

    with pytest.raises(ValidationError) as refused:
        assembly_services.schedule_next_assembly(council=council)

    assert first.cycle == 2099
    assert refused.value.messages == [
        "The next assembly would be due in 2101; Council Desk schedules nothing after 2100."
    ]
    assert list(Assembly.objects.filter(council=council)) == [first]
