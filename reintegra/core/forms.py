"""The form kit every app shares: a date input the browser understands, plausibility validators,
the language list, and a field for one entry a line. Imports no app."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.dates import YEARS_AHEAD, plausibility_error

# Django's list of languages, plus languages of the region it lacks. Codes are ISO 639
# (two letters where one exists), as HTCDS asks.
_EXTRA_LANGUAGES = {
    "lo": _("Lao"),
    "zh": _("Chinese"),
    "shn": _("Shan"),
    "kar": _("Karen"),
    "hmn": _("Hmong"),
    "tl": _("Tagalog"),
}
LANGUAGE_CHOICES: list[tuple[str, Any]] = sorted(
    [
        *((code, info["name"]) for code, info in LANG_INFO.items() if "name" in info and code not in _EXTRA_LANGUAGES),
        *_EXTRA_LANGUAGES.items(),
    ],
    key=lambda item: str(item[1]),
)
MAX_LINES = 20


def _lines(value: str) -> list[str]:
    items = [line.strip() for line in value.splitlines() if line.strip()]
    if len(items) > MAX_LINES:
        raise forms.ValidationError(_("Give at most %(n)d entries.") % {"n": MAX_LINES})
    return items


class LinesField(forms.CharField):
    """One entry a line, e.g. several phone numbers."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(super().clean(value) or "")


class DateInput(forms.DateInput):
    input_type = "date"


class CompactForm(forms.Form):
    """A form laid out on one line, or repeated on every row of a list, without visible labels:
    each field carries its label as its accessible name instead, and as the hint shown in an empty
    text box, and no field gets an id, which would repeat from row to row."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue  # each box is named by its own choice; the template puts them in a named group
            field.widget.attrs.setdefault("aria-label", str(field.label))
            if isinstance(field.widget, forms.TextInput | forms.Textarea):
                field.widget.attrs.setdefault("placeholder", str(field.label))


class DateField(forms.DateField):
    """A date a browser can pick, refused when implausible (reintegra.core.dates): before 1900,
    in the future for things that have happened (`past_only`), or years ahead for plans. A date
    beyond `confirm_after_days` but within the limit is kept only once the worker confirms it
    (FarDatesForm): 2029 for a review is more often a typo for 2026 than a plan."""

    widget = DateInput

    def __init__(
        self,
        *,
        past_only: bool = False,
        years_ahead: int = YEARS_AHEAD,
        confirm_after_days: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.past_only, self.years_ahead, self.confirm_after_days = past_only, years_ahead, confirm_after_days

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            error = plausibility_error(value, past_only=self.past_only, years_ahead=self.years_ahead)
            if error:
                raise forms.ValidationError(error)


class FarDatesForm(forms.Form):
    """A form whose dates far ahead ask for a second look. The first time, such a date is refused
    with a question and a box to tick appears under the form; ticked, the same date is kept.
    The JSON API cannot ask a question: it applies the outer limit of each date only."""

    CONFIRM = "confirm_far_dates"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        today = timezone.localdate()
        far = [
            (name, field)
            for name, field in self.fields.items()
            if isinstance(field, DateField)
            and field.confirm_after_days is not None
            and isinstance(cleaned.get(name), date)
            and cleaned[name] > today + timedelta(days=field.confirm_after_days)
        ]
        if far and not self.data.get(self.add_prefix(self.CONFIRM)):
            for name, field in far:
                self.add_error(
                    name,
                    _("%(date)s is more than %(days)d days ahead. If it is right, tick the box below and save again.")
                    % {"date": cleaned[name].isoformat(), "days": field.confirm_after_days},
                )
            # Shown from now on, so the worker can say the date is meant; their typing is kept.
            self.fields[self.CONFIRM] = forms.BooleanField(
                label=_("Yes, the dates far ahead are right"), required=False
            )
        return cleaned


LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGE_CHOICES)
