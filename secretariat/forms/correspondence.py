"""Forms of the correspondence log: the list's filters, a communication, an attachment.

Validation and layout only; the views hand the cleaned data to secretariat.services.correspondence.
"""

import datetime as dt

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from assemblies.models import Assembly
from common.dates import DAY_VALIDATORS, DayField, DayInput, TimeOfDayInput
from common.filters import OrderingFilter
from common.forms import Grouped, GroupedModelMultipleChoiceField, name_empty_choices, reason_field
from common.timezones import local_instant
from common.uploads import checked_upload
from council.models import City, Council, Person
from council.permissions import Access
from secretariat.models import Correspondence
from secretariat.permissions import visible_correspondence
from teams.forms.fields import ExchangeChoiceField, SearchedExchangeSelect
from teams.models import Exchange, Team
from translations.forms import VersionsFormMixin, layout_with_versions
from translations.reading import texts_matching

SUMMARY_MAX_LENGTH = 20_000
SEARCHED_FIELDS = ("subject", "summary", "reference")
# A letter is logged when it is sent or about to be: a later date is a typing mistake.
LATEST_AHEAD = dt.timedelta(days=366)


def direction_choices(cities) -> dict[str, tuple[City, City]]:
    """Every ordered pair of member cities, keyed "SEL-BJS": for N cities, N × (N - 1) directions."""
    return {f"{a.code}-{b.code}": (a, b) for a in cities for b in cities if a.pk != b.pk}


def day_starts(day: dt.date, cities) -> Q:
    """Sent on or after `day` on the sending city's calendar, the calendar its reference year follows."""
    query = Q()
    for city in cities:
        query |= Q(from_city=city, sent_at__gte=dt.datetime.combine(day, dt.time.min, tzinfo=city.zone))
    return query


class _ReferenceOrdering(OrderingFilter):
    """Sorting by reference is by year, then number (the text would sort by direction first);
    the newest-first tie-breaker keeps pages stable."""

    def filter(self, qs, value):
        if not value:
            return qs
        fields = []
        for param in value:
            field = self.get_ordering_value(param)
            if field.lstrip("-") == "reference":
                sign = "-" if field.startswith("-") else ""
                fields += [f"{sign}year", f"{sign}number"]
            else:
                fields.append(field)
        return qs.order_by(*fields, "-pk")


class CorrespondenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    sent_from = django_filters.DateFilter(
        label=_("From"),
        method="sent_on_or_after",
        widget=DayInput,
        validators=DAY_VALIDATORS,
    )
    sent_until = django_filters.DateFilter(
        label=_("Until"),
        method="sent_on_or_before",
        widget=DayInput,
        validators=DAY_VALIDATORS,
    )
    direction = django_filters.ChoiceFilter(label=_("Direction"), method="in_direction", empty_label=_("Both ways"))
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Correspondence.Channel.choices, empty_label=_("All channels")
    )
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("All teams"))
    ordering = _ReferenceOrdering(
        label=_("Sort by"),
        empty_label=_("Newest first"),
        fields=(("sent_at", "sent_at"), ("reference", "reference"), ("subject", "subject"), ("channel", "channel")),
        field_labels={
            "sent_at": _("Date"),
            "reference": _("Reference"),
            "subject": _("Subject"),
            "channel": _("Channel"),
        },
    )

    class Meta:
        model = Correspondence
        fields = ["q", "sent_from", "sent_until", "direction", "channel", "team"]

    def __init__(self, data=None, *, access: Access, cities, **kwargs):
        """`cities`: the council's member cities in rotation order (the caller has them already)."""
        super().__init__(data, queryset=visible_correspondence(access), **kwargs)
        self.cities = list(cities)
        self.directions = direction_choices(self.cities)
        self.filters["direction"].extra["choices"] = [
            (key, f"{a.name} → {b.name}") for key, (a, b) in self.directions.items()
        ]
        self.filters["team"].queryset = Team.objects.filter(pk__in=self.queryset.values("team")).order_by("order")

    def search(self, queryset, name, value):
        """By reference, or by subject or summary in any language they are read in."""
        return queryset.filter(texts_matching(Correspondence, SEARCHED_FIELDS, value))

    def sent_on_or_after(self, queryset, name, value):
        return queryset.filter(day_starts(value, self.cities))

    def sent_on_or_before(self, queryset, name, value):
        return queryset.exclude(day_starts(value + dt.timedelta(days=1), self.cities))

    def in_direction(self, queryset, name, value):
        from_city, to_city = self.directions[value]
        return queryset.filter(from_city=from_city, to_city=to_city)


class RelatedExchangeField(Grouped, ExchangeChoiceField):
    """The exchange a letter is about, under its team, with its date: two exchanges may share a title."""


