"""What every answer to a fuzzed submission must satisfy, given the database before and after it.

- Never a server error (the test client raises the view's exception; a 5xx answer fails here).
- A GET (a filter form) changes nothing, whatever it answers.
- An answer that is not a redirect (the form again with its errors, a refusal) changed nothing.
- A redirect stays on this site, and what it saved is what was submitted: the row written has the
  submitted values in its fields of the same name (text as typed, less surrounding whitespace; the
  choices, dates, numbers and boxes as chosen), and points to no row of another council.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from tests.fuzz.discovery import Form
from tests.fuzz.snapshot import changes, signature

# Fields whose stored form is by design not the typed one: (URL name, field) → how the form normalises it.
NORMALISED = {
    ("teams:plan-create", "currency"): str.upper,
    ("teams:plan-edit", "currency"): str.upper,
}


def check_answer(response, *, form: Form, data: dict, before: dict, foreign_ids: dict) -> None:
    assert response.status_code < 500, f"{response.status_code} from {form.action}"
    moved = changes(before, signature())
    if form.method == "get":
        assert moved == {}, f"a GET changed {sorted(moved)}"
    if response.status_code not in (301, 302, 303):
        assert moved == {}, f"answered {response.status_code}, yet changed {sorted(moved)}"
        return
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc) in (("", ""), ("http", "testserver")), (
        f"redirects off the site: {response['Location']}"
    )
    assert not location.path.startswith(("//", "/\\")), f"redirects off the site: {response['Location']}"
    if moved:
        rows = saved_rows(moved)
        for row in rows:
            assert_no_foreign_reference(row, foreign_ids)
        if rows:
            assert_round_trip(form, data, main_row(rows, data))


def saved_rows(moved: dict) -> list[models.Model]:
    """The row each changed model wrote last (its latest update, else its newest insert); no history rows."""
    rows = []
    for label, (before, after) in moved.items():
        model = apps.get_model(label)
        if model._meta.auto_created or model.__name__.startswith("Historical"):
            continue
        if after[0] < before[0] and after[1:] == before[1:]:  # rows only removed (a translation emptied)
            continue
        timestamped = any(field.name == "updated_at" for field in model._meta.concrete_fields)
        row = model._default_manager.order_by(*(("-updated_at", "-pk") if timestamped else ("-pk",))).first()
        if row is not None:
            rows.append(row)
    return rows


def main_row(rows: list[models.Model], data: dict) -> models.Model:
    """Of the rows written, the one the form is about: the one with most fields named as submitted."""

    def matching(row) -> int:
        return sum(1 for field in row._meta.get_fields() if field.name in data and field.concrete)

    return max(rows, key=matching)


def assert_no_foreign_reference(row: models.Model, foreign_ids: dict) -> None:
    for field in row._meta.concrete_fields:
        if field.is_relation and field.related_model in foreign_ids:
            assert getattr(row, field.attname) not in foreign_ids[field.related_model], (
                f"{row._meta.label} {row.pk}: {field.name} points to another council's row"
            )
    for field in row._meta.many_to_many:
        if field.related_model in foreign_ids:
            linked = set(getattr(row, field.name).values_list("pk", flat=True))
            assert not linked & foreign_ids[field.related_model], (
                f"{row._meta.label} {row.pk}: {field.name} links another council's rows"
            )


def assert_round_trip(form: Form, data: dict, row: models.Model) -> None:
    mismatches = []
    for name, submitted in data.items():
        field = form.fields.get(name)
        try:
            model_field = row._meta.get_field(name)
        except FieldDoesNotExist:  # no field of that name: nothing to compare
            continue
        if field is None or field.kind in NOT_TYPED or getattr(model_field, "editable", True) is False:
            continue
        expected = _expected(form, field, submitted, model_field)
        stored = _stored(row, model_field)
        if expected is not _SKIP and stored != expected:
            mismatches.append(f"{name}: submitted {submitted!r:.80}, stored {stored!r:.80}")
    assert not mismatches, f"{row._meta.label} {row.pk} is not what was submitted: " + "; ".join(mismatches)


# Not a value a person enters: a file (stored under its own name), a button, a password (hashed), and
# hidden fields (what the page knew, such as the cycle the person saw, not what is stored).
NOT_TYPED = ("file", "submit", "password", "hidden")
_SKIP = object()


def _expected(form: Form, field, submitted, model_field):
    if field.kind == "multiple":
        return {str(value) for value in (submitted if isinstance(submitted, list) else [submitted])}
    if isinstance(submitted, list):
        return _SKIP
    if field.kind == "select" and submitted == "":
        return _SKIP  # the empty choice: none, or the form's default ("the proposer's city")
    if field.kind == "checkbox":  # as a browser's box is read: "false" and "" unticked, any other value ticked
        return {"true": True, "false": False}.get(submitted.lower(), bool(submitted))
    if field.is_text:
        if not isinstance(model_field, (models.CharField, models.TextField)):
            return _SKIP  # typed as text, stored as something else (a list of days …)
        kept = submitted.replace("\r\n", "\n").replace("\r", "\n").strip()  # line breaks as LF (common.middleware)
        return NORMALISED.get((form.url_name, field.name), lambda text: text)(kept)
    return submitted


def _stored(row: models.Model, model_field):
    if model_field.many_to_many:
        return {str(pk) for pk in getattr(row, model_field.name).values_list("pk", flat=True)}
    if model_field.is_relation:
        value = getattr(row, model_field.attname)
        return "" if value is None else str(value)
    value = getattr(row, model_field.attname)
    if isinstance(model_field, models.BooleanField):
        return bool(value)
    if isinstance(value, dt.date):
        return _Same(value)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return _Same(value)
    return "" if value is None else value


class _Same:
    """A stored date or number, equal to the typed text that means it ("2026-05-01", "12.50" = 12.5)."""

    def __init__(self, value):
        self.value = value

    def __eq__(self, typed) -> bool:
        if isinstance(self.value, dt.datetime):
            return True  # a date-time field is typed as a date and a time in two fields: not compared
        if isinstance(self.value, dt.date):
            return self.value.isoformat() == typed
        try:
            return Decimal(self.value) == Decimal(str(typed))
        except InvalidOperation:
            return False

    def __repr__(self) -> str:
        return repr(self.value)
