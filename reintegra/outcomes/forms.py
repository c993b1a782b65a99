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

    def __init__(self, *args: Any, with_guardian: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_guardian = with_guardian
        for code in Outcome.values:
            self.fields[f"{code}_worker"] = forms.ChoiceField(
                label=_("%(outcome)s: the worker's score") % {"outcome": code},
                choices=Score.choices,
                initial=Score.NOT_ASSESSED,
            )
            self.fields[f"{code}_person"] = forms.ChoiceField(
                label=_("%(outcome)s: the person's score") % {"outcome": code},
                choices=Score.choices,
                initial=Score.NOT_ASSESSED,
            )
            if with_guardian:
                self.fields[f"{code}_guardian"] = forms.ChoiceField(
                    label=_("%(outcome)s: the guardian's score") % {"outcome": code},
                    choices=Score.choices,
                    initial=Score.NOT_ASSESSED,
                    required=False,
                )
            self.fields[f"{code}_why"] = forms.CharField(
                label=_("%(outcome)s: why") % {"outcome": code}, max_length=2000, required=False
            )
            # The table shows only the boxes, under column headings a screen reader does not tie
            # to them: each box says which outcome and whose score it is.
            for name in (f"{code}_worker", f"{code}_person", f"{code}_guardian", f"{code}_why"):
                if name in self.fields:
                    self.fields[name].widget.attrs["aria-label"] = str(self.fields[name].label)
        if with_guardian:
            self.fields["guardian_view"] = forms.CharField(
                label=_("The guardian's view"),
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                # Checked by the workflow, whose message says what to write when the guardian
                # could not be reached.
                required=False,
                help_text=_("The person has an appointed guardian: their view is the review's third voice."),
            )

    def rows(self) -> list[tuple[str, Any, Any, Any, Any, Any]]:
        return [
            (
                code,
                label,
                self[f"{code}_worker"],
                self[f"{code}_person"],
                self[f"{code}_guardian"] if self.with_guardian else None,
                self[f"{code}_why"],
            )
            for code, label in Outcome.choices
        ]

    def guardian_scores(self) -> dict[str, str]:
        if not self.with_guardian:
            return {}
        return {code: self.cleaned_data[f"{code}_guardian"] or Score.NOT_ASSESSED for code in Outcome.values}

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
