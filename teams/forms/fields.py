"""Form fields of the teams' records that several forms choose from."""

import copy
import re
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format

from common.forms import GroupedModelMultipleChoiceField, ModelMultipleChoiceField
from teams.models import Exchange, Goal
from translations.reading import text_of, versions_lookup, with_versions


def dated_title(exchange: Exchange) -> str:
    """An exchange as a choice: "Youth forum (12 March 2027)", so that equal titles can be told apart.
    The title in the reader's language, the date in the reader's format."""
    return f"{exchange.display_title} ({date_format(exchange.starts_on, 'DATE_FORMAT')})"


def exchange_label(exchange: Exchange) -> str:
    """An exchange as a choice: its title, its first day (the lists come by date) and where it stands."""
    return f"{dated_title(exchange)} · {exchange.get_status_display()}"


class ExchangeLabel:
    """An exchange as a choice (`exchange_label`).

    The title is read in the reader's language, so the choices come with their versions: whichever
    queryset a form gives, its labels cost one query more, not one per exchange.
    """

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else with_versions(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, exchange: Exchange) -> str:
        return exchange_label(exchange)


class ExchangeChoiceField(ExchangeLabel, forms.ModelChoiceField):
    """One exchange (the one an opportunity became, the one a letter is about)."""


class ExchangeMultipleChoiceField(ExchangeLabel, ModelMultipleChoiceField):
    """Several exchanges (those that count toward a goal, or carry out a commitment)."""


class GoalMultipleChoiceField(GroupedModelMultipleChoiceField):
    """Goals (those an exchange counts toward) under their plan's title, both in the reader's language: the
    goals come with their plan and both their versions, in two queries more however many there are."""

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("plan").prefetch_related(versions_lookup(), versions_lookup("plan__"))
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def group_by(self, goal: Goal) -> str:
        return text_of(goal.plan, "title").value

    def label_from_instance(self, goal: Goal) -> str:
        return text_of(goal, "title").value


# Exchanges a searched list shows on its page before anything is typed: the latest by their first day.
LISTED = 30


class SearchedExchanges:
    """A list of exchanges too long for a page (a council's years of them): the page lists the chosen ones
    and the LISTED latest, and static/js/forms.js finds the others as one types, on the server
    (teams:exchange-choices; `search`: its query string, e.g. {"team": 3}). Without the script the
    listed ones can still be chosen. The field still takes any exchange of its queryset. A `search` set
    to None afterwards: nothing more to search (the list is then an ordinary one)."""

    def __init__(self, attrs=None, *, search: dict | None = None, **kwargs):
        super().__init__(attrs, **kwargs)
        self.search = search or {}

    def get_context(self, name, value, attrs):
        if self.search is not None:
            url = reverse("teams:exchange-choices")
            attrs = {**(attrs or {}), "data-search-url": f"{url}?{urlencode(self.search)}" if self.search else url}
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        every = self.choices
        # Only what could be an id: a refused value ("²", which isdigit() takes, or past 64 bits) lists nothing.
        chosen = [int(pk) for pk in value if re.fullmatch(r"[0-9]{1,18}", str(pk))]
        latest = every.queryset.order_by("-starts_on", "-pk").values("pk")[:LISTED]
        self.choices = copy.copy(every)
        self.choices.queryset = every.queryset.filter(Q(pk__in=chosen) | Q(pk__in=latest))
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


class SearchedExchangeSelect(SearchedExchanges, forms.Select):
    """One exchange of many (SearchedExchanges)."""


class SearchedExchangeSelectMultiple(SearchedExchanges, forms.SelectMultiple):
    """Several exchanges of many (SearchedExchanges)."""
