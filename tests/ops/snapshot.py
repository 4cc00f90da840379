"""What a restored installation must show exactly as the original did: run in either one, compared as JSON.

`python -c "import django; django.setup(); from tests.ops.snapshot import main; main()"` prints it for
the installation that DATABASE_URL and MEDIA_ROOT point to (the restored one); the test calls
`snapshot()` in process for the original.
"""

import hashlib
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

from secretariat.models import Agreement, Correspondence, CorrespondenceAttachment
from teams.models import Exchange, ExchangeAttachment


def _sha256(name: str) -> str:
    with default_storage.open(name, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def snapshot() -> dict:
    files = [
        *ExchangeAttachment.objects.values_list("file", flat=True),
        *CorrespondenceAttachment.objects.values_list("file", flat=True),
        *Agreement.objects.exclude(document="").values_list("document", flat=True),
    ]
    return {
        # Every table the app has, by row count: "the same records", not only the ones looked at below.
        "counts": {model._meta.label: model._default_manager.count() for model in apps.get_models()},
        "exchanges": [
            [pk, title, status, str(starts_on), str(amount), currency]
            for pk, title, status, starts_on, amount, currency in Exchange.objects.order_by("pk").values_list(
                "pk", "title", "status", "starts_on", "investment_amount", "investment_currency"
            )
        ],
        "references": list(Correspondence.objects.order_by("pk").values_list("reference", "subject")),
        "users": list(get_user_model().objects.order_by("pk").values_list("username", "email", "password")),
        # The files as the app reads them (through its storage), by the names the rows hold.
        "files": {name: _sha256(name) for name in sorted(files)},
    }


def as_json(data: dict) -> dict:
    """Tuples become lists, as they do on the way through a subprocess's output."""
    return json.loads(json.dumps(data))


def main() -> None:
    print(json.dumps(snapshot()))
