from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, DateInput, Form, LinesField
from reintegra.safety.models import (
    OVERALL_CHOICES,
    AssessmentKind,
    ConcernRelationship,
    FactorLevel,
    TriggerKind,
)


class RiskAssessmentForm(Form):
    kind = forms.ChoiceField(label=_("Kind of assessment"), choices=AssessmentKind.choices)
    assessed_on = DateField(label=_("Assessed on"), widget=DateInput, past_only=True)
    assessed_by = forms.CharField(
        label=_("Assessed by"),
        max_length=200,
        help_text=_("Who made it: the team, a social worker, a police unit."),
    )
    traffickers = forms.ChoiceField(
        label=_("Traffickers and their associates"), choices=FactorLevel.choices, initial=FactorLevel.NOT_ASSESSED
    )
    community = forms.ChoiceField(label=_("Community"), choices=FactorLevel.choices, initial=FactorLevel.NOT_ASSESSED)
    family = forms.ChoiceField(label=_("Family"), choices=FactorLevel.choices, initial=FactorLevel.NOT_ASSESSED)
    own_sense = forms.ChoiceField(
        label=_("The person's own sense of safety"),
        choices=FactorLevel.choices,
        initial=FactorLevel.NOT_ASSESSED,
        help_text=_("Ask the person: an assessment without their view is incomplete."),
    )
    level = forms.ChoiceField(
        label=_("Overall risk level"),
        choices=[("", "—"), *OVERALL_CHOICES],
        help_text=_("High restricts the case to its team and hides the person's address from everyone else."),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False)
    next_review_on = DateField(
        label=_("Reassess by"), widget=DateInput, help_text=_("The date set for the next assessment.")
    )


class ContactsField(LinesField):
    """Emergency contacts, one a line: the name, a comma, the phone number."""

    def clean(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        contacts = []
        for line in super().clean(value):
            name, comma, phone = line.rpartition(",")
            if not comma or not name.strip() or not phone.strip():
                raise forms.ValidationError(
                    _("Write each contact as a name, a comma and a phone number: “%(line)s” is not.") % {"line": line}
                )
            contacts.append({"name": name.strip(), "phone": phone.strip()})
        return contacts

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return "\n".join(f"{item['name']}, {item['phone']}" for item in value)
        return super().prepare_value(value)


class SafetyPlanForm(Form):
    measures = forms.CharField(
        label=_("Protective measures"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, required=False
    )
    emergency_contacts = ContactsField(
        label=_("Emergency contacts"),
        help_text=_("One a line: name, phone number. Numbers without a country code are read as your country's."),
    )
    code_words = forms.CharField(
        label=_("Agreed code words"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    person_agreed_to_police = forms.BooleanField(
        label=_("The person agrees to coordination with the police"), required=False
    )
    police_contact = forms.CharField(
        label=_("Police contact"),
        max_length=500,
        required=False,
        help_text=_("Only with the person's agreement, ticked above."),
    )


class PersonOfConcernForm(Form):
    name = forms.CharField(label=_("Name they are known by"), max_length=200)
    relationship = forms.ChoiceField(label=_("Who they are to the person"), choices=ConcernRelationship.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    whereabouts = forms.CharField(label=_("Where they are known to be"), max_length=500, required=False)


class TriggerForm(Form):
    kind = forms.ChoiceField(label=_("What happened or is coming"), choices=TriggerKind.choices)
    on = DateField(label=_("On"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
