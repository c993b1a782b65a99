from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.children.models import (
    AgeOutcome,
    BestInterestsDetermination,
    DurableSolution,
    FamilySafety,
    GuardianStatus,
    Likelihood,
    PlacementKind,
    ReviewOutcome,
    TracingStepKind,
)
from reintegra.core.forms import DateField, DateInput, Form, LinesField


def _text(label: Any, *, required: bool = True, rows: int = 2, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=4000,
        required=required,
        help_text=help_text,
    )


class AgeAssessmentForm(Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AgeOutcome.choices)
    on = DateField(label=_("On"), widget=DateInput, past_only=True)
    birth_date = DateField(
        label=_("Date of birth established"),
        widget=DateInput,
        past_only=True,
        required=False,
        help_text=_("Only when the assessment settled on one. It replaces the date of birth on the person's record."),
    )
    assessed_by = forms.CharField(label=_("Assessed by"), max_length=200, required=False)
    note = _text(_("How the age was assessed"), required=False)


class GuardianForm(Form):
    status = forms.ChoiceField(label=_("Guardianship"), choices=GuardianStatus.choices)
    on = DateField(label=_("On"), widget=DateInput, past_only=True)
    guardian = forms.CharField(label=_("Guardian's name"), max_length=200, required=False)
    authority = forms.CharField(
        label=_("Appointing authority"),
        max_length=200,
        required=False,
        help_text=_("Required for an appointment, e.g. the district court or child-welfare office."),
    )
    contact = forms.CharField(label=_("Guardian's contact details"), max_length=300, required=False)
    note = _text(_("Note"), required=False)


class ConsultationForm(Form):
    on = DateField(label=_("On"), widget=DateInput, past_only=True)
    about = _text(_("What the guardian was consulted on"))
    guardian_view = _text(_("The guardian's view"), required=False)


class BestInterestsAssessmentForm(Form):
    on = DateField(label=_("On"), widget=DateInput, past_only=True)
    action_considered = _text(
        _("The action it comes before"), help_text=_("E.g. a move of shelter, tracing the family, a return.")
    )
    findings = _text(_("Findings"), rows=3)
    child_views = _text(_("The child's own views"), rows=3, help_text=_("In the child's words where possible."))
    recommendation = _text(_("Recommendation"), required=False)


class DeterminationForm(Form):
    decided_on = DateField(label=_("Decided on"), widget=DateInput, past_only=True)
    panel = LinesField(label=_("Panel members"), help_text=_("One a line: name and role."))
    family_safety = forms.ChoiceField(label=_("The family's safety for the child"), choices=FamilySafety.choices)
    carers_complicit = forms.ChoiceField(
        label=_("Were parents or carers complicit in the trafficking?"), choices=Likelihood.choices
    )
    family_assessment = _text(
        _("Family and risk assessment"),
        rows=3,
        help_text=_("What the family assessment and the risk assessment found, and who took part in the trafficking."),
    )
    other_factors = _text(_("Other factors weighed"), required=False)
    child_views = _text(_("The child's own views"), rows=3, help_text=_("Recorded apart from the parents' views."))
    parents_views = _text(_("The parents' or carers' views"), required=False)
    decision = _text(_("The decision and its reasons"), rows=3)
    durable_solution = forms.ChoiceField(label=_("Durable solution"), choices=DurableSolution.choices)
    review_on = DateField(label=_("To be reviewed by"), widget=DateInput)


class TracingForm(Form):
    relative = forms.CharField(label=_("Relative sought"), max_length=200)
    relationship = forms.CharField(label=_("Relationship to the child"), max_length=100, required=False)
    requested_on = DateField(label=_("Requested on"), widget=DateInput, past_only=True)
    child_agreed = forms.BooleanField(
        label=_("The child agreed, after being told what tracing means"),
        required=False,
    )


class TracingStepForm(Form):
    kind = forms.ChoiceField(label=_("Step"), choices=TracingStepKind.choices)
    on = DateField(label=_("On"), widget=DateInput, past_only=True)
    safe_to_contact = forms.TypedChoiceField(
        label=_("Result of the safety check"),
        choices=[("", _("— (not a safety check)")), ("yes", _("Safe to contact")), ("no", _("Not safe to contact"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class DeterminationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BestInterestsDetermination) -> str:  # type: ignore[override]
        state = _("approved") if obj.is_approved else _("awaiting approval")
        return f"{obj.decided_on.isoformat()}: {obj.get_durable_solution_display()} ({state})"


class PlacementForm(Form):
    kind = forms.ChoiceField(label=_("Kind of care"), choices=PlacementKind.choices)
    started_on = DateField(label=_("Started on"), widget=DateInput, past_only=True)
    carer = forms.CharField(label=_("Carer or place"), max_length=300)
    child_views = _text(_("The child's own views on it"))
    determination = DeterminationChoiceField(
        label=_("Best-interests determination"),
        queryset=None,  # the case's own, given by the view through the case scope
        required=False,
        empty_label=_("— (none)"),
        help_text=_("Required for a placement with parents or other relatives: the approved one that chose it."),
    )

    def __init__(self, *args: Any, determinations: QuerySet[BestInterestsDetermination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["determination"].queryset = determinations  # type: ignore[attr-defined]


class PlacementReviewForm(Form):
    on = DateField(label=_("Reviewed on"), widget=DateInput, past_only=True)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReviewOutcome.choices)
    child_views = _text(_("The child's own views"))
    findings = _text(_("Findings"), required=False)


class YouthTransitionForm(Form):
    on = DateField(label=_("Moved on"), widget=DateInput, past_only=True)
    note = _text(_("What support continues"), required=False)
