"""Form fields of the teams' records that several forms choose from."""

from django import forms
from django.utils.formats import date_format

from common.forms import ModelMultipleChoiceField
from teams.models import Exchange
from translations.reading import with_versions


def dated_title(exchange: Exchange) -> str:
    """An exchange as a choice: "Youth forum (12 March 2027)", so that equal titles can be told apart.
    The title in the reader's language, the date in the reader's format."""
    return f"{exchange.display_title} ({date_format(exchange.starts_on, 'DATE_FORMAT')})"


class ExchangeLabel:
    """An exchange as a choice: its title, its first day (the lists come by date) and where it stands.

    The title is read in the reader's language, so the choices come with their versions: whichever
    queryset a form gives, its labels cost one query more, not one per exchange.
    """

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else with_versions(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, exchange: Exchange) -> str:
        return f"{dated_title(exchange)} · {exchange.get_status_display()}"


class ExchangeChoiceField(ExchangeLabel, forms.ModelChoiceField):
    """One exchange (the one an opportunity became, the one a letter is about)."""


class ExchangeMultipleChoiceField(ExchangeLabel, ModelMultipleChoiceField):
    """Several exchanges (those that count toward a goal, or carry out a commitment)."""
