"""The secretariat's records moved from the council app to their own (secretariat 0001, council 0006)
without losing a row.

A database at the schema from before the move (the secretariat's migrations unapplied: the tables are
council's, and so are their content types), holding the demo, is migrated forward: every row of every
moved table is still there, unchanged, generic links (reminder deliveries) point at the same records
through the moved content types, and the pages show the records with their history. CI runs this on
PostgreSQL; it runs on SQLite too.
"""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from reminders.models import Delivery
from secretariat.models import ActionItem, Agreement, Correspondence
from tests.demo_copy import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

MOVED = [
    "actionitem",
    "agreement",
    "commitment",
    "commitment_exchanges",
    "correspondence",
    "correspondence_people",
    "correspondenceattachment",
    "historicalactionitem",
    "historicalagreement",
    "historicalcommitment",
    "historicalcorrespondence",
    "referencecounter",
]
MODELS = sorted({name for name in MOVED if "_" not in name})


def rows(app: str) -> dict[str, list[tuple]]:
    """Every row of every moved table, as the app's table names hold them."""
    with connection.cursor() as cursor:
        found = {}
        for name in MOVED:
            cursor.execute(f"SELECT * FROM {app}_{name} ORDER BY 1")  # noqa: S608 - names from the list above
            found[name] = cursor.fetchall()
        return found


def tables() -> set[str]:
    return {table for table in connection.introspection.table_names() if table.split("_", 1)[-1] in MOVED}


def delivery_targets() -> list[tuple]:
    """Each reminder delivery's record, by its content type's app and model."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.target_id, t.app_label, t.model FROM reminders_delivery d"
            " JOIN django_content_type t ON t.id = d.target_type_id ORDER BY d.id"
        )
        return cursor.fetchall()


def content_type_apps() -> set[tuple[str, str]]:
    return set(ContentType.objects.filter(model__in=MODELS).values_list("app_label", "model"))


def migrate(*target: str) -> None:
    call_command("migrate", *target, verbosity=0, stdout=io.StringIO())
    ContentType.objects.clear_cache()


@pytest.fixture
def before_the_move():
    """The demo, in a database taken back to the schema from before the move."""
    load_demo()
    migrate("secretariat", "zero")
    yield
    migrate()  # the next tests find the schema as it is, whatever this one asserted


def test_the_move_keeps_every_row_link_and_page(before_the_move, client, demo_user):
    assert tables() == {f"council_{name}" for name in MOVED}
    assert content_type_apps() == {("council", model) for model in MODELS}
    before = rows("council")
    targets = [(pk, target, model) for pk, target, app, model in delivery_targets() if model in MODELS]

    migrate("council", "0006_secretariat_moves_out")  # the move itself; later migrations add columns

    assert tables() == {f"secretariat_{name}" for name in MOVED}
    assert rows("secretariat") == before
    migrate()
    assert content_type_apps() == {("secretariat", model) for model in MODELS}
    assert [(pk, target, model) for pk, target, app, model in delivery_targets() if app == "secretariat"] == targets
    assert {type(delivery.target) for delivery in Delivery.objects.filter(pk__in=[t[0] for t in targets])} == {
        ActionItem,
        Agreement,
    }

    client.force_login(demo_user("secretariat-seoul"))
    letter = Correspondence.objects.filter(in_reply_to__isnull=False).latest("pk")
    item, agreement = ActionItem.objects.latest("pk"), Agreement.objects.latest("pk")

    pages = {
        "letter": client.get(reverse("secretariat:correspondence-detail", args=[letter.pk])),
        "action": client.get(reverse("secretariat:action-detail", args=[item.pk])),
        "agreement": client.get(reverse("secretariat:agreement-detail", args=[agreement.pk])),
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert letter.reference in pages["letter"].content.decode()
    assert item.title in pages["action"].content.decode()
    assert agreement.title in pages["agreement"].content.decode()
    assert pages["letter"].context["history"], "the letter's history came along"
