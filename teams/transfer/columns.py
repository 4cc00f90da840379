"""The exchange log's spreadsheet columns: one definition, which the export writes and the import reads.

Headings and values are written in the reader's language. The import recognises a heading or a value
in any interface language, and the raw codes ("business_event", "SEL") too, so that a file exported
by a colleague reading Chinese imports for a colleague reading Korean.

The exchange's own texts (title, description, outcomes) are written in the reader's language where a
current version exists, else as written with their mark ("… [Original: 한국어 · awaiting translation]").
The import writes a text cell into the exchange's own column, without a mark it finds at its end.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

# The export's formula neutralising is shared by every export; the import undoes it here (cell_text).
from common.spreadsheets import neutralise as neutralise  # re-exported for callers that know it from here
from common.spreadsheets import restore
from council.models import City, Council
from teams.models import Exchange, FocusArea, Team
from translations.reading import MISSING, OUTDATED, plain
from translations.reading import Text as ReaderText

ID_KEY = "id"
# PositiveIntegerField's range on every database Django supports.
MAX_COUNT = 2_147_483_647


class CellInvalid(ValueError):
    """A cell whose value cannot be used; the message, in the reader's language, says why."""


def normal(text: str) -> str:
    """A name as compared on import: case and runs of spaces don't matter."""
    return " ".join(text.split()).casefold()


def cell_text(cell: Any) -> str:
    """A cell as the text a person typed: whole numbers without ".0", dates as YYYY-MM-DD."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return restore(str(cell)).strip()


def in_every_language(render: Callable[[], str], *, normalise: bool = True) -> set[str]:
    """What `render` gives in each interface language, normalised for comparison unless told not to."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = str(render())
        found.add(normal(text) if normalise else text)
    return found


def _index(objects: Iterable, *, codes: Callable[[Any], Iterable[str]] = lambda obj: ()) -> dict[str, Any]:
    """Objects stored with a name in each language, found by any of those names or by their codes."""
    found: dict[str, Any] = {}
    for obj in objects:
        for name in (obj.name_en, obj.name_ko, obj.name_zh_hans, *codes(obj)):
            if name:
                found.setdefault(normal(name), obj)
    return found


def _choice_index(choices: type[TextChoices]) -> dict[str, str]:
    found = {}
    for member in choices:
        found[normal(member.value)] = member.value
        for label in in_every_language(lambda member=member: member.label):
            found.setdefault(label, member.value)
    return found


def _language_index() -> dict[str, str]:
    found = {}
    for code, name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        for alias in (code, code.replace("-", "_"), name, info["name"], info["name_local"]):
            found.setdefault(normal(alias), code)
    return found


def _mark_suffixes() -> tuple[str, ...]:
    """Every " [mark]" an export may have put after an untranslated text, in every interface language."""
    found = set()
    for code, _name in settings.LANGUAGES:  # the language the text is written in
        for state in (MISSING, OUTDATED):
            for reader, _label in settings.LANGUAGES:  # and the one its mark speaks
                found.add(f" [{ReaderText('', code, state, reader=reader).mark}]")
    return tuple(found)


def _boolean_index() -> dict[str, bool]:
    found = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
    for answer, value in (("Yes", True), ("No", False)):
        for text in in_every_language(lambda answer=answer: _(answer)):
            found.setdefault(text, value)
    return found


class Lookups:
    """Every team, focus area, city, kind, status and language a cell may name, under each of its names.

    Built once per import (two queries), so that checking a row costs no query of its own.
    """

    def __init__(self, *, council: Council, cities: Sequence[City]):
        teams = list(Team.objects.filter(council=council).prefetch_related("focus_areas"))
        self.teams = _index(teams, codes=lambda team: [team.code])
        self.cities = _index(cities, codes=lambda city: [city.code])
        self.areas = {team.pk: _index(team.focus_areas.all()) for team in teams}
        self.any_area = _index(area for team in teams for area in team.focus_areas.all())
        self.choices = {Exchange.Kind: _choice_index(Exchange.Kind), Exchange.Status: _choice_index(Exchange.Status)}
        self.languages = _language_index()
        self.booleans = _boolean_index()
        self.marks = _mark_suffixes()


