"""Re-plan a record's reminders when it changes: the domain apps announce, reminders listen.

Assemblies announce schedule moves with their own signals, and the teams app its imports (bulk
inserts, which send no post_save); exchanges, action items and agreements are otherwise followed
through their model signals. Re-planning runs after the change commits, so it sees the
saved many-to-many links (an exchange's people) and never slows down or breaks the change itself: a
re-planning that fails (the database busy) is logged, not shown to the person whose change is saved, and
the beat's `plan` (every quarter hour) plans what it missed.
"""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assemblies.models import AgendaItem, Assembly, Resolution
from assemblies.signals import inputs_changed, schedule_changed
from reminders.kinds import KINDS
from reminders.planning import sync_targets
from secretariat.models import ActionItem, Agreement
from teams.models import DraftReview, Exchange
from teams.signals import exchanges_imported
from translations.models import Version


def _kinds_of(model) -> list[str]:
    return [key for key, kind in KINDS.items() if kind.model is model]


def _council_id(instance) -> int:
    return instance.team.council_id if isinstance(instance, Exchange) else instance.council_id


_pending = threading.local()


def replan(instance) -> None:
    """Re-plan after commit, once per record however often it was saved (an import saves hundreds)."""
    if not hasattr(_pending, "batch"):
        _pending.batch = defaultdict(set)
    _pending.batch[(_council_id(instance), type(instance))].add(instance.pk)
    # Every save registers a flush; the first to run takes the whole batch, the others find it empty.
    # After a rollback the batch keeps its ids and the next commit re-plans them too: harmless.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    batch = _pending.__dict__.pop("batch", {})
    for (council_id, model), target_ids in batch.items():
        sync_targets(council_id, _kinds_of(model), target_ids)


@receiver(schedule_changed)
@receiver(inputs_changed)
def assembly_moved(sender, instance: Assembly, **kwargs) -> None:
    replan(instance)


@receiver(post_save, sender=Exchange)
@receiver(post_save, sender=ActionItem)
@receiver(post_save, sender=Agreement)
def record_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        replan(instance)


@receiver(post_save, sender=DraftReview)
def review_saved(sender, instance: DraftReview, raw=False, **kwargs) -> None:
    """Every step of the draft: a new one makes the notices of the steps before it moot."""
    if not raw:
        for review in instance.exchange.reviews.select_related("exchange__team"):
            replan(review)


def _assembly_of(record) -> Assembly | None:
    """The assembly whose participants read this text (reminders.kinds.translations), if any."""
    if isinstance(record, Assembly):
        return record
    return (
        Assembly.objects.filter(pk=record.assembly_id).first() if isinstance(record, AgendaItem | Resolution) else None
    )


@receiver(post_save, sender=Assembly)
@receiver(post_save, sender=AgendaItem)
@receiver(post_save, sender=Resolution)
@receiver(post_delete, sender=AgendaItem)
@receiver(post_delete, sender=Resolution)
def assembly_text_changed(sender, instance, raw=False, **kwargs) -> None:
    """Who is reminded to translate an assembly's texts depends on which of them await translation."""
    assembly = None if raw else _assembly_of(instance)
    if assembly is not None:
        replan(assembly)


@receiver(post_save, sender=Version)
@receiver(post_delete, sender=Version)
def version_changed(sender, instance: Version, raw=False, **kwargs) -> None:
    model = instance.content_type.model_class()
    if not raw and model in (Assembly, AgendaItem, Resolution):
        record = model.objects.filter(pk=instance.object_id).first()
        assembly = _assembly_of(record) if record is not None else None
        if assembly is not None:
            replan(assembly)


@receiver(exchanges_imported)
def exchanges_inserted(sender, exchanges: list[Exchange], **kwargs) -> None:
    for exchange in exchanges:
        replan(exchange)


@receiver(post_delete, sender=Assembly)
@receiver(post_delete, sender=Exchange)
@receiver(post_delete, sender=ActionItem)
@receiver(post_delete, sender=Agreement)
def record_deleted(sender, instance, **kwargs) -> None:
    """Unsent reminders of a deleted record go with it (a generic key has no cascade)."""
    from django.contrib.contenttypes.models import ContentType

    from reminders.models import Delivery

    target_type = ContentType.objects.get_for_model(sender)
    Delivery.objects.filter(target_type=target_type, target_id=instance.pk).exclude(
        status=Delivery.Status.SENT
    ).delete()
