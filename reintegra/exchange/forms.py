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
