"""What the fuzzer types into a form: per field, the value the page had, a valid one, or a bad one.

Valid values come from the form itself (its options, its min and max) or are plain text that any text
field must store as typed, odd Unicode and markup included. Bad values are the classics: empty, 10,000
characters, wrong types, impossible dates, NUL bytes, digits that are not ASCII, numbers past any column,
addresses of other sites, and the ids of another council's objects.
"""

import datetime as dt
import string

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from tests.fuzz.discovery import Field, Form

HUGE = "x" * 10_000
ODD_TEXT = [
    "\u202eevil.exe\u202c",  # right-to-left override
    "\u200f\u05e9\u05dc\u05d5\u05dd\u200e",  # RTL mark, Hebrew, LTR mark
    "zero\u200bwidth\ufeff",
    "😀🇰🇷🇨🇳👩‍👩‍👧",
    "서울–北京 «협력» 合作",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    '"; DROP TABLE teams_exchange; --',
    "%s %d %(name)s {0} {{ user }}",
    "../../etc/passwd",
    "a\r\nb\rc\nd",
    "  padded  ",
]
BAD_TEXT = [
    "",
    " ",
    "\t\n",
    HUGE,
    "\x00",
    "a\x00b",
    "\x1b[31m\x07",
    "null",
    "None",
    "NaN",
    "[]",
    "{}",
    "true",
]
BAD_NUMBERS = [
    "-1",
    "0",
    "-0",
    "1e309",
    "-1e309",
    "1e-400",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 400,
    "NaN",
    "Infinity",
    "1.5",
    "1,5",
    "0x10",
    "1_000",
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "3.14159265358979323846264338327950288",
]
BAD_DATES = [
    "2026-02-30",
    "31/31/2026",
    "2026-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-1-1",
    "1 April 2026",
    "25:61",
    "24:00",
    "23:59:60",
    "-1",
    "2026-03-29T02:30",  # a time that does not exist in some zones
]
EDGE_DAYS = ["1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"]
OFF_SITE = ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]
BAD_FILE_NAMES = ["a.pdf", "x" * 300 + ".pdf", "nul\x00.pdf", "../../../etc/passwd", "résumé 📎.docx", "a.exe"]
BAD_FILE_CONTENTS = [b"", b"%PDF-1.4 minutes\n", b"MZ\x90\x00\x03", b"PK\x03\x04garbage", b"\x00" * 64, b"a,b\n1,2\n"]

# Printable text a person may type: letters of the council's languages, digits, punctuation, and the
# odd Unicode above. Any of it must be stored exactly as typed (less surrounding whitespace).
PLAIN = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " .,;:!?-'\"&<>/()가나다北京首尔—é"),
    min_size=1,
    max_size=40,
).filter(str.strip)


def _bounded(field: Field, fallback: tuple[int, int]) -> tuple[int, int]:
    low, high = fallback
    try:
        low = int(float(field.attrs.get("min", low)))
        high = int(float(field.attrs.get("max", high)))
    except ValueError:
        pass
    return low, max(low, min(high, low + 10_000))


def offered(field: Field) -> list[str]:
    """The values the page offers for the field: its options, and what it was filled in with."""
    values = list(field.options)
    if isinstance(field.value, str) and field.value not in values:
        values.append(field.value)
    return values


def valid_value(field: Field) -> st.SearchStrategy:
    """A value a person could enter with the page as it is (which the form may still refuse as a whole)."""
    choices = [value for value in offered(field) if value != ""]
    if field.kind == "multiple":
        return st.lists(st.sampled_from(choices), unique=True, max_size=4) if choices else st.just([])
    if field.kind in ("select", "radio", "submit", "hidden", "checkbox"):
        return st.sampled_from(choices) if choices else st.just("")
    if field.kind == "number":
        low, high = _bounded(field, (0, 1000))
        step = field.attrs.get("step", "1")
        integers = st.integers(low, high).map(str)
        return integers if step in ("1", "") else st.one_of(integers, st.decimals(low, high, places=2).map(str))
    if field.kind == "date":
        # Mostly days around now; sometimes one at the ends of the span people may enter, or beyond it.
        days = st.dates(dt.date(2020, 1, 1), dt.date(2028, 12, 31)).map(dt.date.isoformat)
        return st.one_of(days, days, days, st.sampled_from(EDGE_DAYS))
    if field.kind == "time":
        return st.times().map(lambda t: t.strftime("%H:%M"))
    if field.kind == "datetime-local":
        return st.builds(lambda day, time: f"{day}T{time:%H:%M}", st.dates(dt.date(2020, 1, 1)), st.times())
    if field.kind == "email":
        return st.sampled_from(["someone@example.org", "이메일@example.kr"])
    if field.kind == "file":
        return upload(valid=True)
    return st.one_of(PLAIN, st.sampled_from(ODD_TEXT), st.sampled_from(choices) if choices else PLAIN)


def bad_value(field: Field, foreign_ids: list[int]) -> st.SearchStrategy:
    if field.kind == "file":
        return upload(valid=False)
    pools = [BAD_TEXT, BAD_NUMBERS, ODD_TEXT]
    if field.kind in ("date", "time", "datetime-local"):
        pools.append(BAD_DATES)
    if field.name in ("next", "url", "redirect", "return_to"):
        pools.append(OFF_SITE)
    ids = st.sampled_from([*foreign_ids, 0, -1, 2**63, 2**64]).map(str) if foreign_ids else st.just("0")
    single = st.one_of(*(st.sampled_from(pool) for pool in pools), ids, st.text(max_size=30))
    if field.kind == "multiple":
        return st.lists(st.one_of(single, ids), min_size=1, max_size=3)
    return single


def upload(*, valid: bool) -> st.SearchStrategy:
    names = ["minutes.pdf", "letter.pdf"] if valid else BAD_FILE_NAMES
    contents = [b"%PDF-1.4 minutes\n%%EOF\n"] if valid else BAD_FILE_CONTENTS
    return st.builds(
        lambda name, content: SimpleUploadedFile(name, content, content_type="application/pdf"),
        st.sampled_from(names),
        st.sampled_from(contents),
    )


DEFAULT, VALID, BAD, ABSENT = "default", "valid", "bad", "absent"


@st.composite
def submission(draw, form: Form, foreign_ids: list[int]) -> dict:
    """One submission of the form. About a third leave every field sane (default or valid), so that the
    success path is walked too; the rest put a bad value, or none, into some fields."""
    sane = draw(st.integers(0, 2)) == 0
    modes = [DEFAULT, VALID] if sane else [DEFAULT, VALID, BAD, BAD, ABSENT]
    data = {}
    for name, field in form.fields.items():
        mode = draw(st.sampled_from(modes), label=name)
        if mode == ABSENT or (mode == DEFAULT and field.kind == "submit"):
            continue
        if mode == DEFAULT:
            value = field.value
            if value is None or (field.kind == "file" and not value):
                continue
        elif mode == VALID:
            value = draw(valid_value(field), label=name)
        else:
            value = draw(bad_value(field, foreign_ids), label=name)
        if field.kind == "checkbox" and isinstance(value, list):
            if not value:
                continue
            value = value[0]
        data[name] = value
    for name, value in form.query.items():  # the address's own parameters: kept, or bad, or left out
        mode = draw(st.sampled_from([DEFAULT, DEFAULT, BAD, ABSENT]), label=f"?{name}")
        if mode != ABSENT:
            query_field = Field(name=name, kind="hidden", value=value)
            data[QUERY + name] = value if mode == DEFAULT else draw(bad_value(query_field, foreign_ids))
    return data


QUERY = "?"  # marks a parameter of the address in a submission's data
