from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section
from reintegra.consents.models import ConsentGiver, ConsentStatus
from reintegra.core.forms import LANGUAGE_CHOICES, DateField, Form
from reintegra.referrals.models import MINIMUM_SECTIONS, SHAREABLE_SECTIONS, ReferralReason, ReferralStatus


class ProposeForm(Form):
    reason = forms.CharField(
        label=_("What the person is referred for"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    reason_kind = forms.TypedChoiceField(
        label=_("Why refer"),
        choices=ReferralReason.choices,
        initial=ReferralReason.MORE_SERVICES,
        required=False,
        empty_value=ReferralReason.MORE_SERVICES,
    )
    sections = forms.MultipleChoiceField(
        label=_("What to share (the minimum is ticked: share more only if the provider needs it)"),
        choices=[(section, Section(section).label) for section in SHAREABLE_SECTIONS],
        initial=list(MINIMUM_SECTIONS),
        widget=forms.CheckboxSelectMultiple,
    )
    action = forms.TypedChoiceField(label=_("Plan action it delivers"), coerce=int, required=False, empty_value=None)
    family_member = forms.TypedChoiceField(label=_("For whom"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, actions: list[tuple[int, str]], family: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("None")), *actions]  # type: ignore[attr-defined]
        self.fields["family_member"].choices = [("", _("The person themself")), *(family or [])]  # type: ignore[attr-defined]
        if not family:
            del self.fields["family_member"]


class SharingConsentForm(Form):
    status = forms.ChoiceField(
        label=_("The person's decision"),
        choices=[(ConsentStatus.GIVEN, _("Agrees to this sharing")), (ConsentStatus.DECLINED, _("Does not agree"))],
    )
    decided_on = DateField(label=_("Decided on"), past_only=True)
    information_given = forms.CharField(
        label=_("What the person was told (who receives what, and why)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    language = forms.ChoiceField(label=_("Language it was explained in"), choices=LANGUAGE_CHOICES)
    given_by = forms.ChoiceField(label=_("Decided by"), choices=ConsentGiver.choices, initial=ConsentGiver.SELF)
    understood = forms.BooleanField(label=_("The person showed they understood"), required=False)
    review_on = DateField(label=_("Ask again by"), required=False)


class SendForm(Form):
    override_justification = forms.CharField(
        label=_("Only to protect a child, without consent: why (a supervisor decides; it is logged)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class MoveForm(Form):
    to_status = forms.ChoiceField(label=_("New state"))
    note = forms.CharField(
        label=_("Note (why, for a refusal)"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    outcome = forms.CharField(
        label=_("Outcome of the service"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    feedback = forms.CharField(
        label=_("Feedback to the sender"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, targets: list[str], sender: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Nothing chosen to begin with: saving by mistake must not withdraw or end a referral.
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose…")),
            *((code, ReferralStatus(code).label) for code in targets),
        ]
        if sender:  # the outcome and feedback are the provider's to write
            del self.fields["outcome"], self.fields["feedback"]
            self.fields["note"].label = _("Note")
