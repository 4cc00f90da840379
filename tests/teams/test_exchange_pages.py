"""Recording, editing, filtering and attaching files to exchanges through their pages."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from common import change_tokens
from council.models import City, Department, Person
from teams.models import Exchange, ExchangeAttachment, ExchangeParticipation, FocusArea
from tests.factories import ExchangeFactory
from tests.texts import warm_content_types

# What a new exchange recorded as completed (a past one) adds: its outcomes are asked only then.
COMPLETED = {"status": "completed", "outcomes": "A memorandum on fintech sandboxes."}


def form_data(team, **overrides) -> dict:
    seoul, beijing = City.objects.get(code="SEL"), City.objects.get(code="BJS")
    data = {
        "team": team.pk,
        "focus_area": team.focus_areas.first().pk,
        "kind": "business_event",
        "status": "planned",
        "language": "en",
        "title": "Seoul–Beijing fintech day",
        "starts_on": "2026-06-09",
        "start_time": "10:00",
        "ends_on": "2026-06-10",
        "end_time": "17:30",
        "host_city": seoul.pk,
        "visiting_city": beijing.pk,
        "agreements_signed": "0",
        f"participants_{seoul.pk}": "40",
        f"participants_{beijing.pk}": "25",
        "departments": [Department.objects.get(name_en="Economic Planning Office").pk],
        "people": [Person.objects.get(name_romanised="Zhang Wei").pk],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_lead_records_an_exchange_with_both_local_times(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(reverse("teams:exchange-create"), form_data(economy))

    exchange = Exchange.objects.get(title="Seoul–Beijing fintech day")
    assert response.url == reverse("teams:exchange-detail", args=[exchange.pk])
    assert (exchange.status, exchange.team, exchange.created_by.username) == ("planned", economy, "lead-economy-seoul")
    assert exchange.starts_at == dt.datetime(2026, 6, 9, 1, 0, tzinfo=dt.UTC)  # 10:00 in Seoul
    assert exchange.ends_at == dt.datetime(2026, 6, 10, 8, 30, tzinfo=dt.UTC)
    assert sorted((p.city.code, p.participants) for p in exchange.participations.all()) == [("BJS", 25), ("SEL", 40)]
    assert [p.name_romanised for p in exchange.people.all()] == ["Zhang Wei"]
    page = client.get(response.url).content.decode()
    assert "9 Jun 2026, 10:00" in page and "9 Jun 2026, 09:00" in page  # Seoul, Beijing


def test_a_members_exchange_is_a_draft(client, demo_user, economy):
    client.force_login(demo_user("member-economy-seoul"))
    client.post(reverse("teams:exchange-create"), form_data(economy, status="completed"))
    assert Exchange.objects.get(title="Seoul–Beijing fintech day").status == "draft"


def test_a_lead_cannot_record_for_another_team(client, demo_user, culture):
    client.force_login(demo_user("lead-economy-seoul"))
    before = Exchange.objects.count()
    response = client.post(reverse("teams:exchange-create"), form_data(culture))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["team", "focus_area"]
    assert Exchange.objects.count() == before


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"ends_on": "2026-06-01", "end_time": None}, {"ends_on": ["The end date cannot be before the start date."]}),
        ({"ends_on": "2026-06-01"}, {"ends_on": ["The end date cannot be before the start date."]}),  # said once
        ({"ends_on": "2026-06-09", "end_time": "09:00"}, {"end_time": ["The exchange cannot end before it starts."]}),
        ({"visiting_city": "SEL"}, {"visiting_city": ["The visiting city must differ from the host city."]}),
        (
            {"host_city": None},
            {"host_city": ["Name the host city, or mark the exchange as a joint online event."]},
        ),
        (
            {"investment_amount": "1000", **COMPLETED},
            {"investment_currency": ["Give the currency of the investment."]},
        ),
        (
            {"investment_currency": "dollars", **COMPLETED},
            {"investment_currency": ["Ensure this value has at most 3 characters (it has 7)."]},
        ),
        ({"status": "completed"}, {"outcomes": ["A completed exchange needs its outcomes."]}),
        (
            {"participants_reached": "64", **COMPLETED},  # 40 from Seoul and 25 from Beijing took part
            {"participants_reached": ["No fewer than the participants (65 in all); leave it empty to count them."]},
        ),
        ({"starts_on": "2026-02-30"}, {"starts_on": ["Enter a valid date."]}),
        ({"title": "x" * 201}, {"title": ["Ensure this value has at most 200 characters (it has 201)."]}),
        (
            {"focus_area": "culture-area"},
            {"focus_area": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, demo_user, economy, culture, overrides, errors):
    if overrides.get("visiting_city") == "SEL":
        overrides["visiting_city"] = City.objects.get(code="SEL").pk
    if overrides.get("focus_area") == "culture-area":
        overrides["focus_area"] = culture.focus_areas.first().pk
    client.force_login(demo_user("lead-economy-seoul"))
    before = Exchange.objects.count()

    response = client.post(reverse("teams:exchange-create"), form_data(economy, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Exchange.objects.count() == before


def test_a_public_holiday_warns_and_still_lets_the_person_save(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-beijing"))
    data = form_data(economy, starts_on="2026-10-01", ends_on="2026-10-01", end_time=None)

    warned = client.post(reverse("teams:exchange-create"), data)

    assert [(h.day, h.city.code, h.name) for h in warned.context["holidays"]] == [
        (dt.date(2026, 10, 1), "BJS", "National Day")
    ]
    assert not Exchange.objects.filter(title="Seoul–Beijing fintech day").exists()
    saved = client.post(reverse("teams:exchange-create"), {**data, "confirm_holidays": "on"})
    assert saved.status_code == 302
    assert Exchange.objects.filter(title="Seoul–Beijing fintech day").count() == 1


def test_another_teams_lead_may_not_edit_and_nothing_changes(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, title="Original")
    client.force_login(demo_user("lead-culture-seoul"))
    response = client.post(reverse("teams:exchange-edit", args=[exchange.pk]), form_data(economy, title="Hijacked"))
    assert response.status_code == 403
    assert Exchange.objects.get(pk=exchange.pk).title == "Original"


def test_a_member_edits_their_own_draft_only(client, demo_user, economy):
    member = demo_user("member-economy-seoul")
    own = ExchangeFactory(team=economy, status="draft", created_by=member)
    other = ExchangeFactory(team=economy, status="draft")
    client.force_login(member)

    assert (
        client.post(reverse("teams:exchange-edit", args=[own.pk]), form_data(economy, title="Mine")).status_code == 302
    )
    assert client.post(reverse("teams:exchange-edit", args=[other.pk]), form_data(economy)).status_code == 403
    assert (Exchange.objects.get(pk=own.pk).title, Exchange.objects.get(pk=other.pk).title) == ("Mine", other.title)


def test_history_records_who_changed_what(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    client.post(reverse("teams:exchange-create"), form_data(economy))
    exchange = Exchange.objects.get(title="Seoul–Beijing fintech day")
    client.post(reverse("teams:exchange-edit", args=[exchange.pk]), form_data(economy, title="Fintech day"))

    page = client.get(reverse("teams:exchange-detail", args=[exchange.pk]))
    history = page.context["history"]

    assert [(entry.who, entry.action) for entry in history] == [
        ("이민준 (Lee Min-jun)", "changed"),
        ("이민준 (Lee Min-jun)", "created"),
    ]
    assert [(c.label, c.old, c.new) for c in history[0].changes] == [
        ("title", "Seoul–Beijing fintech day", "Fintech day")
    ]
    assert "Times in your time zone (Asia/Seoul)." in page.content.decode()  # the reader's, not one city's


def test_saving_an_exchange_untouched_changes_nothing_though_the_browser_sends_crlf_line_breaks(
    client, demo_user, economy
):
    """Browsers send a form's line breaks as CRLF; the demo, imports and the app keep LF."""
    exchange = ExchangeFactory(team=economy, partner_organisations="KOTRA\nCCPIT Beijing", description="One.\nTwo.")
    history = exchange.history.count()
    client.force_login(demo_user("lead-economy-seoul"))
    sent = {"partner_organisations": "KOTRA\r\nCCPIT Beijing", "description": "One.\r\nTwo.", "title": exchange.title}

    response = client.post(reverse("teams:exchange-edit", args=[exchange.pk]), form_data(economy, **sent))

    assert response.status_code == 302
    saved = Exchange.objects.get(pk=exchange.pk)
    assert (saved.partner_organisations, saved.description) == ("KOTRA\nCCPIT Beijing", "One.\nTwo.")
    latest = client.get(reverse("teams:exchange-detail", args=[exchange.pk])).context["history"][0]
    labels = [str(Exchange._meta.get_field(name).verbose_name) for name in ("partner_organisations", "description")]
    assert latest.changes and not [change for change in latest.changes if change.label in labels]
    assert exchange.history.count() == history + 1


