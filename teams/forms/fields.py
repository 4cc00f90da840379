"""Form fields of the teams' records that several forms choose from."""

from django import forms

from common.forms import ModelMultipleChoiceField
from teams.models import Exchange


class ExchangeLabel:
    """An exchange as a choice: its first day (the lists come by date), its title and where it stands."""

    def label_from_instance(self, exchange: Exchange) -> str:
        return f"{exchange.starts_on:%Y-%m-%d} · {exchange.display_title} · {exchange.get_status_display()}"


class ExchangeChoiceField(ExchangeLabel, forms.ModelChoiceField):
    """One exchange (the one an opportunity became)."""


class ExchangeMultipleChoiceField(ExchangeLabel, ModelMultipleChoiceField):
    """Several exchanges (those that count toward a goal, or carry out a commitment)."""
