from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import DateField, Form

LONGEST_PERIOD_DAYS = 366 * 10


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, today included."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1), today


class ReportFilterForm(Form):
    """Which figures: whose, and over which period. Read from the address (a GET), so a report
    can be bookmarked; it holds no name or identifier."""

    organisation = forms.ChoiceField(label=_("Figures of"))
    start = DateField(label=_("From"), past_only=True)
    end = DateField(label=_("To"), past_only=True, help_text=_("Included."))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = choices

    @classmethod
    def from_query(cls, query: Any, *, choices: list[tuple[str, str]]) -> ReportFilterForm:
        """Bound to the address's values, the defaults filling what is missing, so that a first
        visit shows the last twelve months of the user's own organisation."""
        start, end = default_period(timezone.localdate())
        data = {
            "organisation": query.get("organisation") or choices[0][0],
            "start": query.get("start") or start.isoformat(),
            "end": query.get("end") or end.isoformat(),
        }
        return cls(data, choices=choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end of the period comes before its start."))
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("start", _("Choose a period of ten years or less."))
        return cleaned


class AgreementForm(Form):
    agreed = forms.TypedChoiceField(
        label=_("Share this organisation's statistics with the network"),
        choices=[("yes", _("Yes: count us in the network's figures")), ("no", _("No: leave us out"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
