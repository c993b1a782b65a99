from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Role, User
from reintegra.cases.actions import MORE_ABOUT_WHAT_HAPPENED, CaseDetails, PersonDetails
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import (
    AgeBand,
    CaseStatus,
    ClosureReason,
    ControlMethod,
    DocumentType,
    ExploitationType,
    Gender,
    IdentificationStatus,
    IdentifyingAuthorityType,
    LabourIndustry,
    MaritalStatus,
    RecruitmentMethod,
    ReopeningReason,
    ReopeningRequester,
    SexualExploitationForm,
    TraffickerRelationship,
    Vulnerability,
    WebsiteOrApp,
)
from reintegra.core.forms import LANGUAGE_CHOICES, CountriesField, DateField, DateInput, Form, LinesField


class PersonForm(Form):
    given_name = forms.CharField(label=_("Given name"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    other_names = LinesField(label=_("Other names and aliases"), help_text=_("One a line."))
    birth_date = DateField(label=_("Date of birth"), required=False, widget=DateInput, past_only=True)
    estimated_birth_year = forms.IntegerField(
        label=_("Estimated year of birth"),
        required=False,
        min_value=1900,
        help_text=_("When the exact date is unknown."),
    )
    age_band = forms.ChoiceField(
        label=_("Age band"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
        help_text=_("When even the year is unknown."),
    )
    age_disputed = forms.BooleanField(label=_("Age disputed"), required=False)
    gender = forms.ChoiceField(label=_("Sex / gender"), choices=[("", "—"), *Gender.choices], required=False)
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=[("", "—"), *MaritalStatus.choices], required=False
    )
    nationalities = CountriesField(label=_("Nationalities"))
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGE_CHOICES, required=False)
    phones = LinesField(label=_("Phone numbers"), help_text=_("One a line."))
    emails = LinesField(label=_("Email addresses"), help_text=_("One a line."))
    addresses = LinesField(label=_("Addresses"), help_text=_("One a line."))
    document_type = forms.ChoiceField(
        label=_("Identity document"), choices=[("", "—"), *DocumentType.choices], required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10000
    )

    def __init__(self, *args: Any, with_location: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_location:
            # A high-risk case's address, for someone outside its team: neither shown nor taken.
            del self.fields["addresses"]

    def clean_estimated_birth_year(self) -> int | None:
        value = self.cleaned_data.get("estimated_birth_year")
        if value and value > timezone.localdate().year:
            raise forms.ValidationError(_("The year of birth cannot be in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("document_type")) != bool(data.get("document_number")):
            raise forms.ValidationError(_("Give both the kind of identity document and its number, or neither."))
        return data

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        documents = (
            [{"type": data["document_type"], "number": data["document_number"].strip()}]
            if data["document_number"]
            else []
        )
        return PersonDetails(
            given_name=data["given_name"].strip(),
            family_name=data["family_name"].strip(),
            other_names=data["other_names"],
            birth_date=data["birth_date"],
            estimated_birth_year=data["estimated_birth_year"],
            age_band=data["age_band"],
            age_disputed=data["age_disputed"],
            gender=data["gender"],
            marital_status=data["marital_status"],
            nationalities=data["nationalities"],
            languages=data["languages"],
            phones=data["phones"],
            emails=data["emails"],
            addresses=data.get("addresses", []),
            identity_documents=documents,
            notes=data["notes"],
        )

    @staticmethod
    def initial_from(person: Person, *, with_location: bool = True) -> dict[str, Any]:
        initial = {
            name: getattr(person, name)
            for name in PersonDetails.__dataclass_fields__
            if with_location or name != "addresses"
        }
        if person.identity_documents:
            initial["document_type"] = person.identity_documents[0].get("type", "")
            initial["document_number"] = person.identity_documents[0].get("number", "")
        return initial


class CaseForm(Form):
    FOLDED = MORE_ABOUT_WHAT_HAPPENED
    FOLDED_TITLE = _("More about what happened (optional)")

    identification_status = forms.ChoiceField(
        label=_("Identification"),
        choices=IdentificationStatus.choices,
        initial=IdentificationStatus.NOT_IDENTIFIED,
        help_text=_("Recorded for information only. Support never depends on it."),
    )
    identified_on = DateField(label=_("Identified on"), required=False, widget=DateInput)
    identifying_authority = forms.CharField(label=_("Identified by"), max_length=200, required=False)
    identifying_authority_type = forms.ChoiceField(
        label=_("Kind of identifying body"), choices=[("", "—"), *IdentifyingAuthorityType.choices], required=False
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    origin_countries = CountriesField(label=_("Countries of origin"))
    exploitation_countries = CountriesField(label=_("Countries of exploitation"))
    exploitation_began = DateField(label=_("Exploitation began"), required=False, widget=DateInput)
    exploitation_ended = DateField(label=_("Exploitation ended"), required=False, widget=DateInput)
    recruitment_methods = forms.MultipleChoiceField(
        label=_("Recruitment"), choices=RecruitmentMethod.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    # The rest of the HTCDS victim context: all optional, asked only when the person is ready to tell.
    recruitment_apps = forms.MultipleChoiceField(
        label=_("Websites and apps used to recruit"),
        choices=WebsiteOrApp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_apps = forms.MultipleChoiceField(
        label=_("Websites and apps used to exploit"),
        choices=WebsiteOrApp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    control_methods = forms.MultipleChoiceField(
        label=_("Means of control"), choices=ControlMethod.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    labour_industry = forms.ChoiceField(
        label=_("Industry of forced labour"), choices=[("", "—"), *LabourIndustry.choices], required=False
    )
    sexual_exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of sexual exploitation"),
        choices=SexualExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"),
        choices=Vulnerability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What made the person easier to exploit."),
    )
    trafficker_relationship = forms.ChoiceField(
        label=_("Relationship to the trafficker"),
        choices=[("", "—"), *TraffickerRelationship.choices],
        required=False,
    )
    at_risk = forms.BooleanField(label=_("At risk"), required=False, help_text=_("The person faces a current threat."))
    restricted = forms.BooleanField(
        label=_("Restricted"), required=False, help_text=_("Only the named team can open this case.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The rules themselves are the workflow's (actions.check_case_details); this only drops
        # what a "not identified" status makes meaningless.
        if data.get("identification_status") == IdentificationStatus.NOT_IDENTIFIED:
            data.update(identified_on=None, identifying_authority="", identifying_authority_type="")
        return data

    def case_details(self) -> CaseDetails:
        return CaseDetails(**{name: self.cleaned_data[name] for name in CaseDetails.__dataclass_fields__})

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        return {name: getattr(case, name) for name in CaseDetails.__dataclass_fields__}


class TeamForm(Form):
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=User.objects.none(), required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible case worker"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("One of the team, who answers for the case day to day. Left empty: you, when you open it."),
    )
    team = forms.ModelMultipleChoiceField(label=_("Team"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        colleagues = User.objects.filter(organisation_id=organisation_id, is_active=True).order_by(
            "last_name", "username"
        )
        managers = colleagues.filter(role_grants__role=Role.SUPERVISOR).distinct()
        caseworkers = colleagues.filter(role_grants__role__in=[Role.CASE_WORKER, Role.SUPERVISOR]).distinct()
        self.fields["supervisor"].queryset = managers  # type: ignore[attr-defined]
        self.fields["team"].queryset = caseworkers  # type: ignore[attr-defined]
        self.fields["supervisor"].label_from_instance = User.display_name  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = caseworkers  # type: ignore[attr-defined]
        self.fields["responsible"].label_from_instance = User.display_name  # type: ignore[attr-defined]
        self.fields["team"].label_from_instance = User.display_name  # type: ignore[attr-defined]


class OpeningForm(Form):
    """For a case that began on paper: its real opening date, and why it is entered later."""

    opened_on = DateField(
        label=_("Opened on"),
        required=False,
        past_only=True,
        widget=DateInput,
        help_text=_("Leave empty for today. An earlier date needs a reason, and the history marks it."),
    )
    backdated_because = forms.CharField(
        label=_("Why the earlier date"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuplicateConfirmationForm(Form):
    confirm_new_person = forms.BooleanField(
        label=_("I have checked: this is a different person, register them anyway."), required=False
    )


class StatusForm(Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    closure_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "—"), *ClosureReason.choices], required=False
    )
    reopening_reason = forms.ChoiceField(
        label=_("Why the case is reopened"),
        choices=[("", "—"), *((v, label) for v, label in ReopeningReason.choices if v != ReopeningReason.NOT_RECORDED)],
        required=False,
    )
    requested_by = forms.ChoiceField(
        label=_("Who asked for it"),
        choices=[
            ("", "—"),
            *((v, label) for v, label in ReopeningRequester.choices if v != ReopeningRequester.NOT_RECORDED),
        ],
        required=False,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)


class SearchForm(Form):
    class Kind:
        NUMBER = "number"
        NAME = "name"
        PHONE = "phone"
        BIRTH_DATE = "birth_date"

    kind = forms.ChoiceField(
        label=_("Search by"),
        choices=[
            (Kind.NUMBER, _("Case number")),
            (Kind.NAME, _("Name, or parts of it")),
            (Kind.PHONE, _("Phone number")),
            (Kind.BIRTH_DATE, _("Date of birth")),
        ],
    )
    value = forms.CharField(label=_("Search for"), max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == self.Kind.BIRTH_DATE and data.get("value"):
            try:
                data["birth_date"] = date.fromisoformat(data["value"].strip())
            except ValueError:
                self.add_error("value", _("Write the date as YYYY-MM-DD, for example 1998-04-17."))
        return data


class EmergencyAccessForm(Form):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("As it is written on the case, for example SHELTER-2026-00012."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    emergency_reason = forms.CharField(
        label=_("Why it cannot wait for the case's team"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The case's supervisor is told at once, and your reason stays in the case's access log."),
    )
