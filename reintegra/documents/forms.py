from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, DateInput, Form
from reintegra.documents.models import DocumentKind, DocumentStatus, Obstacle
from reintegra.family.models import FamilyMember
from reintegra.plans.models import Action


class DocumentForm(Form):
    holder = forms.TypedChoiceField(
        label=_("Whose"),
        choices=(),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The person, or one of their family members."),
    )
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    description = forms.CharField(
        label=_("Which document"), max_length=200, required=False, help_text=_("For another kind of document.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=DocumentStatus.choices)
    obtained_on = DateField(label=_("Obtained on"), widget=DateInput, past_only=True, required=False)
    valid_until = DateField(label=_("Valid until"), widget=DateInput, required=False)
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    issued_by = forms.CharField(label=_("Issuing authority"), max_length=200, required=False)

    def __init__(self, *args: Any, members: Iterable[FamilyMember] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = [  # type: ignore[attr-defined]
            ("", _("The person")),
            *((str(member.pk), member.display_name()) for member in members),
        ]


class StepForm(Form):
    on = DateField(label=_("On"), widget=DateInput, past_only=True, help_text=_("The day it was done."))
    what = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    status = forms.ChoiceField(
        label=_("Document's status after it"),
        choices=[("", _("— (unchanged)")), *DocumentStatus.choices],
        required=False,
    )
    valid_until = DateField(
        label=_("Valid until"), widget=DateInput, required=False, help_text=_("For a document obtained, if it says.")
    )
    fee_amount = forms.DecimalField(label=_("Fee paid"), min_value=0, max_digits=18, decimal_places=2, required=False)
    fee_currency = forms.RegexField(
        label=_("Currency of the fee"),
        regex=r"^[A-Za-z]{3}$",
        max_length=3,
        required=False,
        help_text=_("Three letters, e.g. VND."),
    )
    # Choices given by the page, loaded once for all its documents (a queryset per form would
    # cost a query per document).
    plan_action = forms.TypedChoiceField(
        label=_("Count the fee under the plan action"),
        choices=(),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("An action of the plan in administrative support: the fee joins its support and costs."),
    )
    obstacle = forms.ChoiceField(
        label=_("Obstacle met"), choices=[("", _("— (none)")), *Obstacle.choices], required=False
    )
    obstacle_note = forms.CharField(
        label=_("About the obstacle"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, actions: Iterable[Action] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_action"].choices = [  # type: ignore[attr-defined]
            ("", _("— (keep it on this step only)")),
            *((str(action.pk), action.description) for action in actions),
        ]


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Scan"),
        help_text=_("A PDF, JPEG or PNG file."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
