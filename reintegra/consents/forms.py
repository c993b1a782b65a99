from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.consents.actions import ConsentDecision
from reintegra.consents.models import (
    ChildView,
    ConsentGiver,
    ConsentScope,
    ConsentStatus,
    InformationFormat,
    section_for_scope,
)
from reintegra.core.forms import LANGUAGE_CHOICES, CompactForm, DateField, DateInput, FarDatesForm


class ConsentForm(FarDatesForm):
    scope = forms.ChoiceField(label=_("About"), choices=ConsentScope.choices)
    subject = forms.CharField(label=_("What exactly"), max_length=300)
    status = forms.ChoiceField(
        label=_("Decision"), choices=[(ConsentStatus.GIVEN, _("Given")), (ConsentStatus.DECLINED, _("Declined"))]
    )
    decided_on = DateField(label=_("Decided on"), widget=DateInput, past_only=True)
    given_by = forms.ChoiceField(label=_("Decided by"), choices=ConsentGiver.choices, initial=ConsentGiver.SELF)
    giver_name = forms.CharField(label=_("Name of parent or guardian"), max_length=200, required=False)
    information_given = forms.CharField(
        label=_("What was explained"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("What it involves, who will know what, and that the answer can change at any time."),
    )
    information_format = forms.ChoiceField(label=_("Explained how"), choices=InformationFormat.choices)
    # No language is chosen in advance but the person's own: an alphabetical first would be
    # recorded without anyone noticing.
    language = forms.ChoiceField(label=_("In which language"), choices=[("", "—"), *LANGUAGE_CHOICES])
    interpreter = forms.CharField(
        label=_("Interpreter"), max_length=200, required=False, help_text=_("Leave empty if none.")
    )
    understood = forms.BooleanField(label=_("The person showed they understood"), required=False)
    child_view = forms.ChoiceField(
        label=_("The child's own view"),
        choices=[("", "—"), *ChildView.choices],
        required=False,
        help_text=_("For a child, when a parent, guardian or court decides."),
    )
    child_view_note = forms.CharField(
        label=_("The child's view, in their words"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    # Consents are re-confirmed at least every two years.
    review_on = DateField(label=_("Re-confirm by"), widget=DateInput, required=False, confirm_after_days=2 * 366)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False)

    def __init__(self, *args: Any, sections: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only scopes whose section this user may see on this case: a decision recorded here is
        # shown to the same people who may record it.
        scope_field = self.fields["scope"]
        if not isinstance(scope_field, forms.ChoiceField):
            raise TypeError("the scope field offers choices")
        scope_field.choices = [
            (value, label) for value, label in ConsentScope.choices if section_for_scope(value) in sections
        ]

    def decision(self) -> ConsentDecision:
        return ConsentDecision(**self.cleaned_data)


class WithdrawForm(CompactForm):
    withdrawn_on = DateField(label=_("Withdrawn on"), widget=DateInput, past_only=True)
    note = forms.CharField(label=_("What the person said"), max_length=2000, required=False)


class ReconfirmForm(CompactForm):
    reconfirmed_on = DateField(label=_("Re-confirmed on"), widget=DateInput, past_only=True)
    review_on = DateField(label=_("Next re-confirmation by"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
