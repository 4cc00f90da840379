"""Import of exchanges from a spreadsheet: preview, row-by-row report, all or nothing, rights, file checks."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reminders.models import Delivery
from reminders.planning import ensure_rules
from teams.models import Exchange, ExchangeParticipation
from tests.factories import ExchangeFactory
from tests.fixtures.transfer import HEADINGS_EN, TRANSFER_MARK, csv_bytes, import_row, xlsx_bytes

IMPORT_URL = reverse("teams:exchange-import")
CONFIRM_URL = reverse("teams:exchange-import-confirm")
pytestmark = pytest.mark.usefixtures("import_media")


def upload(client, name: str, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def confirm(client, preview):
    return client.post(CONFIRM_URL, {"upload": preview.context["pending"].id})


def problems(response) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.column, e.heading, e.message) for e in response.context["report"].errors]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def imported(title_part: str = f"{TRANSFER_MARK} imported"):
    return Exchange.objects.filter(title__startswith=title_part)


def kept_files(media_root) -> list:
    folder = media_root / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def zip_of_text() -> bytes:
    """A zip archive, as an .xlsx is, but with no workbook inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return buffer.getvalue()


def fifty_rows(**bad_row_changes) -> list[dict]:
    rows = [import_row(n) for n in range(1, 51)]
    if bad_row_changes:
        rows[26] = import_row(27, **bad_row_changes)  # spreadsheet row 28: the heading row is 1
    return rows


def test_one_bad_row_among_fifty_writes_nothing_and_names_the_row(client, demo_user, import_media):
    client.force_login(demo_user("lead-economy-seoul"))
    before = (Exchange.objects.count(), ExchangeParticipation.objects.count())

    response = upload(client, "exchanges.csv", csv_bytes(fifty_rows(Kind="Banquet")))

    assert response.status_code == 200
    assert problems(response) == [
        (
            28,
            "E",
            "Kind",
            "“Banquet” is not one of: Delegation visit, Forum or conference, Business event, "
            "Agreement signed, Joint project, Performance or exhibition, Student or teacher exchange, Other.",
        )
    ]
    assert response.context["report"].bad_rows == [28]
    assert "Confirm import" not in response.content.decode()
    assert (Exchange.objects.count(), ExchangeParticipation.objects.count()) == before
    assert kept_files(import_media) == []  # a file with errors is not kept
    assert client.post(CONFIRM_URL, {"upload": "anything"}).status_code == 302
    assert (Exchange.objects.count(), ExchangeParticipation.objects.count()) == before


@pytest.mark.parametrize(("name", "make"), [("exchanges.csv", csv_bytes), ("exchanges.xlsx", xlsx_bytes)])
def test_the_fixed_file_imports_all_fifty(client, demo_user, economy, import_media, name, make):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)
    before = (Exchange.objects.count(), ExchangeParticipation.objects.count())

    preview = upload(client, name, make(fifty_rows()))
    assert preview.context["report"].errors == []
    assert "Confirm import" in preview.content.decode()
    assert Exchange.objects.count() == before[0]  # the preview writes nothing
    response = confirm(client, preview)

    assert (response.status_code, response.url) == (302, reverse("teams:exchange-list"))
    assert messages_of(response) == ["50 exchanges imported."]
    assert (Exchange.objects.count(), ExchangeParticipation.objects.count()) == (before[0] + 50, before[1] + 100)
    twenty_seventh = imported().get(title=f"{TRANSFER_MARK} imported 27")
    assert (twenty_seventh.team, twenty_seventh.focus_area.name_en, twenty_seventh.kind) == (
        economy,
        "Investments",
        Exchange.Kind.BUSINESS_EVENT,
    )
    assert (twenty_seventh.created_by, twenty_seventh.status, str(twenty_seventh.starts_on)) == (
        lead,
        Exchange.Status.COMPLETED,
        "2024-05-28",
    )
    assert {(p.city.code, p.participants) for p in twenty_seventh.participations.all()} == {("SEL", 27), ("BJS", 28)}
    assert [(h.history_type, h.history_user) for h in twenty_seventh.history.all()] == [("+", lead)]
    assert kept_files(import_media) == []  # the file is gone once imported
    assert confirm(client, preview).status_code == 302  # a second confirmation imports nothing more
    assert Exchange.objects.count() == before[0] + 50


