from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import CompactForm, DateField, DateInput, Form
from reintegra.debts.models import CreditorKind, DebtStatus, Pressure


def amount_field(label: Any) -> forms.DecimalField:
    # Room for any currency, as in the model.
    return forms.DecimalField(label=label, min_value=0, max_digits=18, decimal_places=2)


class DebtForm(Form):
    creditor_kind = forms.ChoiceField(label=_("Owed to"), choices=CreditorKind.choices)
    creditor = forms.CharField(
        label=_("Who, in a few words"),
        max_length=200,
        required=False,
        help_text=_("For example “the village money-lender” or “her uncle”."),
    )
    amount = amount_field(_("Amount owed"))
    currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Za-z]{3}$", max_length=3, help_text=_("Three letters, e.g. VND.")
    )
    since = DateField(label=_("Owed since"), widget=DateInput, past_only=True, required=False)
    pressure = forms.ChoiceField(label=_("Pressure or threats over it"), choices=Pressure.choices)
    note = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)


class DebtChangeForm(CompactForm):
    changed_on = DateField(label=_("As of"), widget=DateInput, past_only=True)
    status = forms.ChoiceField(label=_("Status"), choices=DebtStatus.choices)
    amount = amount_field(_("Still owed"))
    pressure = forms.ChoiceField(label=_("Pressure or threats"), choices=Pressure.choices)
    note = forms.CharField(label=_("What happened"), max_length=2000, required=False)
