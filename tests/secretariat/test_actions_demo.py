"""The demo's action items: open and closed, some overdue, from the last two assemblies and from exchanges."""

from assemblies.models import Assembly
from council.models import Council
from demo.actions import load_actions
from secretariat.models import ActionItem, Commitment, Correspondence
from tests.fixtures.actions import person
from translations.reading import text_of

S = ActionItem.Status


def overdue_open(name: str) -> list[str]:
    return [item.title for item in ActionItem.objects.filter(owner=person(name)) if item.is_overdue]


def test_the_demo_has_overdue_items_for_the_economy_lead_and_the_beijing_secretariat(db):
    assert len(overdue_open("Lee Min-jun")) >= 2
    assert len(overdue_open("Wang Fang")) >= 1


def test_the_demo_has_open_and_closed_items_from_the_last_two_assemblies_and_from_exchanges(db):
    items = ActionItem.objects.select_related("resolution__assembly")
    from_assemblies = {item.resolution.assembly.sequence for item in items if item.resolution_id}
    statuses = set(items.values_list("status", flat=True))

    held = Assembly.objects.filter(status=Assembly.Status.HELD, council__name_en="Seoul–Beijing Integration Council")
    assert from_assemblies == set(held.order_by("-sequence").values_list("sequence", flat=True)[:2])
    assert items.filter(exchange__isnull=False).count() >= 3
    assert statuses == {S.OPEN, S.IN_PROGRESS, S.DONE, S.DROPPED}
    assert all(item.dropped_reason for item in items.filter(status=S.DROPPED))


def test_every_demo_item_comes_from_one_place_of_its_council_and_is_owned_by_a_lead_or_the_secretariat(db):
    for item in ActionItem.objects.select_related("owner"):
        assert item.source_kind is not None, item
        kinds = set(item.owner.roles.values_list("kind", flat=True))
        assert kinds & {"team_lead", "secretariat"}, item


def snapshot() -> list:
    return sorted(ActionItem.objects.values_list("pk", "title", "status", "due_on", "updated_at"))


def test_the_loader_works_without_letters_or_commitments_and_twice(db):
    council = Council.objects.get(name_en="Seoul–Beijing Integration Council")
    ActionItem.objects.all().delete()
    Correspondence.objects.all().delete()
    Commitment.objects.all().delete()

    load_actions(council)
    first = snapshot()
    load_actions(council)

    assert snapshot() == first
    assert ActionItem.objects.filter(correspondence__isnull=False).count() == 0
    assert ActionItem.objects.filter(commitment__isnull=False).count() == 0
    assert len(first) == 16  # 13 from resolutions, 3 from exchanges


def test_the_loader_makes_items_from_letters_and_commitments_when_there_are_some(db, action_letter, action_commitment):
    load_actions(action_letter.council)

    reply = ActionItem.objects.get(title="准备对最新来函的答复")  # Wang Fang's, written in Chinese
    assert text_of(reply, "title", "en").value == "Prepare the reply to the latest letter"
    assert reply.correspondence is not None
    assert ActionItem.objects.filter(commitment__isnull=False).exists()
