"""Uploaded files (ASVS V5): served only through a view that checks the reader, always as a download.

Content and size checks at upload are tested where each upload lives: tests/teams/test_exchange_pages.py
(a PDF that is not one, an executable), tests/secretariat/test_correspondence_pages.py and
tests/secretariat/test_agreements_pages.py (content against name), tests/teams/test_transfer_import.py (the
import's size limit). The size limit of attachments is tested here.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.uploads import MAX_UPLOAD_BYTES
from teams.models import ExchangeAttachment
from tests.factories import ExchangeFactory


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def culture_attachment(culture) -> ExchangeAttachment:
    exchange = ExchangeFactory(team=culture, title="Loan of court paintings")
    attachment = ExchangeAttachment(
        exchange=exchange, original_name="loan terms.pdf", content_type="application/pdf", size=16
    )
    attachment.file.save("loan terms.pdf", SimpleUploadedFile("x", b"%PDF-1.4 terms\n"), save=True)
    return attachment


@pytest.mark.parametrize(
    ("url_name", "fixture", "filename"),
    [
        ("teams:exchange-attachment", "economy_attachment", "minutes.pdf"),
        ("secretariat:correspondence-attachment", "economy_letter_attachment", "letter.pdf"),
    ],
)
def test_a_reader_gets_the_file_as_a_download_that_the_browser_may_not_sniff(
    client, demo_user, request, url_name, fixture, filename
):
    attachment = request.getfixturevalue(fixture)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse(url_name, args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert downloaded(response).startswith(b"%PDF-1.4")


def test_the_agreement_document_is_a_download_too(client, demo_user, council_agreement, foreign_agreement):
    client.force_login(demo_user("mayor-office-seoul"))

    response = client.get(reverse("secretariat:agreement-document", args=[council_agreement.pk]))
    foreign = client.get(reverse("secretariat:agreement-document", args=[foreign_agreement.pk]))

    assert response["Content-Disposition"].startswith('attachment; filename="signed')  # the storage may suffix it
    assert response["X-Content-Type-Options"] == "nosniff"
    assert foreign.status_code == 404


def test_a_team_member_may_not_download_another_teams_attachment(client, demo_user, culture_attachment):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(reverse("teams:exchange-attachment", args=[culture_attachment.pk]))

    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_another_councils_attachment_is_not_found(client, demo_user, foreign_attachment, foreign_letter_attachment):
    client.force_login(demo_user("secretariat-seoul"))

    exchange_file = client.get(reverse("teams:exchange-attachment", args=[foreign_attachment.pk]))
    letter_file = client.get(reverse("secretariat:correspondence-attachment", args=[foreign_letter_attachment.pk]))

    assert (exchange_file.status_code, letter_file.status_code) == (404, 404)


def test_a_signed_out_visitor_is_sent_to_sign_in(client, economy_attachment):
    response = client.get(reverse("teams:exchange-attachment", args=[economy_attachment.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_files_are_kept_outside_the_static_files_and_have_no_public_address(client, economy_attachment):
    stored = Path(economy_attachment.file.path).resolve()

    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not any(stored.is_relative_to(Path(folder).resolve()) for folder in settings.STATICFILES_DIRS)
    assert client.get(f"/media/{economy_attachment.file.name}").status_code == 404
    assert client.get(f"/{economy_attachment.file.name}").status_code == 404


def test_an_attachment_over_the_size_limit_is_refused_and_nothing_is_kept(client, demo_user, economy_exchange):
    client.force_login(demo_user("lead-economy-seoul"))
    too_big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * MAX_UPLOAD_BYTES)

    response = client.post(
        reverse("teams:exchange-attachment-add", args=[economy_exchange.pk]), {"file": too_big}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The file is too large (10.0\xa0MB); the limit is 10.0\xa0MB."
    ]
    assert ExchangeAttachment.objects.filter(exchange=economy_exchange).count() == 0
