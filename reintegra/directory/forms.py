from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from reintegra.assessments.models import AREA_CHOICES
from reintegra.cases.vocabularies import ExploitationType, Gender
from reintegra.core.forms import LANGUAGE_CHOICES, CountriesField, Form
from reintegra.directory.models import OLDEST_AGE, LegalStatusRequired, Location, Provider, ServiceStatus, UnmetReason
from reintegra.exchange.models import Partner

# What an uploaded directory may weigh: a national directory of a few thousand services is far
# below it, and a larger upload is refused before it is read.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DirectoryFilterForm(Form):
    """The directory's filters, from the query string: a bad value is ignored, not an error."""

    area = forms.ChoiceField(label=_("Service area"), choices=[("", _("Any area")), *AREA_CHOICES], required=False)
    place = forms.CharField(label=_("District or province"), max_length=100, required=False)
    text = forms.CharField(label=_("Name or description contains"), max_length=100, required=False)
    include_closed = forms.BooleanField(label=_("Include services that are closed"), required=False)


class ProviderForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "---------"), *countries])
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    partner = forms.ModelChoiceField(
        label=_("Runs its own Reintegra, pinned here as"),
        queryset=Partner.objects.all(),
        required=False,
        help_text=_(
            "For a provider abroad whose installation's keys are pinned (Partner installations): referrals to it "
            "then travel as sealed packages. Leave empty otherwise."
        ),
    )


class LocationForm(Form):
    name = forms.CharField(label=_("Name of the place"), max_length=200)
    confidential = forms.BooleanField(
        label=_("Confidential address"),
        required=False,
        help_text=_("For shelters and safe houses: no street address is kept, only the district and province."),
    )
    address = forms.CharField(label=_("Street address"), max_length=300, required=False)
    city = forms.CharField(label=_("Town or city"), max_length=100, required=False)
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    province = forms.CharField(label=_("Province or state"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "---------"), *countries])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("confidential") and (cleaned.get("address") or cleaned.get("postal_code")):
            self.add_error(
                "address",
                _("A confidential place keeps no street address or postal code: empty those boxes, or untick it."),
            )
        return cleaned


class ServiceForm(Form):
    name = forms.CharField(label=_("Name of the service"), max_length=200)
    description = forms.CharField(
        label=_("What the service does"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    areas = forms.MultipleChoiceField(
        label=_("Service areas covered"), choices=AREA_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices, initial=ServiceStatus.ACTIVE)
    trafficking_specific = forms.BooleanField(
        label=_("Specific to trafficked persons"),
        required=False,
        help_text=_("Leave unticked for mainstream services open to the public, such as a district hospital."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where it is offered"),
        queryset=Location.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    serves_children = forms.BooleanField(label=_("Serves children"), required=False, initial=True)
    serves_adults = forms.BooleanField(label=_("Serves adults"), required=False, initial=True)
    minimum_age = forms.IntegerField(label=_("Youngest age served"), min_value=0, max_value=OLDEST_AGE, required=False)
    maximum_age = forms.IntegerField(label=_("Oldest age served"), min_value=0, max_value=OLDEST_AGE, required=False)
    genders = forms.MultipleChoiceField(
        label=_("Genders served (none ticked: everyone)"),
        choices=Gender.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nationalities = CountriesField(
        label=_("Nationalities served (none given: every nationality)"),
        help_text=_("Start typing a name and pick it from the list; one country a box."),
    )
    legal_status = forms.ChoiceField(
        label=_("Status asked of the person"), choices=LegalStatusRequired.choices, initial=LegalStatusRequired.NONE
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Forms of exploitation served (none ticked: every form)"),
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligibility_notes = forms.CharField(
        label=_("Other conditions"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the staff work in"), choices=LANGUAGE_CHOICES, required=False
    )
    free_of_charge = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    fees = forms.CharField(label=_("Fees"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=1_000_000, required=False)
    waiting_days = forms.IntegerField(label=_("Usual wait in days"), min_value=0, max_value=3650, required=False)
    hours = forms.CharField(label=_("Opening hours"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = provider.locations.all()  # type: ignore[attr-defined]


class ImportForm(Form):
    file = forms.FileField(
        label=_("Directory file"),
        help_text=_(
            "An Open Referral HSDS 3.0 data package (a .zip of CSV files with its datapackage.json) or a JSON "
            "list of services. Services and places already in the directory are updated by their identifier."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: split the directory.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


class MatchForm(Form):
    """Where the person is, to rank services nearby first; and an area to look in."""

    area = forms.ChoiceField(label=_("Look in one service area"), required=False)
    district = forms.CharField(label=_("District the person lives in"), max_length=100, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)

    def __init__(self, *args: Any, areas: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("The case's needs")), *areas]  # type: ignore[attr-defined]


class UnmetNeedForm(Form):
    area = forms.ChoiceField(label=_("Service area"))
    asked_for = forms.CharField(label=_("What the person needs"), max_length=1000)
    reason = forms.ChoiceField(label=_("Why it is unmet"), choices=UnmetReason.choices)
    answer_given = forms.CharField(
        label=_("What the person was told"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, areas: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]
