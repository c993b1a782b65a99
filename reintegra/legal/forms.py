from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, DateInput, Form
from reintegra.legal.models import CountryRules, Decision, StayRule, StepKind


class StayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StayRule) -> str:  # type: ignore[override]
        return f"{obj.country.country.name}: {obj.name} ({obj.duration_text()})"


class StatusStepForm(Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=CountryRules.objects.all(),
        help_text=_("The country whose law the step falls under. Its rules give the dates below."),
    )
    kind = forms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    on = DateField(label=_("On"), widget=DateInput, past_only=True, help_text=_("The day it happened."))
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("— (not a decision)")), *Decision.choices],
        required=False,
        help_text=_("For the mechanism's first or final decision only."),
    )
    stay = StayChoiceField(
        label=_("Permit"),
        queryset=StayRule.objects.none(),
        required=False,
        empty_label=_("— (not about a permit)"),
        help_text=_("For a permit applied for, granted or refused."),
    )
    valid_until = DateField(
        label=_("Valid until"),
        widget=DateInput,
        required=False,
        help_text=_("As written on a granted permit. Left empty, the country's rule gives the date."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stay"].queryset = (  # type: ignore[attr-defined]
            StayRule.objects.exclude(kind="reflection").select_related("country").order_by("country", "kind")
        )
