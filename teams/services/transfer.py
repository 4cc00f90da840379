"""The one write of an import: every checked row of a spreadsheet becomes an exchange, or none does."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from teams.models import Exchange, ExchangeParticipation
from teams.signals import exchanges_imported

if TYPE_CHECKING:
    from teams.transfer.importing import ImportRow

# Stored with each exchange's first history record; data, so not translated.
CHANGE_REASON = "Imported from a spreadsheet"


@transaction.atomic
def import_exchanges(*, rows: Sequence["ImportRow"], by) -> list[Exchange]:
    """Create the exchanges of a checked import with their history and participants per city.

    `rows` come from `teams.transfer.importing.validate_rows` with no error, and so passed
    `prepare_new_exchange` (created_by is `by`). Inserted in bulk so that a thousand rows take
    seconds; all in one transaction, so a failure leaves nothing behind.
    """
    exchanges = bulk_create_with_history(
        [row.exchange for row in rows], Exchange, default_user=by, default_change_reason=CHANGE_REASON
    )
    ExchangeParticipation.objects.bulk_create(
        ExchangeParticipation(exchange=exchange, city=city, participants=count)
        for exchange, row in zip(exchanges, rows, strict=True)
        for city, count in row.participants.items()
    )
    exchanges_imported.send(sender=Exchange, exchanges=exchanges)
    return exchanges
