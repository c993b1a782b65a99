from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import CompactForm, DateField, DateInput, Form
from reintegra.outcomes.models import Outcome, ReviewKind, Score, SetbackKind


class ReviewForm(Form):
    reviewed_on = DateField(label=_("Reviewed on"), widget=DateInput, past_only=True)
    kind = forms.ChoiceField(label=_("Kind of review"), choices=ReviewKind.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, _label in Outcome.choices:
            self.fields[f"{code}_worker"] = forms.ChoiceField(choices=Score.choices, initial=Score.NOT_ASSESSED)
            self.fields[f"{code}_person"] = forms.ChoiceField(choices=Score.choices, initial=Score.NOT_ASSESSED)
            self.fields[f"{code}_why"] = forms.CharField(max_length=2000, required=False)

    def rows(self) -> list[tuple[str, Any, Any, Any, Any]]:
        return [
            (code, label, self[f"{code}_worker"], self[f"{code}_person"], self[f"{code}_why"])
            for code, label in Outcome.choices
        ]

    def ratings(self) -> dict[str, tuple[str, str, str]]:
        data = self.cleaned_data
        return {
            code: (data[f"{code}_worker"], data[f"{code}_person"], data[f"{code}_why"].strip())
            for code in Outcome.values
        }


class SetbackForm(CompactForm):
    occurred_on = DateField(label=_("When"), widget=DateInput)
    kind = forms.ChoiceField(label=_("What happened"), choices=SetbackKind.choices)
    description = forms.CharField(label=_("Details"), max_length=5000, required=False)
