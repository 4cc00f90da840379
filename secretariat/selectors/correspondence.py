"""Reads of the correspondence log: list rows, one communication with its thread, the export's table.

Each read is a fixed number of queries, whatever the number of rows or the depth of a thread.
"""

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from council.models import City, Person, User
from council.permissions import Access
from secretariat.models import Correspondence
from secretariat.permissions import visible_correspondence
from translations.reading import plain, with_versions

# Rows fetched per query by the export; each chunk costs the row query, the people's query and the
# versions' of the communications' and their exchanges' texts.
CHUNK_SIZE = 2000
# Replies are made one at a time through the pages, so a real thread is short; the bound only keeps
# a damaged chain (a loop made outside the application) from running on.
MAX_THREAD_DEPTH = 500


def list_rows(letters: QuerySet[Correspondence]) -> QuerySet[Correspondence]:
    """What each row of the list shows, in the same query, and the versions of the subjects in one more."""
    return with_versions(letters.select_related("from_city", "to_city", "team"))


def letters_for_page(*, council_id: int | None) -> QuerySet[Correspondence]:
    """The council's communications with everything a letter's page shows, its texts and its exchange's
    and action items' in the reader's language; look one up with .get(pk=…)."""
    letters = (
        Correspondence.objects.filter(council_id=council_id)
        .select_related("from_city", "to_city", "team", "exchange", "assembly")
        .prefetch_related(
            # Apart, not joined: with them the select took PostgreSQL longer to plan than to run (10 ms).
            Prefetch("in_reply_to", queryset=Correspondence.objects.select_related("from_city")),
            Prefetch("created_by", queryset=User.objects.select_related("person")),
            Prefetch("withdrawn_by", queryset=User.objects.select_related("person")),
            Prefetch("people", queryset=Person.objects.select_related("city")),
            "attachments",
            "action_items__owner",  # the page's "Action items" card
        )
    )
    return with_versions(with_versions(letters), "exchange", "action_items")


def people_by_side(letter: Correspondence) -> list[dict]:
    """The people of the sending city, then of the receiving one, then anyone else (from the prefetch)."""
    people = list(letter.people.all())
    sides = [
        {"city": city, "people": [person for person in people if person.city_id == city.pk]}
        for city in (letter.from_city, letter.to_city)
    ]
    others = [person for person in people if person.city_id not in (letter.from_city_id, letter.to_city_id)]
    return sides + ([{"city": None, "people": others}] if others else [])


# Threads -----------------------------------------------------------------------------------------

# The root (walking up the in_reply_to chain), then every reply below it, level by level: one query
# on PostgreSQL and SQLite alike, however long the thread.
_THREAD_SQL = """
WITH RECURSIVE ancestors(id, parent_id, depth) AS (
    SELECT id, in_reply_to_id, 0 FROM "{table}" WHERE id = %s
    UNION ALL
    SELECT c.id, c.in_reply_to_id, a.depth + 1 FROM "{table}" c JOIN ancestors a ON c.id = a.parent_id
    WHERE a.depth < %s
),
thread(id, depth) AS (
    SELECT id, 0 FROM (SELECT id FROM ancestors ORDER BY depth DESC LIMIT 1) root
    UNION ALL
    SELECT c.id, t.depth + 1 FROM "{table}" c JOIN thread t ON c.in_reply_to_id = t.id
    WHERE t.depth < %s
)
SELECT id FROM thread
"""


@dataclass(frozen=True)
class ThreadEntry:
    letter: Correspondence
    depth: int  # 0 for the first communication, 1 for a reply to it, and so on
    is_current: bool

    @property
    def indent(self) -> str:
        """The page's indentation (a Bootstrap margin class), deeper levels alike beyond the second."""
        return ("ms-0", "ms-4", "ms-5")[min(self.depth, 2)]


def _depths(letters: list[Correspondence]) -> dict[int, int]:
    """How deep each one sits; a reply whose original the reader may not see counts as one level down."""
    parent = {letter.pk: letter.in_reply_to_id for letter in letters}
    depths: dict[int, int] = {}

    def depth(pk: int, steps: int = 0) -> int:
        if pk not in depths:
            up = parent[pk]
            if up is None:
                depths[pk] = 0
            elif up not in parent or steps >= MAX_THREAD_DEPTH:
                depths[pk] = 1
            else:
                depths[pk] = depth(up, steps + 1) + 1
        return depths[pk]

    for pk in parent:
        depth(pk)
    return depths


