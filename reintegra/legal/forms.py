from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from reintegra.cases.vocabularies import IdentificationStatus, IdentifyingAuthorityType
from reintegra.core.forms import CompactForm, DateField, DateInput, Form
from reintegra.legal.models import (
    CountryRules,
    Decision,
    EventKind,
    PersonRole,
    ProceedingKind,
    ReturnType,
    StayKind,
    StayRule,
    StepKind,
)


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
        help_text=_(
            "As written on a granted permit. Left empty, the date comes from the country's rule where it sets a length."
        ),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stay"].queryset = (  # type: ignore[attr-defined]
            StayRule.objects.exclude(kind=StayKind.REFLECTION).select_related("country").order_by("country", "kind")
        )


class IdentificationForm(Form):
    status = forms.ChoiceField(label=_("Identification"), choices=IdentificationStatus.choices)
    identified_on = DateField(label=_("Identified on"), widget=DateInput, past_only=True, required=False)
    authority = forms.CharField(
        label=_("Identified by"),
        max_length=200,
        required=False,
        help_text=_("The authority or organisation, e.g. “Anti-trafficking police, Hải Phòng”."),
    )
    authority_type = forms.ChoiceField(
        label=_("Kind of identifying body"),
        choices=[("", _("— (not known)")), *IdentifyingAuthorityType.choices],
        required=False,
    )
    country = forms.ChoiceField(label=_("Country where it happened"), choices=(), required=False)
    return_type = forms.ChoiceField(
        label=_("Return"),
        choices=[("", _("— (no return involved)")), *ReturnType.choices],
        required=False,
        help_text=_("Where the person was identified after coming back, how they came back."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form: the names follow the reader's language.
        self.fields["country"].choices = [("", _("— (not known)")), *countries]  # type: ignore[attr-defined]


class ProceedingForm(Form):
    kind = forms.ChoiceField(label=_("Kind of proceeding"), choices=ProceedingKind.choices)
    role = forms.ChoiceField(label=_("The person's role"), choices=PersonRole.choices)
    opened_on = DateField(label=_("Started on"), widget=DateInput, past_only=True)
    authority = forms.CharField(label=_("Court or authority"), max_length=200, required=False)
    reference = forms.CharField(label=_("File reference"), max_length=100, required=False)
    lawyer = forms.CharField(label=_("Lawyer or legal aid provider"), max_length=200, required=False)
    currency = forms.RegexField(
        label=_("Currency of any compensation"),
        regex=r"^[A-Za-z]{3}$",
        max_length=3,
        help_text=_("Three letters, e.g. GBP."),
    )


class ProceedingEventForm(CompactForm):
    kind = forms.ChoiceField(label=_("What"), choices=EventKind.choices)
    on = DateField(label=_("On"), widget=DateInput)
    # A number box gets no hint from CompactForm; in a row of boxes it needs one to be understood.
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"placeholder": _("Amount, for compensation")}),
    )
    agreed = forms.TypedChoiceField(
        label=_("The person's decision"),
        choices=[("", _("— (not a decision)")), ("yes", _("Agreed")), ("no", _("Did not agree"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