class CorrespondenceForm(VersionsFormMixin, forms.ModelForm):
    sent_on = DayField(label=_("Date"))
    sent_time = forms.TimeField(
        label=_("Time"),
        widget=TimeOfDayInput,
        help_text=_("Local time in the sending city."),
    )
    file = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Optional: the letter or its minutes. More files can be attached afterwards."),
    )

    class Meta:
        model = Correspondence
        fields = ["from_city", "to_city", "channel", "subject", "summary", "people", "team", "exchange", "assembly"]
        # Chosen under a heading: people under their city, exchanges under their team.
        field_classes = {"people": GroupedModelMultipleChoiceField, "exchange": RelatedExchangeField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "people": forms.SelectMultiple(attrs={"size": 10}),
            "exchange": SearchedExchangeSelect,
        }

    def __init__(self, *args, council: Council, cities, with_file: bool = False, **kwargs):
        """`cities`: the council's member cities in rotation order."""
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.cities = list(cities)
        city_ids = [city.pk for city in self.cities]
        for name in ("from_city", "to_city"):
            self.fields[name].queryset = City.objects.filter(pk__in=city_ids)
            self.fields[name].choices = [("", "—"), *((city.pk, city.name) for city in self.cities)]
        summary = self.fields["summary"]
        summary.max_length = SUMMARY_MAX_LENGTH
        summary.validators.append(MaxLengthValidator(SUMMARY_MAX_LENGTH))
        summary.widget.attrs["maxlength"] = str(SUMMARY_MAX_LENGTH)
        self._limit_choices(council, city_ids)
        if self.instance.pk and self.instance.sent_at:
            local = timezone.localtime(self.instance.sent_at, self.instance.from_city.zone)
            self.initial.setdefault("sent_on", local.date())
            self.initial.setdefault("sent_time", local.time().replace(second=0, microsecond=0))
        if not with_file:
            del self.fields["file"]
        name_empty_choices(self)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _limit_choices(self, council: Council, city_ids: list[int]) -> None:
        """Only the council's own people, teams, exchanges and assemblies: another id is "not a valid choice"."""
        city_order = Case(
            *[When(city_id=pk, then=Value(index)) for index, pk in enumerate(city_ids)], default=Value(len(city_ids))
        )
        people = Person.objects.filter(council=council).select_related("city")
        self.fields["people"].queryset = people.order_by(city_order, "name_romanised", "name")
        self.fields["people"].group_by = lambda person: person.city
        self.fields["people"].help_text = _("People of both cities.")
        self.fields["team"].queryset = Team.objects.filter(council=council).order_by("order")
        exchanges = (
            Exchange.objects.filter(team__council=council).select_related("team").order_by("team__order", "-starts_on")
        )
        self.fields["exchange"].queryset = exchanges
        self.fields["exchange"].group_by = lambda exchange: exchange.team
        self.fields["assembly"].queryset = Assembly.objects.filter(council=council).order_by("-sequence")
        for name in ("team", "exchange", "assembly"):
            self.fields[name].empty_label = "—"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                self.content_type = checked_upload(upload)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return upload

    def clean_sent_on(self):
        day = self.cleaned_data["sent_on"]
        if day > timezone.localdate() + LATEST_AHEAD:
            raise forms.ValidationError(_("Enter a date at most a year from now."))
        return day

    def clean(self):
        data = super().clean()
        from_city, to_city = data.get("from_city"), data.get("to_city")
        if from_city and to_city and from_city == to_city:
            # An error on to_city also keeps the model's check constraint from repeating it.
            self.add_error("to_city", _("A communication goes from one city to another: choose two different cities."))
        if from_city and data.get("sent_on") and data.get("sent_time"):
            self.instance.sent_at = local_instant(data["sent_on"], data["sent_time"], from_city.zone)
            self._check_after_original()
        self._check_exchange_team(data)
        return data

    def _check_after_original(self) -> None:
        original = self.instance.in_reply_to
        if original is not None and self.instance.sent_at < original.sent_at:
            local = timezone.localtime(original.sent_at, original.from_city.zone)
            self.add_error(
                "sent_on",
                _("A reply cannot be sent before what it answers (%(when)s in %(city)s).")
                % {"when": date_format(local, "DATETIME_FORMAT"), "city": original.from_city.name},
            )

    def _check_exchange_team(self, data) -> None:
        """A letter about an exchange concerns the exchange's team (whose leads then read it)."""
        exchange, team = data.get("exchange"), data.get("team")
        if exchange is None:
            return
        if team is None:
            data["team"] = exchange.team
        elif exchange.team_id != team.pk:
            self.add_error(
                "exchange", _("This exchange belongs to the %(team)s, not the %(other)s.")
                % {"team": exchange.team.name, "other": team.name},
            )  # fmt: skip

    def attachments(self) -> list:
        """(upload, content type) pairs for the service."""
        upload = self.cleaned_data.get("file")
        return [(upload, self.content_type)] if upload else []


class WithdrawForm(VersionsFormMixin, forms.Form):
    """Why a communication is withdrawn, in the language it is written in (the others beside it)."""

    versions_model = Correspondence
    language_editable = False

    withdrawn_reason = reason_field(
        _("Reason for withdrawing"), required_message=_("Say why the communication is withdrawn.")
    )

    def __init__(self, *args, letter: Correspondence, **kwargs):
        super().__init__(*args, record=letter, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout_with_versions(self)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.content_type = checked_upload(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return upload
