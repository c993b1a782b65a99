from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.cases.vocabularies import Gender
from reintegra.core.forms import CompactForm, DateField, DateInput, Form
from reintegra.family.actions import MemberDetails
from reintegra.family.models import NeedStatus, Relationship


class MemberFlagsForm(Form):
    dependant = forms.BooleanField(label=_("Depends on the person"), required=False)
    lives_with_person = forms.BooleanField(label=_("Lives with the person"), required=False)
    safe_to_contact = forms.BooleanField(
        label=_("Safe to contact"),
        required=False,
        help_text=_("Leave unticked unless the person has said so: some relatives took part in what happened."),
    )
    concerns = forms.CharField(
        label=_("Concerns about this relationship"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, show_concerns: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_concerns:
            # Concerns about a relative are sensitive: whoever may not read them may not write them.
            del self.fields["concerns"]


class MemberForm(MemberFlagsForm):
    field_order = ["given_name", "family_name", "relationship", "birth_date", "gender", "phone"]

    given_name = forms.CharField(label=_("Given name or the name the family uses"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    relationship = forms.ChoiceField(label=_("Relationship to the person"), choices=Relationship.choices)
    birth_date = DateField(label=_("Date of birth"), widget=DateInput, required=False, past_only=True)
    gender = forms.ChoiceField(label=_("Sex / gender"), choices=[("", "—"), *Gender.choices], required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)

    def details(self) -> MemberDetails:
        data: dict[str, Any] = {"concerns": "", **self.cleaned_data}
        phone = data.pop("phone").strip()
        return MemberDetails(**data, phones=[phone] if phone else [])


class NeedForm(CompactForm):
    area = forms.ChoiceField(label=_("Service area"))
    description = forms.CharField(label=_("Need"), max_length=1000)
    noted_on = DateField(label=_("Noted on"), widget=DateInput, past_only=True)

    def __init__(self, *args: Any, areas: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class NeedStatusForm(CompactForm):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
