from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, FarDatesForm
from reintegra.quality.models import Level

TEXT_LIMIT = 4000


class RatingForm(FarDatesForm):
    level = forms.ChoiceField(label=_("Where do we stand?"), choices=Level.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What shows it: a written procedure, a record, how the work is done. For a standard that "
            "does not apply, say why."
        ),
    )
    improvement = forms.CharField(
        label=_("What we will do to improve"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when the standard is partly or not yet in place."),
    )
    improve_by = DateField(label=_("Improve by"), required=False, confirm_after_days=3 * 366)
