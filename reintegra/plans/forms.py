from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.consents.models import ChildView, ConsentGiver
from reintegra.core.forms import LANGUAGE_CHOICES, CompactForm, DateField, DateInput, FarDatesForm, Form
from reintegra.family.models import FamilyMember
from reintegra.orgs.models import Organisation
from reintegra.plans.models import Action, ActionStatus, Agreement, Delivery, Goal, SupportKind
from reintegra.plans.printable import PRINT_LANGUAGES, PrintChoice


class PlanForm(FarDatesForm):
    in_own_words = forms.CharField(
        label=_("What the person wants, in their words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    agreed_on = DateField(label=_("Agreed with the person on"), widget=DateInput, required=False, past_only=True)
    # A plan is reviewed at least once a year.
    review_on = DateField(label=_("Review the plan by"), widget=DateInput, confirm_after_days=366)


class GoalForm(CompactForm):
    area = forms.ChoiceField(label=_("Service area"))
    description = forms.CharField(label=_("Goal"), max_length=500)

    def __init__(self, *args: Any, areas: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class ActionForm(FarDatesForm):
    area = forms.ChoiceField(label=_("Service area"))
    description = forms.CharField(label=_("What"), max_length=500)
    delivery = forms.ChoiceField(label=_("Delivered by"), choices=Delivery.choices)
    provider = forms.ModelChoiceField(
        label=_("Provider (for a referral)"), queryset=Organisation.objects.all(), required=False
    )
    responsible = forms.ModelChoiceField(label=_("Responsible worker"), queryset=User.objects.none())
    # Follow-up lasts about three years: an action planned beyond it is unusual enough to ask.
    starts_on = DateField(label=_("Starts"), widget=DateInput, required=False, confirm_after_days=3 * 366)
    due_on = DateField(label=_("Due"), widget=DateInput, required=False, confirm_after_days=3 * 366)
    # The choices come from the case scope, in __init__.
    family_member: forms.ModelChoiceField[FamilyMember] = forms.ModelChoiceField(
        label=_("For"), queryset=None, required=False, empty_label=_("The person")
    )

    def __init__(
        self,
        *args: Any,
        areas: list[tuple[str, Any]],
        organisation_id: int,
        family: QuerySet[FamilyMember],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]
        # The caller passes the family of a case it obtained from the access layer.
        self.fields["family_member"].queryset = family  # type: ignore[attr-defined]
        self.fields["family_member"].label_from_instance = FamilyMember.display_name  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = User.caseworkers_in(organisation_id)  # type: ignore[attr-defined]
        self.fields["responsible"].label_from_instance = User.display_name  # type: ignore[attr-defined]


class DecisionForm(CompactForm):
    agreement = forms.ChoiceField(
        label=_("The person"), choices=[(Agreement.AGREED, _("agrees")), (Agreement.DECLINED, _("declines"))]
    )
    decided_on = DateField(label=_("On"), widget=DateInput, past_only=True)
    information_given = forms.CharField(label=_("What was explained"), max_length=2000)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *LANGUAGE_CHOICES])
    # Left out by a client that does not ask: the person decided.
    given_by = forms.TypedChoiceField(
        label=_("Decided by"),
        choices=ConsentGiver.choices,
        initial=ConsentGiver.SELF,
        required=False,
        empty_value=ConsentGiver.SELF,
    )
    giver_name = forms.CharField(
        label=_("Name of the parent, guardian or court"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, if not the person")}),
    )
    understood = forms.BooleanField(label=_("The person showed they understood"), required=False)
    child_view = forms.ChoiceField(
        label=_("The child's own view"),
        choices=[("", _("Child's view, if a child")), *ChildView.choices],
        required=False,
    )
    child_view_note = forms.CharField(label=_("The child's view, in their words"), max_length=2000, required=False)
    declined_reason = forms.CharField(label=_("Reason, if declined"), max_length=2000, required=False)


class ActionStatusForm(CompactForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class SupportItemForm(CompactForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kind of support"), choices=SupportKind.choices, widget=forms.CheckboxSelectMultiple
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000, required=False)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=18, decimal_places=2)
    currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Za-z]{3}$", max_length=3, help_text=_("Three letters, e.g. VND.")
    )
    given_on = DateField(label=_("Given on"), widget=DateInput, past_only=True)
    purpose = forms.CharField(label=_("Purpose"), max_length=500, required=False)
    funding_line = forms.CharField(label=_("Funding line"), max_length=100, required=False)
    family_assistance = forms.BooleanField(label=_("For a family member"), required=False)


class PrintForm(Form):
    """What the person takes home. Nothing is ticked in advance: the person chooses each part."""

    language = forms.ChoiceField(label=_("Language of the paper"), choices=PRINT_LANGUAGES)
    include_name = forms.BooleanField(label=_("Their name"), required=False)
    include_own_words = forms.BooleanField(label=_("What they want, in their words"), required=False)
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    actions = forms.TypedMultipleChoiceField(
        label=_("Agreed steps"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    include_helpers = forms.BooleanField(label=_("Who helps with each step"), required=False)
    include_dates = forms.BooleanField(label=_("Dates: steps, next talk and plan review"), required=False)

    def __init__(self, *args: Any, goals: list[Goal], actions: list[Action], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(g.pk, g.description) for g in goals]  # type: ignore[attr-defined]
        self.fields["actions"].choices = [(a.pk, a.description) for a in actions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("goals") or data.get("actions") or data.get("include_own_words")):
            raise forms.ValidationError(_("Choose at least one goal, step or the person's own words to print."))
        return data

    def choice(self) -> PrintChoice:
        data = self.cleaned_data
        return PrintChoice(
            language=data["language"],
            goal_ids=data["goals"],
            action_ids=data["actions"],
            include_name=data["include_name"],
            include_own_words=data["include_own_words"],
            include_helpers=data["include_helpers"],
            include_dates=data["include_dates"],
        )