def test_a_lead_importing_a_row_of_another_team_is_refused_for_that_row(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    rows = [import_row(1), import_row(2, Team="Culture team", **{"Focus area": "Tourism"}), import_row(3)]

    response = upload(client, "exchanges.csv", csv_bytes(rows))

    assert problems(response) == [(3, "C", "Team", "You may not import exchanges of the Culture team.")]
    assert response.context["pending"] is None
    assert not imported().exists()


def test_the_secretariat_imports_for_any_team(client, demo_user, culture):
    client.force_login(demo_user("secretariat-beijing"))
    rows = [import_row(1), import_row(2, Team="culture", **{"Focus area": "Tourism", "Kind": "performance"})]

    response = confirm(client, upload(client, "exchanges.csv", csv_bytes(rows)))

    assert messages_of(response) == ["2 exchanges imported."]
    assert imported().get(title__endswith="imported 2").team == culture


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
def test_an_export_in_any_language_imports_back_as_the_same_exchanges(
    client, demo_user, transfer_exchanges, file_format, language
):
    exporter = demo_user("secretariat-beijing")
    exporter.person.preferred_language = language
    exporter.person.save()
    client.force_login(exporter)
    export = client.get(reverse(f"teams:exchange-export-{file_format}"), {"q": TRANSFER_MARK})
    content = b"".join(export.streaming_content) if export.streaming else export.content
    client.force_login(demo_user("secretariat-seoul"))  # reads English
    originals = [transfer_exchanges[key] for key in ("online", "exhibition", "forum")]

    response = confirm(client, upload(client, f"export.{file_format}", content))

    assert messages_of(response) == ["3 exchanges imported."]
    for original in originals:
        copy = Exchange.objects.exclude(pk=original.pk).get(title=original.title)
        assert _comparable(copy) == _comparable(original)


def _comparable(exchange: Exchange) -> dict:
    fields = [
        "title",
        "language",
        "team_id",
        "focus_area_id",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "host_city_id",
        "visiting_city_id",
        "joint_online",
        "partner_organisations",
        "description",
        "outcomes",
        "agreements_signed",
        "investment_amount",
        "investment_currency",
        "participants_reached",
    ]
    values = {name: getattr(exchange, name) for name in fields}
    values["participants"] = {(p.city_id, p.participants) for p in exchange.participations.all()}
    return values


def test_formulas_neutralised_by_the_export_come_back_as_they_were(client, demo_user, economy):
    original = ExchangeFactory(
        team=economy, title="=HYPERLINK(1)", description="'@quoted already", outcomes="''-two quotes"
    )
    client.force_login(demo_user("lead-economy-seoul"))
    export = client.get(reverse("teams:exchange-export-xlsx"), {"q": "HYPERLINK(1)"})
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert (sheet["B2"].value, sheet["P2"].value, sheet["Q2"].value) == (
        "'=HYPERLINK(1)",
        "''@quoted already",
        "'''-two quotes",
    )

    confirm(client, upload(client, "export.xlsx", export.content))

    copy = Exchange.objects.exclude(pk=original.pk).get(title="=HYPERLINK(1)")
    assert (copy.description, copy.outcomes) == ("'@quoted already", "''-two quotes")


def test_names_and_codes_in_any_language_are_understood(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    # keys, a Korean heading, a Chinese one, English in capitals
    headings = ["title", "팀", "重点领域", "kind", "STATUS", "starts_on", "host_city", "participants_BJS"]
    row = {
        "title": f"{TRANSFER_MARK} imported in three languages",
        "팀": "经济组",
        "重点领域": "물류",
        "kind": "delegation_visit",
        "STATUS": "planned",
        "starts_on": "2026年3月9日",
        "host_city": "bjs",
        "participants_BJS": "7",
    }

    response = confirm(client, upload(client, "exchanges.csv", csv_bytes([row], headings=headings)))

    assert messages_of(response) == ["1 exchange imported."]
    exchange = imported().get()
    assert (exchange.team, exchange.focus_area.name_en, exchange.kind, exchange.status) == (
        economy,
        "Logistics",
        "delegation_visit",
        "planned",
    )
    assert (str(exchange.starts_on), exchange.host_city.code, exchange.language) == ("2026-03-09", "BJS", "en")
    assert [(p.city.code, p.participants) for p in exchange.participations.all()] == [("BJS", 7)]


BAD_CELLS = [
    ({"Title": ""}, "A", "Title", "This cell is required."),
    ({"Team": "Sports team"}, "C", "Team", "This council has no team “Sports team”."),
    (
        {"Focus area": "Tourism"},
        "D",
        "Focus area",
        "“Tourism” is a focus area of the Culture team, not of the Economy team.",
    ),
    ({"Focus area": "Space"}, "D", "Focus area", "The Economy team has no focus area “Space”."),
    ({"Status": "Cancelled"}, "F", "Status", "A new exchange starts as proposed, planned, in progress or completed."),
    (
        {"Status": "Someday"},
        "F",
        "Status",
        "“Someday” is not one of: Draft, Proposed, Planned, In progress, Completed, Cancelled.",
    ),
    ({"Start date": "21/04/2024"}, "G", "Start date", "Enter a date as YYYY-MM-DD, e.g. 2025-04-21."),
    ({"Start date": "2024-02-30"}, "G", "Start date", "Enter a date as YYYY-MM-DD, e.g. 2025-04-21."),
    ({"End date": "2024-05-01"}, "H", "End date", "The end date cannot be before the start date."),
    ({"Host city": "Tokyo"}, "I", "Host city", "“Tokyo” is not a member city of this council."),
    ({"Host city": ""}, "I", "Host city", "Name the host city, or mark the exchange as a joint online event."),
    ({"Visiting city": "Seoul"}, "J", "Visiting city", "The visiting city must differ from the host city."),
    ({"Joint online event": "maybe"}, "K", "Joint online event", "Enter yes or no."),
    ({"Participants from Seoul": "-3"}, "L", "Participants from Seoul", "The number cannot be negative."),
    ({"Participants from Beijing": "many"}, "M", "Participants from Beijing", "Enter a whole number, e.g. 12."),
    ({"Outcomes": ""}, "P", "Outcomes", "A completed exchange needs its outcomes."),
    ({"Agreements signed": "1.5"}, "Q", "Agreements signed", "Enter a whole number, e.g. 12."),
    ({"Investment committed": "lots"}, "R", "Investment committed", "Enter an amount, e.g. 1500000.50."),
    ({"Investment committed": "-5"}, "R", "Investment committed", "The number cannot be negative."),
    (
        {"Investment committed": "1.005"},
        "R",
        "Investment committed",
        "Ensure that there are no more than 2 decimal places.",
    ),
    ({"Currency": "dollars"}, "S", "Currency", "Use a three-letter ISO currency code, e.g. USD."),
    ({"Currency": ""}, "S", "Currency", "Give the currency of the investment."),
    ({"Participants reached": "NaN"}, "T", "Participants reached", "Enter a whole number, e.g. 12."),
]


@pytest.mark.parametrize(("changes", "column", "heading", "message"), BAD_CELLS, ids=[str(c[0]) for c in BAD_CELLS])
def test_each_kind_of_bad_cell_is_reported_in_its_column(client, demo_user, changes, column, heading, message):
    client.force_login(demo_user("lead-economy-seoul"))
    rows = [import_row(1), import_row(2, **changes)]

    response = upload(client, "exchanges.csv", csv_bytes(rows))

    assert problems(response) == [(3, column, heading, message)]
    assert not imported().exists()


def test_a_csv_file_saved_with_semicolons_is_read(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    content = csv_bytes([import_row(1, Description="Fair; two days")], delimiter=";")

    response = confirm(client, upload(client, "exchanges.csv", content))

    assert messages_of(response) == ["1 exchange imported."]
    assert imported().get().description == "Fair; two days"


def test_every_problem_of_every_row_is_reported(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    rows = [
        import_row(1, Kind="", Status="draft", Outcomes=""),
        import_row(2),
        import_row(3, Team="Culture team", **{"Start date": "soon", "Currency": "US"}),
    ]

    response = upload(client, "exchanges.csv", csv_bytes(rows))

    assert problems(response) == [
        (2, "E", "Kind", "This cell is required."),
        (2, "F", "Status", "A new exchange starts as proposed, planned, in progress or completed."),
        (4, "C", "Team", "You may not import exchanges of the Culture team."),
        (4, "D", "Focus area", "“Investments” is a focus area of the Economy team, not of the Culture team."),
        (4, "G", "Start date", "Enter a date as YYYY-MM-DD, e.g. 2025-04-21."),
        (4, "S", "Currency", "Use a three-letter ISO currency code, e.g. USD."),
    ]
    assert response.context["report"].bad_rows == [2, 4]


def test_problems_with_the_heading_row_are_reported(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    headings = [h for h in HEADINGS_EN if h != "Kind"] + ["Budget", "Title"]

    response = upload(client, "exchanges.csv", csv_bytes([import_row(1)], headings=headings))

    assert problems(response) == [
        (1, "T", "Budget", "This column is not known."),
        (1, "U", "Title", "This column appears twice."),
        (1, "", "Kind", "This column is missing."),
    ]


def test_a_file_without_rows_is_refused(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))

    response = upload(client, "exchanges.xlsx", xlsx_bytes([]))

    assert problems(response) == [(1, "", "", "The file has no exchanges to import.")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "exchanges.xlsx",
            b"Title,Team\nForum,Economy team\n",
            "This file is not an Excel workbook (.xlsx). In Excel, save it as “Excel Workbook”.",
        ),
        (
            "exchanges.xlsx",
            zip_of_text(),
            "This file is not an Excel workbook (.xlsx). In Excel, save it as “Excel Workbook”.",
        ),
        (
            "exchanges.csv",
            "Title,Team\nForum,경제팀\n".encode("euc-kr"),
            "This CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.",
        ),
        ("exchanges.csv", b"Title\x00\x01\x02", "This file is not a CSV text file."),
        (
            "exchanges.xls",
            b"\xd0\xcf\x11\xe0",
            "Upload an Excel workbook (.xlsx) or a CSV file (.csv); save an older .xls file as .xlsx.",
        ),
        ("exchanges.csv", b"", "The submitted file is empty."),
    ],
    ids=["text-named-xlsx", "zip-named-xlsx", "euc-kr-csv", "binary-csv", "xls", "empty"],
)
def test_an_upload_that_is_not_what_it_claims_is_refused(client, demo_user, name, content, message):
    client.force_login(demo_user("lead-economy-seoul"))

    response = upload(client, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert response.context["report"] is None
    assert not imported().exists()


def test_a_csv_renamed_from_a_real_workbook_is_refused(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))

    response = upload(client, "exchanges.csv", xlsx_bytes([import_row(1)]))

    assert response.context["form"].errors == {
        "file": ["This CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."]
    }


def with_sheet_xml(workbook: bytes, change) -> bytes:
    """The workbook with its sheet's XML passed through `change`: how a hostile file is made."""
    original = zipfile.ZipFile(io.BytesIO(workbook))
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            part = original.read(name)
            archive.writestr(name, change(part.decode()) if name == "xl/worksheets/sheet1.xml" else part)
    return crafted.getvalue()


def declaring_a_huge_sheet_with_a_cell_at_xfd(sheet: str) -> str:
    sheet = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', sheet)
    far_cell = '<c r="XFD3" t="inlineStr"><is><t>note</t></is></c>'
    return re.sub(r'(<row r="3".*?)(</row>)', lambda match: match[1] + far_cell + match[2], sheet)


def test_a_workbook_declaring_a_huge_sheet_with_a_far_cell_is_refused_and_imports_nothing(
    client, demo_user, import_media
):
    client.force_login(demo_user("lead-economy-seoul"))
    before = (Exchange.objects.count(), ExchangeParticipation.objects.count())
    hostile = with_sheet_xml(xlsx_bytes([import_row(1), import_row(2)]), declaring_a_huge_sheet_with_a_cell_at_xfd)

    response = upload(client, "exchanges.xlsx", hostile)

    assert response.status_code == 200
    message = "Row 3 has cells beyond column BL; an import file has at most 64 columns."
    assert response.context["form"].errors == {"file": [message]}
    assert message in response.content.decode()
    assert (response.context["report"], response.context["pending"]) == (None, None)
    assert (Exchange.objects.count(), ExchangeParticipation.objects.count()) == before
    assert kept_files(import_media) == []


@pytest.mark.parametrize(("name", "make"), [("exchanges.csv", csv_bytes), ("exchanges.xlsx", xlsx_bytes)])
def test_a_file_of_more_rows_than_the_limit_is_refused_and_imports_nothing(client, demo_user, import_media, name, make):
    client.force_login(demo_user("secretariat-seoul"))
    before = Exchange.objects.count()

    response = upload(client, name, make([import_row(n) for n in range(1, 2002)]))

    assert response.context["form"].errors == {"file": ["The file has more than 2000 rows; split it."]}
    assert "The file has more than 2000 rows; split it." in response.content.decode()
    assert (response.context["report"], response.context["pending"]) == (None, None)
    assert Exchange.objects.count() == before
    assert kept_files(import_media) == []


def test_a_file_over_five_megabytes_is_refused(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    big = csv_bytes([import_row(1, Description="x" * 100_000) for _ in range(53)])
    assert len(big) > 5 * 1024 * 1024

    response = upload(client, "exchanges.csv", big)

    assert response.context["form"].errors == {"file": ["The file is 5.1\xa0MB; the limit is 5.0\xa0MB."]}
    assert not imported().exists()


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "admin"])
def test_members_mayors_offices_and_administrators_may_not_import(client, demo_user, import_media, username):
    client.force_login(demo_user(username))
    before = Exchange.objects.count()

    responses = [
        client.get(IMPORT_URL),
        upload(client, "exchanges.csv", csv_bytes([import_row(1)])),
        client.post(CONFIRM_URL, {"upload": "0" * 32}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert Exchange.objects.count() == before
    assert kept_files(import_media) == []


def test_confirming_without_a_checked_file_says_so(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    before = Exchange.objects.count()

    response = client.post(CONFIRM_URL, {"upload": "../../config/settings"})

    assert (response.status_code, response.url) == (302, IMPORT_URL)
    assert messages_of(response) == ["There is no checked file waiting to be imported. Upload it again."]
    assert Exchange.objects.count() == before


def test_confirming_an_older_preview_after_a_newer_upload_imports_nothing(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    first = upload(client, "first.csv", csv_bytes([import_row(1)]))
    upload(client, "second.csv", csv_bytes([import_row(2)]))

    response = confirm(client, first)

    assert messages_of(response) == ["There is no checked file waiting to be imported. Upload it again."]
    assert not imported().exists()


def test_confirmation_checks_the_file_again(client, demo_user, economy):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)
    preview = upload(client, "exchanges.csv", csv_bytes([import_row(1)]))
    lead.person.roles.filter(team=economy).delete()  # no longer the economy team's lead
    lead.person.roles.create(kind="team_lead", team=lead.person.council.teams.get(code="culture"))

    response = confirm(client, preview)

    assert response.status_code == 200
    assert problems(response) == [(2, "C", "Team", "You may not import exchanges of the Economy team.")]
    assert not imported().exists()


def test_a_thousand_rows_import(client, demo_user):
    client.force_login(demo_user("secretariat-seoul"))
    before = (Exchange.objects.count(), ExchangeParticipation.objects.count())
    rows = [import_row(n) for n in range(1, 1001)]

    response = confirm(client, upload(client, "exchanges.xlsx", xlsx_bytes(rows)))

    assert messages_of(response) == ["1000 exchanges imported."]
    assert (Exchange.objects.count(), ExchangeParticipation.objects.count()) == (before[0] + 1000, before[1] + 2000)
    assert Exchange.history.filter(title__startswith=f"{TRANSFER_MARK} imported").count() == 1000


def test_imported_exchanges_have_their_reminders_planned_at_once(
    client, demo_user, economy, django_capture_on_commit_callbacks
):
    """An import inserts in bulk (no post_save); its exchanges are planned on commit all the same."""
    ensure_rules(economy.council)
    client.force_login(demo_user("lead-economy-seoul"))
    starts = timezone.localdate() + dt.timedelta(days=30)
    row = import_row(
        1,
        Status="Planned",
        **{"Start date": starts.isoformat(), "End date": starts.isoformat(), "Outcomes": "", "Agreements signed": ""},
        **{"Investment committed": "", "Currency": "", "Participants reached": ""},
    )
    preview = upload(client, "exchanges.csv", csv_bytes([row]))

    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, preview)

    exchange = imported().get()
    deliveries = Delivery.objects.filter(target_type=ContentType.objects.get_for_model(Exchange), target_id=exchange.pk)
    assert {delivery.rule.kind for delivery in deliveries} == {"exchange_starting"}
    leads = {"Lee Min-jun", "Zhang Wei"}  # the economy team's leads, by e-mail and in the app
    assert {delivery.recipient.name_romanised for delivery in deliveries} == leads
    assert {timezone.localtime(delivery.due_at, delivery.recipient.zone).date() for delivery in deliveries} == {
        starts - dt.timedelta(days=7)
    }
