from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import Form

# A referral package is a few kilobytes; anything far larger is not one.
MAX_PACKAGE_BYTES = 512 * 1024


class ImportForm(Form):
    package = forms.FileField(
        label=_("Package file"), help_text=_("The .json file a partner installation sent you, as it came.")
    )

    def clean_package(self) -> bytes:
        upload = self.cleaned_data["package"]
        if upload.size > MAX_PACKAGE_BYTES:
            raise forms.ValidationError(_("This file is far too large to be a referral package."))
        return bytes(upload.read())


class AnswerForm(Form):
    decision = forms.ChoiceField(
        label=_("Your answer"), choices=[("accept", _("Accept")), ("refuse", _("Refuse"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why you refuse (the sender reads this)"), required=False, max_length=2000, widget=forms.Textarea
    )


class IncomingMoveForm(Form):
    to_status = forms.ChoiceField(label=_("Now"))
    note = forms.CharField(
        label=_("Note to the sender"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.CharField(
        label=_("Outcome (when it is completed)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback = forms.CharField(
        label=_("Feedback to the sender"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = targets  # type: ignore[attr-defined]


class RecordsFileForm(Form):
    file = forms.FileField(
        label=_("File of case records"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx) with one person per row and the HTCDS column names in the first "
            "row. Only the first sheet of a workbook is read."
        ),
    )
    month_first = forms.BooleanField(
        label=_("Dates in the file are written month first (03/05/2024 is 5 March)"),
        required=False,
        help_text=_("Leave it unticked for day first (03/05/2024 is 3 May). Dates written 2024-05-03 read either way."),
    )


class ConfirmImportForm(Form):
    duplicates_seen = forms.BooleanField(
        label=_("I have looked at the possible duplicates; register them as new persons"), required=False
    )
