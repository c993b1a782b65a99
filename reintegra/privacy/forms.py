from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, FarDatesForm, Form
from reintegra.orgs.models import Organisation
from reintegra.privacy.models import ErasureBasis, SharingPurpose


class LegalHoldForm(Form):
    reason = forms.CharField(
        label=_("Why must the data be kept?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proceeding, investigation or claim, and who asked for the data to be kept."),
    )


class LiftHoldForm(Form):
    lift_reason = forms.CharField(label=_("Why can the hold be lifted?"), max_length=2000)


class ErasureForm(Form):
    basis = forms.ChoiceField(label=_("On what basis?"), choices=ErasureBasis.choices, widget=forms.RadioSelect)
    confirm_number = forms.CharField(
        label=_("Type the case number to confirm"),
        max_length=32,
        help_text=_("Erasure cannot be undone."),
    )


class AgreementForm(FarDatesForm):
    with_organisation = forms.ModelChoiceField(
        label=_("With which organisation?"), queryset=Organisation.objects.none(), empty_label=_("Choose one")
    )
    purpose = forms.ChoiceField(label=_("For what?"), choices=SharingPurpose.choices)
    reference = forms.CharField(
        label=_("Reference of the signed agreement"), max_length=200, help_text=_("Where the signed copy is filed.")
    )
    signed_on = DateField(label=_("Signed on"), past_only=True)
    starts_on = DateField(label=_("In force from"))
    ends_on = DateField(label=_("In force until"), required=False, confirm_after_days=5 * 366)

    def __init__(self, *args: object, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["with_organisation"].queryset = Organisation.objects.exclude(pk=organisation_id).order_by("name")  # type: ignore[attr-defined]
