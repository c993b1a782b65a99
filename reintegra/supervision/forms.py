from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, DateInput, Form


class NoteForm(Form):
    written_on = DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(
        label=_("What was discussed and agreed"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
