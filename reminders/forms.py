"""Forms of the reminders pages: a rule's schedule and the deliveries list's filters. Validation only; no writes."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.kinds import KINDS
from reminders.models import Delivery, ReminderRule

MAX_DAYS = 12  # more moments than this is a reminder a week for months: nobody reads those
HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


class RuleForm(forms.Form):
    """When one kind of reminder goes out. The days are typed as a list ("180, 90, 30, 7, 1")."""

    days = forms.CharField(
        label=_("Days"),
        max_length=200,
        error_messages={"required": _("Enter at least one day.")},
    )
    repeat_every_days = forms.IntegerField(
        label=_("Then repeat every (days)"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Leave empty to send only on the days above."),
        error_messages={
            "invalid": _("Enter a whole number of days between 1 and 365."),
            "min_value": _("Enter a whole number of days between 1 and 365."),
            "max_value": _("Enter a whole number of days between 1 and 365."),
        },
    )
    send_hour = forms.TypedChoiceField(
        label=_("Hour of sending"),
        choices=HOURS,
        coerce=int,
        help_text=_("Local time in each recipient's city."),
        error_messages={"invalid_choice": _("Choose an hour between 00:00 and 23:00.")},
    )
    active = forms.BooleanField(label=_("Active"), required=False, help_text=_("An inactive rule sends nothing."))

    def __init__(self, *args, rule: ReminderRule, **kwargs):
        self.rule = rule
        kind = self.kind = rule.reminder_kind
        initial = {
            "days": ", ".join(str(day) for day in rule.days),
            "repeat_every_days": rule.repeat_every_days,
            "send_hour": rule.send_hour,
            "active": rule.active,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["days"].help_text = kind.help_text
        if not kind.after:  # a repeat only follows a date that has passed (an overdue item)
            del self.fields["repeat_every_days"]
        if kind.own_time:  # a draft's notice goes at the time of its step: no hour to choose
            del self.fields["send_hour"]

    def clean_days(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["days"].split(",") if part.strip()]
        if not parts:
            raise forms.ValidationError(self.fields["days"].error_messages["required"], code="required")
        if any(not re.fullmatch(r"-?\d+", part) for part in parts):
            raise forms.ValidationError(
                _("Enter whole numbers of days separated by commas, for example “30, 7, 1”."), code="invalid"
            )
        days = [int(part) for part in parts]
        low, high = self.kind.day_range
        if any(day < low or day > high for day in days):
            refusal = _("Each day must be between %(min)s and %(max)s.") % {"min": low, "max": high}
            reason = str(self.kind.day_range_reason) % {"max": high}
            raise forms.ValidationError(f"{refusal} {reason}".strip(), code="out_of_range")
        repeated = sorted({day for day in days if days.count(day) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Each day may be given once; repeated: %(days)s.") % {"days": ", ".join(map(str, repeated))},
                code="repeated",
            )
        if len(days) > MAX_DAYS:
            raise forms.ValidationError(_("Give at most %(max)s days.") % {"max": MAX_DAYS}, code="too_many")
        return days

    def values(self) -> dict:
        """The keyword arguments of services.update_rule; no repeat for a kind that has none."""
        data = self.cleaned_data
        return {
            "days": data["days"],
            "repeat_every_days": data.get("repeat_every_days"),
            "send_hour": data.get("send_hour", self.rule.send_hour),
            "active": data["active"],
        }


def _kind_choices() -> list[tuple[str, str]]:
    return [(key, kind.label) for key, kind in KINDS.items()]


class DeliveryFilter(django_filters.FilterSet):
    """The deliveries list's filters, kept in the query string so a filtered list can be bookmarked."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Delivery.Status.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Reminder"), field_name="rule__kind", choices=_kind_choices, empty_label=_("All reminders")
    )

    class Meta:
        model = Delivery
        fields = ["status", "kind"]
