"""The agreements register through the browser's requests: pages, the signed document, refusals, bad input."""

import datetime as dt
import os

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from secretariat.models import Agreement, Commitment
from tests.factories import ExchangeFactory
from tests.fixtures.agreements import PDF, make_agreement
from translations.models import Version
from translations.reading import text_of

S = Agreement.Status
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = b"PK\x03\x04" + b"\x00" * 32


def signed_in(client, demo_user, username: str = "secretariat-beijing"):
    client.force_login(demo_user(username))
    return client


def agreement_data(**fields) -> dict:
    return {
        "language": "en",
        "title": "Agreement on air quality cooperation",
        "parties": "Seoul Metropolitan Government\nBeijing Municipal People's Government",
        "signed_on": "2016-05-10",
        "signed_place": "Seoul",
        "signatories": "Mayor of Seoul\nMayor of Beijing",
        "status": S.IN_FORCE,
        "review_on": "",
        "expires_on": "",
        **fields,
    }


def snapshot() -> tuple:
    """Everything the register holds, to show that a refusal changed nothing."""
    agreements = [
        (a.pk, repr(model_to_dict(a, exclude=["document"])), a.document.name, a.updated_at, a.history.count())
        for a in Agreement.objects.order_by("pk")
    ]
    commitments = [
        (c.pk, repr(model_to_dict(c)), c.updated_at, c.history.count())
        for c in Commitment.objects.prefetch_related("exchanges").order_by("pk")
    ]
    versions = list(Version.objects.order_by("pk").values_list("object_id", "field", "language", "text", "source_text"))
    return agreements, commitments, versions


def stored_files() -> set[str]:
    folder = os.path.join(settings.MEDIA_ROOT, "agreements")
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


# Recording an agreement with its signed document, and reading it back


def test_the_secretariat_records_an_agreement_with_its_signed_document(client, demo_user):
    signed_in(client, demo_user)
    upload = SimpleUploadedFile("air-quality-signed.pdf", PDF, content_type="application/pdf")

    response = client.post(reverse("secretariat:agreement-create"), {**agreement_data(), "document": upload})

    agreement = Agreement.objects.get(title="Agreement on air quality cooperation")
    assert response.status_code == 302
    assert response.url == agreement.get_absolute_url()
    assert (agreement.council.name_en, agreement.status, agreement.signed_on) == (
        "Seoul–Beijing Integration Council",
        S.IN_FORCE,
        dt.date(2016, 5, 10),
    )
    assert agreement.parties == "Seoul Metropolitan Government\nBeijing Municipal People's Government"
    assert agreement.document.name.startswith("agreements/")
    with default_storage.open(agreement.document.name, "rb") as stored:  # wherever the storage keeps it
        assert stored.read() == PDF
    assert agreement.history.count() == 1


def test_the_signed_document_is_downloaded_as_an_attachment_by_any_council_role(client, demo_user, council_agreement):
    for username in ("secretariat-seoul", "lead-culture-beijing", "member-economy-seoul", "mayor-office-seoul"):
        signed_in(client, demo_user, username)

        response = client.get(reverse("secretariat:agreement-document", args=[council_agreement.pk]))

        assert response.status_code == 200, username
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="signed')
        assert b"".join(response.streaming_content) == PDF


def test_the_detail_page_links_the_document_through_the_checked_view_never_the_media_folder(
    client, demo_user, council_agreement
):
    signed_in(client, demo_user, "mayor-office-beijing")

    html = client.get(council_agreement.get_absolute_url()).content.decode()

    assert f'href="{reverse("secretariat:agreement-document", args=[council_agreement.pk])}"' in html
    assert council_agreement.document.url not in html  # the storage's own address of the file


