"""The form kit every app shares: a date input the browser understands, plausibility validators,
the language list, and a field for one entry a line. Imports no app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
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
    in the future for things that have happened (`past_only`), or years ahead for plans."""

    widget = DateInput

    def __init__(self, *, past_only: bool = False, years_ahead: int = YEARS_AHEAD, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.past_only, self.years_ahead = past_only, years_ahead

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            error = plausibility_error(value, past_only=self.past_only, years_ahead=self.years_ahead)
            if error:
                raise forms.ValidationError(error)


LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGE_CHOICES)