def thread_of(*, letter: Correspondence, access: Access) -> list[ThreadEntry]:
    """The whole thread the communication belongs to, oldest first, as far as the reader may read it."""
    # A constant statement: only the model's own table name is formatted in, every value is a parameter.
    sql = _THREAD_SQL.format(table=Correspondence._meta.db_table)
    ids = RawSQL(sql, (letter.pk, MAX_THREAD_DEPTH, MAX_THREAD_DEPTH))  # noqa: S611
    members = (
        visible_correspondence(access)
        .filter(pk__in=ids)
        .select_related("from_city", "to_city")
        .order_by("sent_at", "pk")
    )
    letters = list(with_versions(members))
    depths = _depths(letters)
    return [ThreadEntry(member, depths[member.pk], member.pk == letter.pk) for member in letters]


# Export ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportColumn:
    label: Any  # lazy: the heading in the reader's language
    value: Callable[[Correspondence], Any]
    width: int = 16  # in characters, for the workbook
    city: City | None = None  # a time column: whose time

    def heading(self) -> str:
        if self.city is not None:
            return _("Time in %(city)s") % {"city": self.city.name}
        return capfirst(str(self.label))


def _local(value: dt.datetime, city: City) -> dt.datetime:
    """A naive wall-clock time: a spreadsheet cell has no time zone, the heading names the city."""
    return timezone.localtime(value, city.zone).replace(tzinfo=None)


def _people(letter: Correspondence) -> str:
    return "\n".join(f"{person} ({person.city.code})" for person in letter.people.all())


def export_columns(cities: Sequence[City]) -> list[ExportColumn]:
    """The file's columns; one time column per member city (both cities' times, for N cities N)."""
    field = Correspondence._meta.get_field
    return [
        ExportColumn(field("reference").verbose_name, lambda c: c.reference, 22),
        *(ExportColumn(None, lambda c, city=city: _local(c.sent_at, city), 17, city) for city in cities),
        ExportColumn(field("from_city").verbose_name, lambda c: c.from_city.name, 14),
        ExportColumn(field("to_city").verbose_name, lambda c: c.to_city.name, 14),
        ExportColumn(field("channel").verbose_name, lambda c: c.get_channel_display(), 14),
        ExportColumn(field("subject").verbose_name, lambda c: plain(c, "subject"), 40),
        ExportColumn(field("summary").verbose_name, lambda c: plain(c, "summary"), 60),
        ExportColumn(field("people").verbose_name, _people, 30),
        ExportColumn(field("team").verbose_name, lambda c: c.team.name if c.team else "", 18),
        ExportColumn(field("exchange").verbose_name, lambda c: plain(c.exchange, "title"), 30),
        ExportColumn(field("assembly").verbose_name, lambda c: str(c.assembly) if c.assembly else "", 30),
        ExportColumn(field("in_reply_to").verbose_name, lambda c: c.in_reply_to.reference if c.in_reply_to else "", 22),
        ExportColumn(field("withdrawn_reason").verbose_name, lambda c: plain(c, "withdrawn_reason"), 40),
    ]


def export_rows(letters: QuerySet[Correspondence], columns: Sequence[ExportColumn]) -> Iterator[list[Any]]:
    """One list of cell values per communication, in the active language, the council's texts marked where
    not yet translated; a constant number of queries per chunk."""
    rows = letters.select_related("from_city", "to_city", "team", "exchange", "assembly", "in_reply_to")
    rows = rows.prefetch_related(Prefetch("people", queryset=Person.objects.select_related("city")))
    rows = with_versions(with_versions(rows), "exchange")
    for letter in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(letter) for column in columns]


def export_filename(extension: str) -> str:
    """`correspondence-2026-04-21.csv`, dated in the reader's time zone."""
    return f"correspondence-{timezone.localdate():%Y-%m-%d}.{extension}"