def test_no_document_or_a_vanished_file_is_not_found(client, demo_user, economy, council_agreement):
    signed_in(client, demo_user)
    without = make_agreement(economy.council, title="Unsigned yet", status=S.DRAFT, signed_on=None)
    default_storage.delete(council_agreement.document.name)

    assert client.get(reverse("secretariat:agreement-document", args=[without.pk])).status_code == 404
    assert client.get(reverse("secretariat:agreement-document", args=[council_agreement.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scan.png", PNG, "image/png"),
        ("agreement.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_scans_and_word_documents_are_accepted(client, demo_user, name, content, expected):
    signed_in(client, demo_user)

    client.post(
        reverse("secretariat:agreement-create"), {**agreement_data(), "document": SimpleUploadedFile(name, content)}
    )

    agreement = Agreement.objects.get(title="Agreement on air quality cooperation")
    response = client.get(reverse("secretariat:agreement-document", args=[agreement.pk]))
    assert response["Content-Type"] == expected


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("signed.pdf", b"MZ\x90\x00 not a pdf", "The file's content does not match its name (signed.pdf)."),
        ("signed.pdf", PNG, "The file's content does not match its name (signed.pdf)."),
        ("signed.exe", b"MZ\x90\x00", "This type of file is not accepted. Accepted: .pdf, .png, .jpg, .jpeg, .docx."),
        ("notes.txt", b"plain words", "This type of file is not accepted. Accepted: .pdf, .png, .jpg, .jpeg, .docx."),
    ],
)
def test_a_document_is_checked_by_its_content_and_a_bad_one_saves_nothing(client, demo_user, name, content, error):
    signed_in(client, demo_user)
    before, files = snapshot(), stored_files()

    response = client.post(
        reverse("secretariat:agreement-create"), {**agreement_data(), "document": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"document": [error]}
    assert (snapshot(), stored_files()) == (before, files)


def test_a_new_document_replaces_the_current_one_and_an_edit_without_one_keeps_it(client, demo_user, council_agreement):
    signed_in(client, demo_user)
    url = reverse("secretariat:agreement-edit", args=[council_agreement.pk])
    kept = Agreement.objects.get(pk=council_agreement.pk).document.name

    client.post(url, agreement_data(title="Renamed", signed_on="2020-05-01"))
    after_plain_edit = Agreement.objects.get(pk=council_agreement.pk)
    client.post(url, {**agreement_data(signed_on="2020-05-01"), "document": SimpleUploadedFile("v2.png", PNG)})
    after_new_file = Agreement.objects.get(pk=council_agreement.pk)

    assert (after_plain_edit.title, after_plain_edit.document.name) == ("Renamed", kept)
    assert after_new_file.document.name.startswith("agreements/v2")
    assert after_new_file.document.read() == PNG


# Editing: the workflow through the form


def test_the_edit_form_offers_only_the_current_status_and_the_next_steps(client, demo_user, council_agreement):
    signed_in(client, demo_user)

    form = client.get(reverse("secretariat:agreement-edit", args=[council_agreement.pk])).context["form"]

    assert [value for value, _label in form.fields["status"].choices] == [
        S.IN_FORCE,
        S.UNDER_REVIEW,
        S.EXPIRED,
        S.TERMINATED,
    ]


def test_an_allowed_step_is_saved_through_the_edit_form(client, demo_user, council_agreement):
    signed_in(client, demo_user)

    response = client.post(
        reverse("secretariat:agreement-edit", args=[council_agreement.pk]),
        agreement_data(signed_on="2020-05-01", status=S.UNDER_REVIEW, review_on="2025-01-15"),
    )

    fresh = Agreement.objects.get(pk=council_agreement.pk)
    assert response.status_code == 302
    assert (fresh.status, fresh.review_on, fresh.title) == (
        S.UNDER_REVIEW,
        dt.date(2025, 1, 15),
        "Agreement on air quality cooperation",
    )
    assert fresh.history.first().history_user == demo_user("secretariat-beijing")


def test_a_step_the_workflow_does_not_allow_is_an_error_on_the_form_and_nothing_changes(client, demo_user, economy):
    signed_in(client, demo_user)
    draft = make_agreement(economy.council, status=S.DRAFT, signed_on=None)
    before = snapshot()

    response = client.post(
        reverse("secretariat:agreement-edit", args=[draft.pk]), agreement_data(status=S.EXPIRED, signed_on="2020-01-01")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "status": ["Select a valid choice. expired is not one of the available choices."]
    }
    assert snapshot() == before


def test_the_services_date_rules_show_on_their_fields(client, demo_user, council_agreement):
    signed_in(client, demo_user)
    before = snapshot()

    response = client.post(
        reverse("secretariat:agreement-edit", args=[council_agreement.pk]),
        agreement_data(signed_on="2020-05-01", review_on="2019-01-01", expires_on="2018-01-01"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "review_on": ["The review cannot come before the signing (1 May 2020)."],
        "expires_on": ["The agreement cannot expire before it was signed (1 May 2020)."],
    }
    assert snapshot() == before


# Refusals


@pytest.mark.parametrize("username", ["lead-economy-seoul", "member-economy-seoul", "mayor-office-beijing", "admin"])
def test_only_the_secretariat_writes_others_are_refused_and_nothing_changes(
    client, demo_user, username, council_agreement, agreement_commitment, economy
):
    signed_in(client, demo_user, username)
    before, files = snapshot(), stored_files()
    exchange = ExchangeFactory(team=economy)
    commitment_data = {"clause": "Art. 9", "text": "A promise.", "owner_team": economy.pk, "order": 9}
    upload = SimpleUploadedFile("x.pdf", PDF)

    responses = [
        client.post(reverse("secretariat:agreement-create"), {**agreement_data(), "document": upload}),
        client.post(
            reverse("secretariat:agreement-edit", args=[council_agreement.pk]), agreement_data(status=S.TERMINATED)
        ),
        client.post(reverse("secretariat:commitment-create", args=[council_agreement.pk]), commitment_data),
        client.post(
            reverse("secretariat:commitment-edit", args=[agreement_commitment.pk]),
            {**commitment_data, "exchanges": [exchange.pk]},
        ),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert (snapshot(), stored_files()) == (before, files)


def test_readers_see_no_write_buttons(client, demo_user, council_agreement, agreement_commitment):
    signed_in(client, demo_user, "lead-economy-seoul")

    html = client.get(council_agreement.get_absolute_url()).content.decode()
    listing = client.get(reverse("secretariat:agreement-list")).content.decode()

    assert reverse("secretariat:agreement-edit", args=[council_agreement.pk]) not in html
    assert reverse("secretariat:commitment-create", args=[council_agreement.pk]) not in html
    assert reverse("secretariat:commitment-edit", args=[agreement_commitment.pk]) not in html
    assert reverse("secretariat:agreement-create") not in listing


# Bad input


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"signed_on": "2016-13-45"}, {"signed_on": ["Enter a valid date."]}),
        ({"review_on": "next spring"}, {"review_on": ["Enter a valid date."]}),
        ({"expires_on": "99999-01-01"}, {"expires_on": ["Enter a valid date."]}),
        (
            {"language": "en", "title": "x" * 1000},
            {"title": ["Ensure this value has at most 300 characters (it has 1000)."]},
        ),
        (
            {"title__ko": "가" * 301, "title__zh_hans": "第一行\n第二行"},
            {
                "title__ko": ["Keep the translation to 300 characters (it has 301)."],
                "title__zh_hans": ["This text is a single line."],
            },
        ),
        ({"language": "fr"}, {"language": ["Select a valid choice. fr is not one of the available choices."]}),
        (
            {"parties": "party\n" * 20_000},
            {"parties": ["Ensure this value has at most 5000 characters (it has 119999)."]},
        ),
        (
            {"parties": "", "title": ""},
            {"parties": ["This field is required."], "title": ["This field is required."]},
        ),
        ({"status": "bogus"}, {"status": ["Select a valid choice. bogus is not one of the available choices."]}),
        (
            {"status": S.SIGNED, "signed_on": ""},
            {"signed_on": ["An agreement that is “Signed” needs the date it was signed."]},
        ),
    ],
)
def test_bad_agreement_input_is_explained_on_the_form_and_saves_nothing(client, demo_user, fields, errors):
    signed_in(client, demo_user)
    before = snapshot()

    response = client.post(reverse("secretariat:agreement-create"), agreement_data(**fields))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert snapshot() == before


def commitment_data(**fields) -> dict:
    return {"clause": "Art. 7", "text": "Hold a joint forum every year.", "owner_team": "", "order": "3", **fields}


def test_the_secretariat_adds_a_commitment_with_the_owner_teams_exchanges(
    client, demo_user, council_agreement, economy
):
    signed_in(client, demo_user)
    exchanges = ExchangeFactory.create_batch(2, team=economy)

    response = client.post(
        reverse("secretariat:commitment-create", args=[council_agreement.pk]),
        commitment_data(owner_team=economy.pk, exchanges=[e.pk for e in exchanges]),
    )

    commitment = Commitment.objects.get(agreement=council_agreement, clause="Art. 7")
    assert response.url == f"{council_agreement.get_absolute_url()}#commitment-{commitment.pk}"
    assert (commitment.owner_team, commitment.order, commitment.text) == (economy, 3, "Hold a joint forum every year.")
    assert sorted(commitment.exchanges.values_list("pk", flat=True)) == sorted(e.pk for e in exchanges)


def test_the_commitment_form_proposes_the_next_order(client, demo_user, council_agreement, agreement_commitment):
    Commitment.objects.filter(pk=agreement_commitment.pk).update(order=4)
    signed_in(client, demo_user)

    form = client.get(reverse("secretariat:commitment-create", args=[council_agreement.pk])).context["form"]

    assert form.initial["order"] == 5


def test_the_secretariat_edits_a_commitment(client, demo_user, agreement_commitment, culture):
    signed_in(client, demo_user)
    exchange = ExchangeFactory(team=culture)

    client.post(
        reverse("secretariat:commitment-edit", args=[agreement_commitment.pk]),
        commitment_data(owner_team=culture.pk, exchanges=[exchange.pk], text="Changed."),
    )

    fresh = Commitment.objects.get(pk=agreement_commitment.pk)
    assert (fresh.owner_team, fresh.text, list(fresh.exchanges.all())) == (culture, "Changed.", [exchange])


@pytest.mark.parametrize(
    "case", ["other_team_exchange", "foreign_exchange", "foreign_team", "huge_ids", "huge_text", "bad_order"]
)
def test_bad_commitment_input_is_explained_on_the_form_and_saves_nothing(
    client, demo_user, case, agreement_commitment, economy, culture, foreign_team
):
    signed_in(client, demo_user)
    own, other = ExchangeFactory(team=economy), ExchangeFactory(team=culture, title="Court music evening")
    foreign = ExchangeFactory(team=foreign_team)
    fields, errors = {
        "other_team_exchange": (
            {"owner_team": economy.pk, "exchanges": [own.pk, other.pk]},
            {"exchanges": ["These are not exchanges of the owner team, Economy team: Court music evening."]},
        ),
        "foreign_exchange": (
            {"exchanges": [foreign.pk]},
            {"exchanges": [f"Select a valid choice. {foreign.pk} is not one of the available choices."]},
        ),
        "foreign_team": (
            {"owner_team": foreign_team.pk},
            {"owner_team": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        "huge_ids": (
            {"owner_team": "9" * 30, "exchanges": ["9" * 30]},
            {
                "owner_team": ["Select a valid choice. That choice is not one of the available choices."],
                "exchanges": [f"Select a valid choice. {'9' * 30} is not one of the available choices."],
            },
        ),
        "huge_text": (
            {"text": "x" * 20_000, "clause": "c" * 100},
            {
                "text": ["Ensure this value has at most 5000 characters (it has 20000)."],
                "clause": ["Ensure this value has at most 40 characters (it has 100)."],
            },
        ),
        "bad_order": ({"order": "-1"}, {"order": ["Ensure this value is greater than or equal to 0."]}),
    }[case]
    before = snapshot()

    created = client.post(
        reverse("secretariat:commitment-create", args=[agreement_commitment.agreement_id]), commitment_data(**fields)
    )
    edited = client.post(
        reverse("secretariat:commitment-edit", args=[agreement_commitment.pk]), commitment_data(**fields)
    )

    assert (created.status_code, edited.status_code) == (200, 200)
    assert created.context["form"].errors == errors
    assert edited.context["form"].errors == errors
    assert snapshot() == before


@pytest.mark.parametrize(
    "url",
    [
        "/secretariat/agreements/?status=bogus&q=" + "x" * 5000,
        "/secretariat/agreements/?page=zz&attention=maybe",
        "/secretariat/agreements/?q=%00",
        "/secretariat/agreements/99999999999999999999/",
        "/secretariat/agreements/99999999999999999999/document/",
        "/secretariat/agreements/commitments/99999999999999999999/edit/",
    ],
)
def test_odd_addresses_and_filters_get_a_page_not_a_server_error(client, demo_user, url):
    signed_in(client, demo_user)
    assert client.get(url).status_code in (200, 404)


# The list


def test_the_list_filters_by_status_and_text(client, demo_user, economy):
    signed_in(client, demo_user, "mayor-office-beijing")
    make_agreement(economy.council, title="Agreement on subway operations", status=S.TERMINATED)
    make_agreement(economy.council, title="Agreement on bus operations", status=S.TERMINATED)

    terminated = client.get(reverse("secretariat:agreement-list"), {"status": S.TERMINATED})
    searched = client.get(reverse("secretariat:agreement-list"), {"status": S.TERMINATED, "q": "SUBWAY"})
    by_party = client.get(reverse("secretariat:agreement-list"), {"q": "Lifelong Education Bureau"})

    assert [a.title for a in terminated.context["agreements"]] == [
        "Agreement on bus operations",  # signed the same day: the later record first
        "Agreement on subway operations",
    ]
    assert [a.title for a in searched.context["agreements"]] == ["Agreement on subway operations"]
    # the demo's, written in Korean by the Seoul side
    found = [text_of(a, "title", "en").value[:40] for a in by_party.context["agreements"]]
    assert found == ["Agreement on Education Cooperation betwe"]


def test_agreements_due_for_review_or_expiring_within_90_days_stand_out_with_a_word(client, demo_user, economy):
    reader = demo_user("member-economy-seoul")
    today = timezone.localdate(timezone=reader.person.zone)  # "today" where the reader is
    council = economy.council
    Agreement.objects.filter(council=council).delete()
    make_agreement(council, title="Review in 90 days", review_on=today + dt.timedelta(days=90))
    make_agreement(council, title="Review in 91 days", review_on=today + dt.timedelta(days=91))
    make_agreement(council, title="Expires in 10 days", expires_on=today + dt.timedelta(days=10))
    make_agreement(council, title="Expired yesterday, still in force", expires_on=today - dt.timedelta(days=1))
    make_agreement(council, title="Under review, review date passed", status=S.UNDER_REVIEW, review_on=today)
    make_agreement(council, title="Terminated", status=S.TERMINATED, expires_on=today + dt.timedelta(days=5))
    signed_in(client, demo_user, "member-economy-seoul")

    everything = client.get(reverse("secretariat:agreement-list"))
    flagged = client.get(reverse("secretariat:agreement-list"), {"attention": "on"})

    reasons = {a.title: a.attention for a in everything.context["agreements"]}
    assert reasons == {
        "Review in 90 days": ["review_due"],
        "Review in 91 days": [],
        "Expires in 10 days": ["expiring"],
        "Expired yesterday, still in force": ["past_expiry"],
        "Under review, review date passed": [],
        "Terminated": [],
    }
    assert {a.title for a in flagged.context["agreements"]} == {
        "Review in 90 days",
        "Expires in 10 days",
        "Expired yesterday, still in force",
    }
    html = everything.content.decode()
    assert ("Review due" in html, "Expires soon" in html, "Past its expiry date" in html) == (True, True, True)
    signed_in(client, demo_user, "secretariat-seoul")  # its home: the ones the register marks "review due"
    home = client.get(reverse("home")).context["secretariat"]["agreements"]
    assert [a.title for a in home.items] == ["Review in 90 days"]


def test_drafts_come_first_then_the_latest_signed(client, demo_user, economy):
    council = economy.council
    Agreement.objects.filter(council=council).delete()
    make_agreement(council, title="2014", signed_on=dt.date(2014, 1, 1))
    make_agreement(council, title="Draft", status=S.DRAFT, signed_on=None)
    make_agreement(council, title="2019", signed_on=dt.date(2019, 1, 1))
    signed_in(client, demo_user)

    response = client.get(reverse("secretariat:agreement-list"))

    assert [a.title for a in response.context["agreements"]] == ["Draft", "2019", "2014"]


def test_the_title_shows_in_the_readers_language(client, demo_user, council_agreement):
    reader = demo_user("lead-economy-seoul")
    reader.person.preferred_language = "ko"
    reader.person.save(update_fields=["preferred_language"])
    client.force_login(reader)

    html = client.get(council_agreement.get_absolute_url()).content.decode()
    listing = client.get(reverse("secretariat:agreement-list")).content.decode()

    assert f'<h1 class="h3 mb-1"><span lang="ko">{text_of(council_agreement, "title", "ko")}</span></h1>' in html
    assert text_of(council_agreement, "title", "ko").value in listing
