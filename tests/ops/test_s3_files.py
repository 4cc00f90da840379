"""Uploaded files in an S3-compatible bucket (MEDIA_STORAGE_URL), against a moto server in a process of
its own: uploads through the pages land in the bucket, downloads go through the same permission check
as from MEDIA_ROOT, and an import's file waits in the bucket between its preview and its confirmation.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.media_storage import media_storage
from secretariat.models import CorrespondenceAttachment
from teams.models import Exchange, ExchangeAttachment
from tests.factories import ExchangeFactory
from tests.fixtures.agreements import PDF
from tests.fixtures.transfer import TRANSFER_MARK, csv_bytes, import_row

MINUTES = b"%PDF-1.7\nminutes of the forum\n\x00\xff\xfe" + bytes(range(256))


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def empty_media_root(settings, tmp_path):
    """MEDIA_ROOT of its own, to show that nothing lands there when the files go to the bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_an_exchange_attachment_goes_to_the_bucket_and_only_its_readers_download_it(
    client, demo_user, culture, s3_bucket, empty_media_root
):
    exchange = ExchangeFactory(team=culture, title="Loan of court paintings")
    client.force_login(demo_user("lead-culture-seoul"))
    add = reverse("teams:exchange-attachment-add", args=[exchange.pk])

    client.post(add, {"file": SimpleUploadedFile("minutes.pdf", MINUTES, content_type="application/pdf")})
    client.post(add, {"file": SimpleUploadedFile("minutes.pdf", MINUTES[:20], content_type="application/pdf")})

    first, second = ExchangeAttachment.objects.filter(exchange=exchange).order_by("pk")
    assert first.file.name == f"exchanges/{exchange.pk}/minutes.pdf"
    assert second.file.name.startswith(f"exchanges/{exchange.pk}/minutes_")  # the same name: not replaced
    assert s3_bucket.files() == {first.file.name: MINUTES, second.file.name: MINUTES[:20]}
    assert not empty_media_root.exists()

    url = reverse("teams:exchange-attachment", args=[first.pk])
    client.force_login(demo_user("mayor-office-beijing"))
    allowed = client.get(url)
    assert (allowed.status_code, allowed["Content-Disposition"]) == (200, 'attachment; filename="minutes.pdf"')
    assert (allowed["Content-Type"], downloaded(allowed)) == ("application/pdf", MINUTES)

    client.force_login(demo_user("member-economy-seoul"))
    refused = client.get(url)
    assert refused.status_code == 403
    assert b"minutes of the forum" not in refused.content and "Location" not in refused


def test_a_letter_attachment_goes_to_the_bucket_and_only_its_readers_download_it(
    client, demo_user, economy_letter, s3_bucket, empty_media_root
):
    client.force_login(demo_user("secretariat-seoul"))
    client.post(
        reverse("secretariat:correspondence-attachment-add", args=[economy_letter.pk]),
        {"file": SimpleUploadedFile("invitation.pdf", MINUTES, content_type="application/pdf")},
    )

    attachment = CorrespondenceAttachment.objects.get(correspondence=economy_letter)
    assert s3_bucket.files() == {f"correspondence/{economy_letter.pk}/invitation.pdf": MINUTES}
    assert attachment.file.name == f"correspondence/{economy_letter.pk}/invitation.pdf"
    assert not empty_media_root.exists()

    url = reverse("secretariat:correspondence-attachment", args=[attachment.pk])
    client.force_login(demo_user("lead-economy-seoul"))
    allowed = client.get(url)
    assert (allowed.status_code, downloaded(allowed)) == (200, MINUTES)
    for refused_user in ("member-economy-seoul", "lead-culture-seoul"):
        client.force_login(demo_user(refused_user))
        refused = client.get(url)
        assert refused.status_code == 403
        assert b"minutes of the forum" not in refused.content and "Location" not in refused