def test_an_exchange_without_history_records_shows_an_empty_history(client, demo_user, economy):
    """seed_bulk inserts exchanges without history records; their page was a server error (the load run)."""
    exchange = ExchangeFactory(team=economy)
    exchange.history.all().delete()
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("teams:exchange-detail", args=[exchange.pk]))

    assert response.status_code == 200
    assert response.context["history"] == []
    assert "No changes recorded yet." in response.content.decode()


def test_attachments_are_checked_by_content_and_served_to_readers(client, demo_user, economy_exchange):
    client.force_login(demo_user("lead-economy-seoul"))
    url = reverse("teams:exchange-attachment-add", args=[economy_exchange.pk])

    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(url, {"file": fake}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == ["The file's content does not match its name (report.pdf)."]
    assert ExchangeAttachment.objects.count() == 0

    client.post(url, {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.7 minutes")})
    attachment = ExchangeAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == ("report.pdf", "application/pdf", 16)

    client.force_login(demo_user("mayor-office-beijing"))
    download = client.get(reverse("teams:exchange-attachment", args=[attachment.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert b"".join(download.streaming_content) == b"%PDF-1.7 minutes"


def test_an_executable_is_not_accepted(client, demo_user, economy_exchange):
    client.force_login(demo_user("secretariat-seoul"))
    upload = SimpleUploadedFile("tool.exe", b"MZ\x90\x00")
    response = client.post(
        reverse("teams:exchange-attachment-add", args=[economy_exchange.pk]), {"file": upload}, follow=True
    )
    assert str(list(response.context["messages"])[0]).startswith("This type of file is not accepted.")
    assert ExchangeAttachment.objects.count() == 0


def titles(response) -> list[str]:
    return [e.title for e in response.context["exchanges"]]


def test_filters_combine_and_live_in_the_query_string(client, demo_user, economy, culture):
    Exchange.objects.all().delete()
    forum = ExchangeFactory(
        team=economy, title="Fintech forum", status="completed", outcomes="Good", starts_on=dt.date(2024, 3, 1)
    )
    ExchangeFactory(team=economy, title="Logistics visit", status="planned", starts_on=dt.date(2024, 5, 1))
    ExchangeFactory(
        team=culture, title="Opera forum", status="completed", outcomes="Applause", starts_on=dt.date(2024, 4, 1)
    )
    client.force_login(demo_user("mayor-office-seoul"))
    url = reverse("teams:exchange-list")

    assert titles(client.get(url, {"q": "forum"})) == ["Opera forum", "Fintech forum"]
    assert titles(client.get(url, {"q": "forum", "team": economy.pk})) == ["Fintech forum"]
    assert titles(client.get(url, {"status": "planned"})) == ["Logistics visit"]
    assert titles(client.get(url, {"starts_from": "2024-03-15", "starts_until": "2024-04-30"})) == ["Opera forum"]
    assert titles(client.get(url, {"ordering": "title"})) == ["Fintech forum", "Logistics visit", "Opera forum"]
    assert titles(client.get(url, {"q": "applause"})) == ["Opera forum"]
    assert forum.title in titles(client.get(url, {"focus_area": forum.focus_area_id}))


def test_the_cycle_filter_takes_the_period_since_the_previous_assembly(client, demo_user, economy):
    Exchange.objects.all().delete()
    ExchangeFactory(team=economy, title="Before", starts_on=dt.date(2023, 10, 17))  # the day of the 5th assembly
    ExchangeFactory(team=economy, title="Inside", starts_on=dt.date(2024, 1, 5))
    ExchangeFactory(team=economy, title="Last day", starts_on=dt.date(2025, 9, 23))  # the 6th assembly
    ExchangeFactory(team=economy, title="After", starts_on=dt.date(2025, 9, 24))
    sixth = economy.council.assemblies.get(sequence=6)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("teams:exchange-list"), {"cycle": sixth.pk})

    assert titles(response) == ["Last day", "Inside"]


def test_a_member_sees_only_their_teams_exchanges(client, demo_user, economy, culture):
    Exchange.objects.all().delete()
    ExchangeFactory(team=economy, title="Ours")
    ExchangeFactory(team=culture, title="Theirs")
    client.force_login(demo_user("member-economy-seoul"))
    assert titles(client.get(reverse("teams:exchange-list"))) == ["Ours"]
    assert titles(client.get(reverse("teams:exchange-list"), {"team": culture.pk})) == ["Ours"]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_exchange_list_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    Exchange.objects.all().delete()
    ExchangeFactory.create_batch(rows, team=economy)
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; the readable teams' ids; filter choices (teams, focus areas, cities,
    # cycles); count, page, participations, the texts' versions; "may create"
    warm_content_types()
    change_tokens.current()  # the records' token exists (its first reader makes it); nothing is kept yet
    with django_assert_num_queries(17):  # with the count of those ahead of today (the page it opens on), the token
        response = client.get(reverse("teams:exchange-list"))
    # Then kept until the records change: the two counts and the filters (their choices: teams, areas, cities).
    with django_assert_num_queries(12):
        kept = client.get(reverse("teams:exchange-list"))
    assert kept.context["page"].paginator.count == response.context["page"].paginator.count

    assert len(response.context["exchanges"]) == min(rows, settings.PAGE_SIZE)


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_exchange_detail_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    exchange = ExchangeFactory(team=economy, created_by=demo_user("lead-economy-beijing"))
    exchange.people.set(Person.objects.all()[:rows])
    for n in range(rows):
        exchange.title = f"Version {n}"
        exchange.save()
    client.force_login(demo_user("lead-economy-seoul"))

    warm_content_types()  # the versions of the exchange's texts: one query more
    with django_assert_num_queries(22):  # with who logged it (apart), and the steps of its approval
        response = client.get(reverse("teams:exchange-detail", args=[exchange.pk]))

    assert len(response.context["history"]) == rows + 1


def test_focus_area_of_another_team_is_refused_by_the_model(economy, culture):
    exchange = ExchangeFactory.build(team=economy, focus_area=FocusArea.objects.filter(team=culture).first())
    with pytest.raises(Exception) as error:
        exchange.full_clean()
    assert error.value.message_dict["focus_area"] == ["Choose a focus area of this exchange's team."]


def test_an_exchange_counts_only_toward_its_teams_goals_in_its_cycle(client, demo_user, economy, culture):
    from teams.models import Goal
    from teams.selectors.plans import current_cycle

    # The demo's plans are laid out around today: this cycle's and the one before.
    cycle = current_cycle(council=economy.council)
    goals = Goal.objects.filter(plan__team=economy).exclude(metric="manual")
    current_goal = goals.filter(plan__cycle=cycle).first()
    earlier_goal = goals.filter(plan__cycle__lt=cycle).order_by("-plan__cycle").first()
    client.force_login(demo_user("secretariat-seoul"))
    before = Exchange.objects.count()

    # A goal of an earlier cycle is not even offered (tests/teams/test_exchange_form.py).
    refused = client.post(reverse("teams:exchange-create"), form_data(economy, goals=[earlier_goal.pk]))
    assert refused.context["form"].errors == {
        "goals": [f"Select a valid choice. {earlier_goal.pk} is not one of the available choices."]
    }
    assert Exchange.objects.count() == before

    today = timezone.localdate()  # inside the current cycle, whatever the day
    during = {"starts_on": today.isoformat(), "ends_on": today.isoformat(), "confirm_holidays": "on"}
    response = client.post(reverse("teams:exchange-create"), form_data(economy, goals=[current_goal.pk], **during))
    assert response.status_code == 302, response.context["form"].errors
    assert list(Exchange.objects.get(title="Seoul–Beijing fintech day").goals.all()) == [current_goal]


def test_only_those_who_may_edit_see_the_attach_form(client, demo_user, economy_exchange):
    add = reverse("teams:exchange-attachment-add", args=[economy_exchange.pk])
    client.force_login(demo_user("mayor-office-seoul"))
    assert add not in client.get(economy_exchange.get_absolute_url()).content.decode()
    client.force_login(demo_user("lead-economy-seoul"))
    assert add in client.get(economy_exchange.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("language", "shown"), [("zh-hans", "首尔：1,200 · 北京：35"), ("en", "Seoul: 1,200 · Beijing: 35")]
)
def test_the_participants_per_city_read_as_the_readers_language_writes_them(
    client, demo_user, economy, language, shown
):
    """Chinese sets a figure off its label with a full-width colon; every language groups a figure's digits."""
    exchange = ExchangeFactory(team=economy)
    for code, count in (("SEL", 1200), ("BJS", 35)):
        ExchangeParticipation.objects.create(exchange=exchange, city=City.objects.get(code=code), participants=count)
    user = demo_user("lead-economy-seoul")
    user.person.preferred_language = language
    user.person.save()
    client.force_login(user)

    page = " ".join(client.get(exchange.get_absolute_url()).content.decode().split())

    assert shown in page
