"""Who changed what and when, read from django-simple-history's records, ready to show."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.numbers import figure, rate_figure

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


def display_value(model_field, value, related: dict | None = None) -> str:
    """A field's value as the record's page shows it, in the reader's language, zone and number format.

    Choices by their label, a related record by its name (from `related`, keyed by field name and id),
    figures grouped ("1,500,000", not the stored "1500000.00"), dates with the month named.
    """
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return str((related or {}).get((model_field.name, value), value))
    if isinstance(value, bool):  # before numbers: a bool is an int
        return str(_("Yes") if value else _("No"))
    if isinstance(model_field, models.SmallIntegerField | models.PositiveSmallIntegerField):
        return str(value)  # a year, a position, a number in a sequence: "2027", never "2,027"
    if isinstance(value, Decimal) and model_field.decimal_places > 2:
        return rate_figure(value)  # an exchange rate: the decimals it has
    if isinstance(value, int | Decimal):
        return figure(value)
    if isinstance(value, datetime):  # in the reader's time zone and format, like every time on the page
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def who(user) -> str:
    """The person's name where the account belongs to one, else the account name."""
    if user is None:
        return str(_("system"))
    person = getattr(user, "person", None)
    return str(person) if person else user.get_username()


def _related_objects(model, records) -> dict:
    """One query per foreign key of the model, for all records at once."""
    related = {}
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, models.ForeignKey):
            ids = {getattr(r, model_field.attname) for r in records} - {None}
            for pk, obj in model_field.related_model._default_manager.in_bulk(ids).items():
                related[(model_field.name, pk)] = obj
    return related


def history_entries(obj, *, limit: int = 100) -> list[HistoryEntry]:
    """Newest first. Field changes only; many-to-many links are recorded but not itemised here."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user__person").order_by("-history_date", "-history_id")[: limit + 1]
    )
    related = _related_objects(model, records)
    skip = {"created_at", "updated_at", "id"} | {f.name for f in model._meta.many_to_many}
    # Who and when of a step, which the entry itself says (a cancellation's time and author).
    skip |= set(getattr(model, "history_quiet_fields", ()))
    fields = [f for f in model._meta.concrete_fields if f.name not in skip]
    entries = []
    # Each record beside the one before it; the oldest beside none. A record made without history
    # (seed_bulk's bulk inserts) has no records at all, and an empty history.
    for newer, older in pairwise([*records, None]):
        if len(entries) == limit:
            break
        entry = HistoryEntry(newer.history_date, who(newer.history_user), str(ACTIONS[newer.history_type]))
        if older is not None:
            for model_field in fields:
                old, new = getattr(older, model_field.attname), getattr(newer, model_field.attname)
                if old != new:
                    entry.changes.append(
                        Change(
                            str(model_field.verbose_name),
                            display_value(model_field, old, related),
                            display_value(model_field, new, related),
                        )
                    )
        entries.append(entry)
    return entries
