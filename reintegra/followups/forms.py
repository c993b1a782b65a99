from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.forms import CompactForm, DateField, DateInput, Form
from reintegra.core.zones import zone_choices
from reintegra.followups.actions import PreferenceDetails
from reintegra.followups.models import Channel, ContactOutcome

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class StartForm(CompactForm):
    starts_on = DateField(label=_("Follow-up starts"), widget=DateInput, years_ahead=1)


class PreferenceForm(Form):
    channels = forms.MultipleChoiceField(
        label=_("Ways to get in touch"),
        choices=[c for c in Channel.choices if c[0] != Channel.HOME_VISIT],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    home_visits_allowed = forms.BooleanField(label=_("Home visits allowed"), required=False)
    avoid_days = forms.MultipleChoiceField(
        label=_("Days with times to avoid"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple, required=False
    )
    avoid_from = forms.TimeField(label=_("Avoid from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    avoid_to = forms.TimeField(label=_("Avoid until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    allow_days = forms.MultipleChoiceField(
        label=_("Days with the only times to get in touch"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For wishes such as 'evenings only': any other time counts as against the person's wishes."),
    )
    allow_from = forms.TimeField(label=_("Only from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    allow_to = forms.TimeField(label=_("Only until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    preferred_every_months = forms.TypedChoiceField(
        label=_("How often the person would like to hear from us"),
        choices=[("", _("As the follow-up schedule plans")), (1, _("Every month")), (2, _("Every two months"))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Followed where it asks for more contact than the schedule."),
    )
    timezone = forms.ChoiceField(label=_("The person's time zone"), choices=zone_choices)
    who_may_answer = forms.CharField(label=_("Who may answer the phone"), max_length=500, required=False)
    what_may_be_said = forms.CharField(
        label=_("What may be said, and to whom"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("avoid_days"), data.get("avoid_from"), data.get("avoid_to")]
        if any(parts) and not all(parts):
            raise forms.ValidationError(_("For times to avoid, give the days and both times, or none of them."))
        parts = [data.get("allow_days"), data.get("allow_from"), data.get("allow_to")]
        if any(parts) and not all(parts):
            raise forms.ValidationError(_("For the only times to get in touch, give the days and both times, or none."))
        return data

    @staticmethod
    def _window(days: list[str], start: Any, end: Any) -> list[dict[str, Any]]:
        if not days:
            return []
        weekdays = sorted(int(day) for day in days)
        return [
            {"weekdays": weekdays, "from": start.isoformat(timespec="minutes"), "to": end.isoformat(timespec="minutes")}
        ]

    def details(self) -> PreferenceDetails:
        data = self.cleaned_data
        return PreferenceDetails(
            channels=data["channels"],
            home_visits_allowed=data["home_visits_allowed"],
            avoid=self._window(data["avoid_days"], data["avoid_from"], data["avoid_to"]),
            allow=self._window(data["allow_days"], data["allow_from"], data["allow_to"]),
            preferred_every_months=data["preferred_every_months"],
            timezone=data["timezone"],
            who_may_answer=data["who_may_answer"],
            what_may_be_said=data["what_may_be_said"],
        )

    @staticmethod
    def initial_from(preference: Any) -> dict[str, Any]:
        if preference is None:
            # Until the person says otherwise, they live where the organisation works.
            return {"timezone": timezone.get_current_timezone_name()}
        window = preference.avoid[0] if preference.avoid else {}
        allowed = preference.allow[0] if preference.allow else {}
        return {
            "allow_days": [str(day) for day in allowed.get("weekdays", [])],
            "allow_from": allowed.get("from"),
            "allow_to": allowed.get("to"),
            "preferred_every_months": preference.preferred_every_months,
            "channels": preference.channels,
            "home_visits_allowed": preference.home_visits_allowed,
            "avoid_days": [str(day) for day in window.get("weekdays", [])],
            "avoid_from": window.get("from"),
            "avoid_to": window.get("to"),
            "timezone": preference.timezone,
            "who_may_answer": preference.who_may_answer,
            "what_may_be_said": preference.what_may_be_said,
        }


class ContactForm(Form):
    on = DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}), initial=time(10, 0))
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    issues_raised = forms.CharField(
        label=_("Issues raised"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False)
    acknowledge = forms.BooleanField(
        label=_("I know this goes against the person's stated preferences; it was their choice or unavoidable."),
        required=False,
    )

    def moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["on"], self.cleaned_data["time"]))
