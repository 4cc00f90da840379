"""Logging, replying, reading threads, editing and attaching files through the correspondence pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from council.models import City, Person
from secretariat.models import ActionItem, Correspondence, CorrespondenceAttachment, ReferenceCounter
from tests.factories import ExchangeFactory, PersonFactory
from tests.fixtures.correspondence import SEOUL, log_letter, seoul_time

CREATE_URL = reverse("secretariat:correspondence-create")


def form_data(**overrides) -> dict:
    seoul, beijing = City.objects.get(code="SEL"), City.objects.get(code="BJS")
    data = {
        "from_city": seoul.pk,
        "to_city": beijing.pk,
        "sent_on": "2012-12-31",
        "sent_time": "23:30",
        "channel": "letter",
        "subject": "Preparatory talks on an integration council",
        "summary": "Seoul proposes a memorandum of understanding.",
        "people": [
            Person.objects.get(name_romanised="Kim Ji-young").pk,
            Person.objects.get(name_romanised="Wang Fang").pk,
        ],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def detail_url(letter: Correspondence) -> str:
    return reverse("secretariat:correspondence-detail", args=[letter.pk])


def test_secretariat_logs_a_letter_and_gets_its_reference(client, demo_user):
    client.force_login(demo_user("secretariat-beijing"))

    response = client.post(CREATE_URL, form_data(file=SimpleUploadedFile("mou-draft.pdf", b"%PDF-1.7 draft")))

    letter = Correspondence.objects.get(subject="Preparatory talks on an integration council")
    assert response.url == detail_url(letter)
    # 23:30 on 31 December in Seoul, the sending city: a letter of 2012, although UTC says 14:30.
    assert letter.sent_at == dt.datetime(2012, 12, 31, 14, 30, tzinfo=dt.UTC)
    assert (letter.reference, letter.year, letter.number) == ("SEL-BJS-2012-001", 2012, 1)
    assert letter.created_by.username == "secretariat-beijing"
    assert sorted(p.name_romanised for p in letter.people.all()) == ["Kim Ji-young", "Wang Fang"]
    assert [(a.original_name, a.content_type) for a in letter.attachments.all()] == [
        ("mou-draft.pdf", "application/pdf")
    ]
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Logged with the reference SEL-BJS-2012-001."]
    content = page.content.decode()
    assert "31 Dec 2012, 23:30" in content and "31 Dec 2012, 22:30" in content  # Seoul, Beijing
    assert [side["city"].code for side in page.context["sides"]] == ["SEL", "BJS"]


def test_the_new_letter_form_starts_from_the_writers_city(client, demo_user):
    client.force_login(demo_user("secretariat-beijing"))

    form = client.get(CREATE_URL).context["form"]

    assert (form["from_city"].value(), form["to_city"].value()) == (
        City.objects.get(code="BJS").pk,
        City.objects.get(code="SEL").pk,
    )
    assert [group for group, _choices in form.fields["people"].choices] == ["Seoul", "Beijing"]


def test_a_reply_goes_the_other_way_and_answers_the_letter(client, demo_user, economy_letter):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:correspondence-reply", args=[economy_letter.pk])

    form = client.get(url).context["form"]
    assert (form["from_city"].value(), form["to_city"].value()) == (
        economy_letter.to_city_id,
        economy_letter.from_city_id,
    )
    assert (form["subject"].value(), form["team"].value()) == (f"Re: {economy_letter.subject}", economy_letter.team_id)

    data = form_data(
        from_city=economy_letter.to_city_id, to_city=economy_letter.from_city_id, sent_on="2026-03-05",
        sent_time="16:00", subject=form["subject"].value(), team=economy_letter.team_id,
    )  # fmt: skip
    response = client.post(url, data)

    reply = Correspondence.objects.get(in_reply_to=economy_letter)
    assert response.url == detail_url(reply)
    assert reply.reference.startswith("BJS-SEL-2026-")
    assert reply.sent_at == dt.datetime(2026, 3, 5, 8, 0, tzinfo=dt.UTC)  # 16:00 in Beijing
    second = client.get(reverse("secretariat:correspondence-reply", args=[reply.pk])).context["form"]
    assert second["subject"].value() == f"Re: {economy_letter.subject}"  # not "Re: Re: …"


def test_a_reply_cannot_be_dated_before_what_it_answers(client, demo_user, economy_letter):
    client.force_login(demo_user("secretariat-seoul"))
    count = Correspondence.objects.count()

    response = client.post(
        reverse("secretariat:correspondence-reply", args=[economy_letter.pk]),
        form_data(from_city=economy_letter.to_city_id, to_city=economy_letter.from_city_id, sent_on="2026-03-01"),
    )

    assert response.context["form"].errors == {
        "sent_on": ["A reply cannot be sent before what it answers (2 Mar 2026, 10:00 in Seoul)."]
    }
    assert Correspondence.objects.count() == count


def thread_of(client, letter) -> list[tuple[str, int, bool]]:
    return [(e.letter.subject, e.depth, e.is_current) for e in client.get(detail_url(letter)).context["thread"]]


def test_the_thread_shows_in_order_with_the_current_one_marked(client, demo_user, economy, culture):
    council = economy.council
    root = log_letter(council, subject="Root", sent_at=seoul_time(2026, 4, 1, 9, 0), team=economy)
    answer = log_letter(
        council, sender="BJS", receiver="SEL", subject="Answer", sent_at=seoul_time(2026, 4, 3, 9, 0),
        in_reply_to=root, team=economy,
    )  # fmt: skip
    log_letter(council, subject="Answer to the answer", sent_at=seoul_time(2026, 4, 8, 9, 0), in_reply_to=answer)
    log_letter(
        council, sender="BJS", receiver="SEL", subject="Second answer", sent_at=seoul_time(2026, 4, 5, 9, 0),
        in_reply_to=root, team=culture,
    )  # fmt: skip
    log_letter(council, subject="Unrelated", sent_at=seoul_time(2026, 4, 4, 9, 0))

    client.force_login(demo_user("mayor-office-seoul"))
    assert thread_of(client, answer) == [
        ("Root", 0, False),
        ("Answer", 1, True),
        ("Second answer", 1, False),
        ("Answer to the answer", 2, False),
    ]
    # The economy lead reads the economy team's letters of the thread, no other.
    client.force_login(demo_user("lead-economy-seoul"))
    assert thread_of(client, root) == [("Root", 0, True), ("Answer", 1, False)]


def test_editing_through_the_page_keeps_the_reference(client, demo_user, economy_letter):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:correspondence-edit", args=[economy_letter.pk])
    assert client.get(url).context["form"]["sent_time"].value().strftime("%H:%M") == "10:00"  # in Seoul
    # Next New Year's Day in Seoul: no letter has taken a number of that year, and it is within the
    # year ahead that the form accepts.
    year = timezone.localdate(timezone=SEOUL).year + 1

    data = form_data(sent_on=f"{year}-01-01", sent_time="09:00", subject="Moved", reference=f"SEL-BJS-{year}-999")
    response = client.post(url, {**data, "year": str(year), "number": "999"})

    assert response.url == detail_url(economy_letter)
    before = economy_letter.reference
    economy_letter.refresh_from_db()
    assert (economy_letter.reference, economy_letter.subject) == (before, "Moved")
    assert economy_letter.sent_at == dt.datetime(year, 1, 1, 0, 0, tzinfo=dt.UTC)
    assert not ReferenceCounter.objects.filter(council=economy_letter.council, year=year).exists()
    history = client.get(detail_url(economy_letter)).context["history"]
    assert [(c.label, c.new) for c in history[0].changes if c.label == "subject"] == [("subject", "Moved")]


@pytest.mark.parametrize(
    ("username", "method", "name"),
    [
        ("mayor-office-beijing", "post", "secretariat:correspondence-edit"),
        ("lead-economy-seoul", "post", "secretariat:correspondence-edit"),
        ("lead-economy-seoul", "post", "secretariat:correspondence-reply"),
        ("member-economy-seoul", "post", "secretariat:correspondence-reply"),
        ("admin", "post", "secretariat:correspondence-edit"),
    ],
)
def test_only_the_secretariat_writes_and_a_refusal_changes_nothing(
    client, demo_user, economy_letter, username, method, name
):
    client.force_login(demo_user(username))
    count = Correspondence.objects.count()

    response = getattr(client, method)(reverse(name, args=[economy_letter.pk]), form_data(subject="Hijacked"))

    assert response.status_code == 403
    economy_letter.refresh_from_db()
    assert economy_letter.subject == "Investment forum: the Beijing delegation"
    assert Correspondence.objects.count() == count


@pytest.mark.parametrize("username", ["mayor-office-beijing", "lead-economy-seoul", "member-economy-seoul", "admin"])
def test_only_the_secretariat_logs_a_letter(client, demo_user, username):
    client.force_login(demo_user(username))
    count = Correspondence.objects.count()

    assert client.post(CREATE_URL, form_data()).status_code == 403
    assert Correspondence.objects.count() == count


@pytest.mark.parametrize("username", ["lead-culture-seoul", "member-economy-seoul", "admin"])
def test_a_letter_of_another_team_is_refused_though_it_exists(client, demo_user, economy_letter, username):
    client.force_login(demo_user(username))

    response = client.get(detail_url(economy_letter))

    assert response.status_code == 403
    assert economy_letter.subject not in response.content.decode()


def test_another_councils_letter_is_not_found(client, demo_user, foreign_letter):
    client.force_login(demo_user("secretariat-seoul"))
    assert client.get(detail_url(foreign_letter)).status_code == 404
    assert (
        client.post(reverse("secretariat:correspondence-edit", args=[foreign_letter.pk]), form_data()).status_code
        == 404
    )
    foreign_letter.refresh_from_db()
    assert foreign_letter.subject == "Not yours"


def _foreign_ids() -> dict:
    foreign = PersonFactory()
    exchange = ExchangeFactory()
    return {"city": foreign.city.pk, "person": foreign.pk, "exchange": exchange.pk, "team": exchange.team.pk}


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"to_city": "SEL"}, {"to_city"}),
        ({"from_city": "foreign:city"}, {"from_city"}),
        ({"people": ["foreign:person"]}, {"people"}),
        ({"team": "foreign:team"}, {"team"}),
        ({"exchange": "foreign:exchange"}, {"exchange"}),
        ({"team": "abc", "channel": "pigeon"}, {"team", "channel"}),
        ({"sent_on": "2026-13-45", "sent_time": "25:99"}, {"sent_on", "sent_time"}),
        ({"sent_on": "1850-01-01"}, {"sent_on"}),
        ({"sent_on": "9999-12-31"}, {"sent_on"}),
        (
            {"sent_on": None, "sent_time": None, "subject": None, "channel": None},
            {"sent_on", "sent_time", "subject", "channel"},
        ),
        ({"subject": "x" * 301}, {"subject"}),
        ({"summary": "y" * 20_001}, {"summary"}),
        ({"subject": "nul\x00byte"}, {"subject"}),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, demo_user, overrides, errors):
    foreign = _foreign_ids()
    seoul = City.objects.get(code="SEL").pk
    values = {"SEL": seoul, **{f"foreign:{key}": value for key, value in foreign.items()}}
    overrides = {
        key: [values.get(v, v) for v in value] if isinstance(value, list) else values.get(value, value)
        for key, value in overrides.items()
    }
    client.force_login(demo_user("secretariat-seoul"))
    count, counters = Correspondence.objects.count(), list(ReferenceCounter.objects.values_list("year", "last_number"))

    response = client.post(CREATE_URL, form_data(**overrides))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == errors
    assert Correspondence.objects.count() == count
    assert list(ReferenceCounter.objects.values_list("year", "last_number")) == counters


def test_an_exchange_of_another_team_than_the_letters_is_refused(client, demo_user, economy, culture):
    exchange = ExchangeFactory(team=culture)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(CREATE_URL, form_data(team=economy.pk, exchange=exchange.pk))

    assert response.context["form"].errors == {
        "exchange": ["This exchange belongs to the Culture team, not the Economy team."]
    }


def test_a_letter_about_an_exchange_concerns_its_team(client, demo_user, culture):
    exchange = ExchangeFactory(team=culture)
    client.force_login(demo_user("secretariat-seoul"))

    client.post(CREATE_URL, form_data(exchange=exchange.pk))

    letter = Correspondence.objects.get(exchange=exchange)
    assert letter.team == culture
    client.force_login(demo_user("lead-culture-beijing"))
    assert client.get(detail_url(letter)).status_code == 200


def test_attachments_are_checked_by_content_and_served_to_readers_only(client, demo_user, economy_letter):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:correspondence-attachment-add", args=[economy_letter.pk])

    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf")
    refused = client.post(url, {"file": fake}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == [
        "The file's content does not match its name (minutes.pdf)."
    ]
    executable = client.post(url, {"file": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")}, follow=True)
    assert str(list(executable.context["messages"])[0]).startswith("This type of file is not accepted.")
    assert CorrespondenceAttachment.objects.count() == 0

    client.post(url, {"file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.7 minutes")})
    attachment = CorrespondenceAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "minutes.pdf",
        "application/pdf",
        16,
    )
    assert attachment.file.name.startswith(f"correspondence/{economy_letter.pk}/")
    download_url = reverse("secretariat:correspondence-attachment", args=[attachment.pk])

    client.force_login(demo_user("lead-economy-beijing"))
    download = client.get(download_url)
    assert download["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert b"".join(download.streaming_content) == b"%PDF-1.7 minutes"
    client.force_login(demo_user("lead-culture-seoul"))
    assert client.get(download_url).status_code == 403


def test_a_file_gone_from_the_disk_is_not_found_rather_than_an_error(client, demo_user, economy_letter_attachment):
    economy_letter_attachment.file.delete(save=False)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("secretariat:correspondence-attachment", args=[economy_letter_attachment.pk]))

    assert response.status_code == 404


def test_a_letter_shows_its_action_items_and_offers_to_add_one(client, demo_user, economy_letter):
    ActionItem.objects.create(
        council=economy_letter.council, title="Book the forum venue", due_on=dt.date(2026, 4, 1),
        owner=Person.objects.get(name_romanised="Lee Min-jun"), correspondence=economy_letter,
    )  # fmt: skip
    add = f'href="{reverse("secretariat:action-create")}?correspondence={economy_letter.pk}"'

    client.force_login(demo_user("secretariat-beijing"))
    page = client.get(detail_url(economy_letter)).content.decode()
    assert "Book the forum venue" in page and add in page

    client.force_login(demo_user("mayor-office-seoul"))
    page = client.get(detail_url(economy_letter)).content.decode()
    assert "Book the forum venue" in page and add not in page


def test_the_navigation_offers_correspondence_to_its_readers(client, demo_user):
    link = f'href="{reverse("secretariat:correspondence-list")}"'
    for username, shown in [
        ("secretariat-seoul", True),
        ("mayor-office-beijing", True),
        ("lead-culture-seoul", True),
        ("member-economy-seoul", False),
        ("admin", False),
    ]:
        client.force_login(demo_user(username))
        assert (link in client.get(reverse("home")).content.decode()) is shown, username


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_detail_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    """A thread of `rows` communications, each with people and an attachment; the first one edited `rows` times."""
    people = list(Person.objects.filter(council=economy.council)[:4])
    thread = []
    for n in range(rows):
        thread.append(
            log_letter(
                economy.council, subject=f"Letter {n}", sent_at=seoul_time(2026, 1, 1 + n, 9, 0), team=economy,
                people=people, in_reply_to=thread[-1] if thread else None, by=demo_user("secretariat-seoul"),
            )
        )  # fmt: skip
        CorrespondenceAttachment.objects.create(
            correspondence=thread[-1], file=f"correspondence/{thread[-1].pk}/a.pdf", original_name="a.pdf",
            content_type="application/pdf", size=1,
        )  # fmt: skip
    first = thread[0]
    for n in range(rows):
        first.summary = f"Version {n}"
        first.save()
        ActionItem.objects.create(
            council=economy.council, title=f"Follow up {n}", owner=people[n % 4], due_on=dt.date(2026, 2, 1),
            correspondence=first,
        )  # fmt: skip
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; the letter with its cities, team, exchange and assembly; its author;
    # its people; its attachments; its action items; their owners; member cities; the
    # thread (one recursive query); history with its authors; the history's council, sending city,
    # receiving city, team and author (one query per kind of related row, whatever the number of versions);
    # the versions of the letter's texts, of its exchange's, of its action items' and of its thread's
    with django_assert_num_queries(22):
        response = client.get(detail_url(first))

    assert len(response.context["thread"]) == rows
    assert len(response.context["history"]) == rows + 1
