"""The secretariat's pages keep the addresses they had before the app was its own: bookmarks and the
links in reminder e-mails already sent still open them."""

import pytest
from django.urls import resolve, reverse

from secretariat.urls import urlpatterns

PATHS = [
    ("correspondence-list", [], "/secretariat/correspondence/"),
    ("correspondence-create", [], "/secretariat/correspondence/new/"),
    ("correspondence-export-csv", [], "/secretariat/correspondence/export.csv"),
    ("correspondence-export-xlsx", [], "/secretariat/correspondence/export.xlsx"),
    ("correspondence-detail", [7], "/secretariat/correspondence/7/"),
    ("correspondence-edit", [7], "/secretariat/correspondence/7/edit/"),
    ("correspondence-reply", [7], "/secretariat/correspondence/7/reply/"),
    ("correspondence-withdraw", [7], "/secretariat/correspondence/7/withdraw/"),
    ("correspondence-attachment-add", [7], "/secretariat/correspondence/7/attachments/"),
    ("correspondence-attachment", [7], "/secretariat/correspondence/attachments/7/"),
    ("action-list", [], "/secretariat/actions/"),
    ("my-actions", [], "/secretariat/actions/mine/"),
    ("action-create", [], "/secretariat/actions/new/"),
    ("action-detail", [7], "/secretariat/actions/7/"),
    ("action-edit", [7], "/secretariat/actions/7/edit/"),
    ("action-status", [7], "/secretariat/actions/7/status/"),
    ("agreement-list", [], "/secretariat/agreements/"),
    ("agreement-create", [], "/secretariat/agreements/new/"),
    ("agreement-detail", [7], "/secretariat/agreements/7/"),
    ("agreement-edit", [7], "/secretariat/agreements/7/edit/"),
    ("agreement-document", [7], "/secretariat/agreements/7/document/"),
    ("commitment-create", [7], "/secretariat/agreements/7/commitments/new/"),
    ("commitment-edit", [7], "/secretariat/agreements/commitments/7/edit/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_each_page_keeps_its_address(name, args, path):
    assert (reverse(f"secretariat:{name}", args=args), resolve(path).view_name) == (path, f"secretariat:{name}")


def test_every_page_of_the_app_is_listed():
    assert sorted(pattern.name for pattern in urlpatterns) == sorted(name for name, _args, _path in PATHS)