class Codec:
    """How one kind of value becomes a cell, and a cell becomes that value again."""

    empty: Any = None

    def export(self, value: Any) -> Any:
        return value

    def blank(self) -> Any:
        """The value of an empty cell."""
        return self.empty

    def parse(self, cell: Any, *, lookups: Lookups, row: Mapping[str, Any]) -> Any:
        return cell_text(cell)


class Text(Codec):
    empty = ""


class CouncilText(Text):
    """A text of the exchange: exported in the reader's language (Column.value), imported as written."""

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        for mark in lookups.marks:
            if text.endswith(mark):
                return text.removesuffix(mark).rstrip()
        return text


class Choice(Codec):
    def __init__(self, choices: type[TextChoices]):
        self.choices = choices

    def export(self, value: str) -> str:
        return str(self.choices(value).label) if value in self.choices.values else value

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        value = lookups.choices[self.choices].get(normal(text))
        if value is None:
            raise CellInvalid(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(str(label) for label in self.choices.labels)}
            )
        return value


class LanguageName(Codec):
    def export(self, code: str) -> str:
        return dict(settings.LANGUAGES).get(code, code)

    def blank(self) -> str:
        """A row that doesn't say is taken as written in the importing person's language."""
        return translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        code = lookups.languages.get(normal(text))
        if code is None:
            raise CellInvalid(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(name for _code, name in settings.LANGUAGES)}
            )
        return code


class TeamName(Codec):
    def export(self, team: Team | None) -> str:
        return team.name if team else ""

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        team = lookups.teams.get(normal(text))
        if team is None:
            raise CellInvalid(_("This council has no team “%(value)s”.") % {"value": text})
        return team


class FocusAreaName(Codec):
    """A focus area of the row's team; read after the team (the columns' order sees to it)."""

    def export(self, area: FocusArea | None) -> str:
        return area.name if area else ""

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        anywhere = lookups.any_area.get(normal(text))
        team = row.get("team")
        if team is None:  # the team cell is wrong: say so there, and here only if the name is unknown
            if anywhere is None:
                raise CellInvalid(_("No team has the focus area “%(value)s”.") % {"value": text})
            return None
        area = lookups.areas[team.pk].get(normal(text))
        if area is not None:
            return area
        if anywhere is not None:
            raise CellInvalid(
                _("“%(value)s” is a focus area of the %(other)s, not of the %(team)s.")
                % {"value": text, "other": anywhere.team.name, "team": team.name}
            )
        raise CellInvalid(_("The %(team)s has no focus area “%(value)s”.") % {"value": text, "team": team.name})


class CityName(Codec):
    def export(self, city: City | None) -> str:
        return city.name if city else ""

    def parse(self, cell, *, lookups, row):
        text = cell_text(cell)
        city = lookups.cities.get(normal(text))
        if city is None:
            raise CellInvalid(_("“%(value)s” is not a member city of this council.") % {"value": text})
        return city


_DATE = re.compile(r"(\d{4})\s*[-/.년年]\s*(\d{1,2})\s*[-/.월月]\s*(\d{1,2})\s*[.일日]?(?:[ T]00:00(?::00)?)?")


class Day(Codec):
    def parse(self, cell, *, lookups, row):
        if isinstance(cell, dt.datetime):
            return cell.date()
        if isinstance(cell, dt.date):
            return cell
        match = _DATE.fullmatch(cell_text(cell))
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass  # 2025-02-30: the same message as any other bad date
        raise CellInvalid(_("Enter a date as YYYY-MM-DD, e.g. 2025-04-21."))


def _number(cell: Any, message: str) -> Decimal:
    """A cell as a finite decimal number; thousands separators are allowed."""
    if isinstance(cell, bool):
        raise CellInvalid(message)
    text = cell_text(cell).replace(",", "").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellInvalid(message) from None
    if not number.is_finite():
        raise CellInvalid(message)
    if number < 0:
        raise CellInvalid(_("The number cannot be negative."))
    return number


