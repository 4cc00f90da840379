"""The upload form of the exchange import: size, and type by content, checked before any row is read."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teams.transfer import sheets


class ExchangeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An Excel workbook (.xlsx) or a CSV file in UTF-8, at most %(limit)s, with the columns of the export."
        ) % {"limit": filesizeformat(sheets.MAX_UPLOAD_BYTES)}
        self.helper = FormHelper()
        self.helper.form_action = reverse("teams:exchange-import")
        self.helper.add_input(Submit("check", _("Check the file")))

    def clean_file(self):
        """Sets `file_format` and `rows`: the file's cells, read once here."""
        upload = self.cleaned_data["file"]
        try:
            sheets.check_size(upload.size)
            self.file_format = sheets.format_of(upload.name)
            upload.seek(0)
            self.rows = sheets.read_rows(upload.read(), self.file_format)
        except sheets.SheetError as error:
            raise forms.ValidationError(str(error)) from None
        return upload
