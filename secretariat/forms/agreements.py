"""Forms of the agreements register: filter, agreement, commitment. Validation and layout only; no writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from common.dates import DayField
from common.forms import TEXT_MAX, Grouped
from common.uploads import ALLOWED, checked_upload
from secretariat.models import Agreement, Commitment
from secretariat.services.agreements import INITIAL_STATUSES, allowed_next_statuses
from teams.forms.fields import ExchangeMultipleChoiceField, SearchedExchangeSelectMultiple
from teams.models import Exchange, Team
from translations.forms import VersionsFormMixin

DOCUMENT_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
DOCUMENT_KINDS = tuple(kind for kind in ALLOWED if kind.content_type in DOCUMENT_TYPES)


def document_content_type(name: str) -> str:
    """The content type a stored document is served with, from its name (checked when it was uploaded)."""
    name = name.lower()
    kind = next((k for k in DOCUMENT_KINDS if name.endswith(k.extensions)), None)
    return kind.content_type if kind else "application/octet-stream"


class AgreementFilterForm(forms.Form):
    """The list's filters, read from the query string so that a filtered list can be bookmarked."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    attention = forms.BooleanField(label=_("Only those due for review or expiring soon"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Agreement.Status.choices]

    def filters(self) -> dict:
        """The valid filters; an invalid one is reported by the form and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status", ""),
            "search": data.get("q", "").strip(),
            "attention_only": bool(data.get("attention")),
        }


class AgreementForm(VersionsFormMixin, forms.ModelForm):
    """Record or edit an agreement. The status offers only the steps the workflow allows from where it is."""

    parties = forms.CharField(
        label=_("Parties"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    signatories = forms.CharField(
        label=_("Signatories"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, with their office."),
    )
    document = forms.FileField(
        label=_("Signed document"),
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, Word (.docx) or a scan (PNG, JPEG); up to 10 MB. A new file replaces the current one."),
    )

    class Meta:
        model = Agreement
        fields = [
            "language", "title", "parties", "signed_on", "signed_place", "signatories",
            "status", "review_on", "expires_on", "document",
        ]  # fmt: skip
        field_classes = {"signed_on": DayField, "review_on": DayField, "expires_on": DayField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            statuses = (self.instance.status, *allowed_next_statuses(self.instance))
        else:
            statuses = INITIAL_STATUSES
        self.fields["status"].choices = [(value, Agreement.Status(value).label) for value in statuses]
        self.content_type = ""

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not isinstance(upload, UploadedFile):
            return upload  # none given: the current document stays
        try:
            self.content_type = checked_upload(upload, allowed=DOCUMENT_KINDS)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return upload


class CommitmentExchangeField(Grouped, ExchangeMultipleChoiceField):
    """The council's exchanges, grouped under their team."""

    @staticmethod
    def group_by(exchange: Exchange) -> str:
        return exchange.team.name


class CommitmentForm(VersionsFormMixin, forms.ModelForm):
    text = forms.CharField(
        label=_("Commitment"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the clause promises, in a sentence or two."),
    )
    exchanges = CommitmentExchangeField(
        label=_("Exchanges that carry it out"),
        queryset=Exchange.objects.none(),
        required=False,
        widget=SearchedExchangeSelectMultiple(attrs={"size": 12}),
        help_text=_("Exchanges of the owner team; of any team when the commitment has no owner team."),
    )

    order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=32767, initial=0, help_text=_("Commitments are listed in this order.")
    )

    class Meta:
        model = Commitment
        fields = ["clause", "text", "owner_team", "exchanges", "order"]

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_team"].queryset = Team.objects.filter(council_id=council_id).order_by("order", "code")
        self.fields["owner_team"].empty_label = _("No owner team (the whole council)")
        self.fields["exchanges"].queryset = (
            Exchange.objects.filter(team__council_id=council_id)
            .select_related("team")
            .order_by("team__order", "team_id", "-starts_on", "-pk")
        )

    def clean(self):
        data = super().clean()
        team, exchanges = data.get("owner_team"), data.get("exchanges") or []
        others = [exchange for exchange in exchanges if team is not None and exchange.team_id != team.pk]
        if others:
            self.add_error(
                "exchanges",
                _("These are not exchanges of the owner team, %(team)s: %(titles)s.")
                % {"team": team, "titles": "; ".join(e.display_title for e in others)},
            )
        return data
