from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.catalogue import SOURCES, FieldSpec, Kind
from reintegra.assessments.models import AssessmentReason
from reintegra.core.forms import DateField, DateInput, Form

_BOOL_CHOICES = [("", "—"), ("true", _("Yes")), ("false", _("No"))]


class StartAssessmentForm(Form):
    assessed_on = DateField(label=_("Date of the assessment"), widget=DateInput, past_only=True)
    reason = forms.ChoiceField(label=_("Why now"), choices=AssessmentReason.choices)


class ViewsForm(Form):
    person_priorities = forms.CharField(
        label=_("What matters most to the person now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    person_words = forms.CharField(
        label=_("In the person's own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("Write down what they said, as they said it."),
    )
    worker_view = forms.CharField(
        label=_("The worker's view"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


def _form_field(spec: FieldSpec) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help}
    if spec.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *spec.choices], **common)
    if spec.kind == Kind.MULTI:
        return forms.MultipleChoiceField(choices=spec.choices, widget=forms.CheckboxSelectMultiple, **common)
    if spec.kind == Kind.BOOL:
        return forms.TypedChoiceField(choices=_BOOL_CHOICES, coerce=lambda v: v == "true", empty_value=None, **common)
    if spec.kind == Kind.NUMBER:
        # Large enough for incomes and debts in dong or kip, not only in dollars.
        return forms.IntegerField(min_value=0, max_value=10**15, **common)
    if spec.kind == Kind.DATE:
        return DateField(widget=DateInput, **common)
    if spec.kind == Kind.NOTE:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    return forms.CharField(max_length=500, **common)


def _initial(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == Kind.BOOL and value is not None:
        return "true" if value else "false"
    return value


class AreaForm(Form):
    """The fields of one area that this user may see, plus when and how the answers are known."""

    observed_on = DateField(label=_("These answers are true as of"), widget=DateInput, past_only=True)
    source = forms.ChoiceField(label=_("How we know"), choices=SOURCES, initial="self_report")

    def __init__(self, *args: Any, specs: list[FieldSpec], current: dict[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].update({spec.name: _initial(spec, current.get(spec.name)) for spec in specs})
        super().__init__(*args, **kwargs)
        self.specs = specs
        for spec in specs:
            self.fields[spec.name] = _form_field(spec)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for spec in self.specs:
            chosen = cleaned.get(spec.name) or []
            if spec.kind != Kind.MULTI or len(chosen) < 2:
                continue
            labels = dict(spec.choices)
            for value in chosen:
                if value in spec.exclusive_values:
                    self.add_error(
                        spec.name,
                        _("“%(answer)s” cannot be ticked together with other answers.") % {"answer": labels[value]},
                    )
                    break
        return cleaned

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.specs:
            value = self.cleaned_data.get(spec.name)
            if isinstance(value, date):
                value = value.isoformat()
            if isinstance(value, str):
                value = value.strip()
            result[spec.name] = value
        return result