class Count(Codec):
    def __init__(self, *, empty: int | None = None):
        self.empty = empty

    def parse(self, cell, *, lookups, row):
        number = _number(cell, _("Enter a whole number, e.g. 12."))
        if number != number.to_integral_value():
            raise CellInvalid(_("Enter a whole number, e.g. 12."))
        if number > MAX_COUNT:
            raise CellInvalid(_("The number is too large."))
        return int(number)


class Amount(Codec):
    def parse(self, cell, *, lookups, row):
        return _number(cell, _("Enter an amount, e.g. 1500000.50."))


class Currency(Codec):
    empty = ""

    def parse(self, cell, *, lookups, row):
        code = cell_text(cell).upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise CellInvalid(_("Use a three-letter ISO currency code, e.g. USD."))
        return code


class YesNo(Codec):
    empty = False

    def export(self, value: bool) -> str:
        return _("Yes") if value else _("No")

    def parse(self, cell, *, lookups, row):
        if isinstance(cell, bool):
            return cell
        answer = lookups.booleans.get(normal(cell_text(cell)))
        if answer is None:
            raise CellInvalid(_("Enter yes or no."))
        return answer


@dataclass(frozen=True)
class Column:
    key: str  # language-neutral; also accepted as a heading on import
    codec: Codec
    field: str | None = None  # the Exchange field; None for the ID and the participants columns
    label: Any = None  # the heading; the model field's verbose name when not given
    city: City | None = None  # a participants column: whose participants
    required: bool = False
    imported: bool = True
    depends_on: str | None = None  # a column whose value this one is checked against
    width: int = 16  # in characters, for the workbook

    def heading(self) -> str:
        """The column's heading in the active language."""
        if self.city is not None:
            return _("Participants from %(city)s") % {"city": self.city.name}
        label = self.label if self.label is not None else Exchange._meta.get_field(self.field).verbose_name
        return capfirst(str(label))

    def headings(self) -> set[str]:
        """Every heading the import recognises as this column, normalised."""
        return {normal(self.key)} | in_every_language(self.heading)

    def value(self, exchange: Exchange, participants: Mapping[int, int]) -> Any:
        """This column's cell for one exchange, in the active language, before neutralising."""
        if self.key == ID_KEY:
            return exchange.pk
        if self.city is not None:
            return participants.get(self.city.pk)
        if isinstance(self.codec, CouncilText):
            return plain(exchange, self.field)
        return self.codec.export(getattr(exchange, self.field))


def exchange_columns(cities: Sequence[City]) -> list[Column]:
    """The columns in file order. `cities`: the council's member cities in rotation order."""
    return [
        Column(ID_KEY, Codec(), label=gettext_lazy("ID"), imported=False, width=8),
        Column(
            "title", CouncilText(), field="title", label=pgettext_lazy("exchange", "Title"), required=True, width=40
        ),
        Column("language", LanguageName(), field="language", width=12),
        Column("team", TeamName(), field="team", required=True, width=18),
        Column("focus_area", FocusAreaName(), field="focus_area", required=True, depends_on="team", width=24),
        Column("kind", Choice(Exchange.Kind), field="kind", required=True, width=24),
        Column("status", Choice(Exchange.Status), field="status", required=True, width=14),
        Column("starts_on", Day(), field="starts_on", required=True, width=12),
        Column("ends_on", Day(), field="ends_on", width=12),
        Column("host_city", CityName(), field="host_city", width=14),
        Column("visiting_city", CityName(), field="visiting_city", width=14),
        Column("joint_online", YesNo(), field="joint_online", width=10),
        *(Column(f"participants_{city.code}", Count(), city=city, width=16) for city in cities),
        Column("partner_organisations", Text(), field="partner_organisations", width=30),
        Column("description", CouncilText(), field="description", width=50),
        Column("outcomes", CouncilText(), field="outcomes", width=50),
        Column("agreements_signed", Count(empty=0), field="agreements_signed", width=12),
        Column("investment_amount", Amount(), field="investment_amount", width=16),
        Column("investment_currency", Currency(), field="investment_currency", width=10),
        Column("participants_reached", Count(), field="participants_reached", width=14),
    ]