def test_a_signed_agreement_in_the_bucket_is_downloaded_by_the_councils_readers_only(
    client, demo_user, s3_bucket, council_agreement, foreign_agreement
):
    # The bucket's fixture comes first: both documents were saved into it.
    assert s3_bucket.files() == {council_agreement.document.name: PDF, foreign_agreement.document.name: PDF}
    client.force_login(demo_user("mayor-office-seoul"))

    allowed = client.get(reverse("secretariat:agreement-document", args=[council_agreement.pk]))
    foreign = client.get(reverse("secretariat:agreement-document", args=[foreign_agreement.pk]))

    assert (allowed.status_code, allowed["Content-Type"], downloaded(allowed)) == (200, "application/pdf", PDF)
    assert foreign.status_code == 404
    assert b"signed agreement" not in foreign.content


def test_a_file_gone_from_the_bucket_is_not_found_rather_than_an_error(client, demo_user, economy_letter, s3_bucket):
    client.force_login(demo_user("secretariat-seoul"))
    client.post(
        reverse("secretariat:correspondence-attachment-add", args=[economy_letter.pk]),
        {"file": SimpleUploadedFile("invitation.pdf", MINUTES, content_type="application/pdf")},
    )
    attachment = CorrespondenceAttachment.objects.get(correspondence=economy_letter)
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=f"council-desk/{attachment.file.name}")

    assert client.get(reverse("secretariat:correspondence-attachment", args=[attachment.pk])).status_code == 404


def test_an_import_waits_in_the_bucket_between_its_preview_and_its_confirmation(
    client, demo_user, economy, s3_bucket, empty_media_root
):
    client.force_login(demo_user("lead-economy-seoul"))
    content = csv_bytes([import_row(n) for n in range(1, 4)])
    before = Exchange.objects.count()

    preview = client.post(reverse("teams:exchange-import"), {"file": SimpleUploadedFile("exchanges.csv", content)})
    pending = preview.context["pending"]
    assert preview.context["report"].errors == []
    assert s3_bucket.files() == {f"imports/{pending.id}.csv": content}
    assert Exchange.objects.count() == before
    assert not empty_media_root.exists()

    confirmed = client.post(reverse("teams:exchange-import-confirm"), {"upload": pending.id})

    assert (confirmed.status_code, confirmed.url) == (302, reverse("teams:exchange-list"))
    assert sorted(Exchange.objects.filter(title__startswith=TRANSFER_MARK).values_list("title", flat=True)) == [
        f"{TRANSFER_MARK} imported {n}" for n in range(1, 4)
    ]
    assert s3_bucket.files() == {}  # the file is gone once imported


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://bucket.example/files", "MEDIA_STORAGE_URL must start with s3://"),
        ("s3://KEY:SECRET@files", "must not carry keys"),
        ("s3://Files_Of_Council", "names no valid bucket"),
        ("s3://files?endpoint=https://s3.example", "parameters it does not know: endpoint"),
        ("s3://files?region=a&region=b", "gives region more than once"),
        ("s3://files?endpoint_url=s3.example", "endpoint_url must be an http:// or https:// address"),
        ("s3://files?addressing_style=dns", 'addressing_style must be "path" or "virtual"'),
        ("s3://files?region", "parameters must be name=value"),
    ],
)
def test_a_wrong_media_storage_url_stops_the_start_and_says_why(url, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(".", r"\.")):
        media_storage(url)


def test_the_media_storage_url_gives_a_private_bucket_that_keeps_every_upload():
    options = media_storage("s3://council-files/desk/prod?endpoint_url=https://s3.seoul.example&region=kr-1")["OPTIONS"]

    assert (options["bucket_name"], options["location"], options["endpoint_url"], options["region_name"]) == (
        "council-files",
        "desk/prod",
        "https://s3.seoul.example",
        "kr-1",
    )
    assert (options["default_acl"], options["file_overwrite"]) == (None, False)
