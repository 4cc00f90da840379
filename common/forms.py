"""Form fields and parsing shared by the apps' forms and views."""

import re

from django import forms

MAX_ID = 2**63 - 1  # the largest value of a 64-bit key
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²".isdigit() is true, yet int("²") fails


def whole_number(value) -> int | None:
    """A whole number as a request gives it (a query parameter, a hidden field): ASCII digits within 64 bits,
    else None. For views that read an id or a year themselves: `"²".isdigit()` is true, yet `int("²")`
    raises, and a lookup with it or with a number past 64 bits would be a server error, not "not found".
    """
    text = str(value)
    if not _ID.fullmatch(text) or int(text) > MAX_ID:
        return None
    return int(text)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a number past 64 bits as "not one of the available choices" before any query:
    SQLite cannot take it as a query parameter (OverflowError, a server error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk))) > MAX_ID
            except ValueError:  # not a number: the base class refuses it with its own message
                continue
            if too_big:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)
