from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import Form
from reintegra.tasks.models import TaskStatus


class CloseTaskForm(Form):
    status = forms.ChoiceField(
        label=_("Close as"), choices=[(TaskStatus.DONE, _("Done")), (TaskStatus.DISMISSED, _("Not needed"))]
    )
