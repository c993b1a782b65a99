"""The form kit every app shares: a date input the browser understands, plausibility validators,
the language list, and a field for one entry a line. Imports no app."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from reintegra.core.dates import YEARS_AHEAD, plausibility_error
from reintegra.core.text import is_storable

# Django's list of languages, plus languages of the region it lacks. Codes are ISO 639 (two
# letters where one exists), as HTCDS asks: Django's regional variants (en-gb, pt-br, zh-hans)
# are left out, since a person speaks English or Portuguese, not a locale.
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
        *(
            (code, info["name"])
            for code, info in LANG_INFO.items()
            if "name" in info and "-" not in code and code not in _EXTRA_LANGUAGES
        ),
        *_EXTRA_LANGUAGES.items(),
    ],
    key=lambda item: str(item[1]),
)
MAX_LINES = 20


class Form(forms.Form):
    """The base of every form of Reintegra: on top of each field's own checks, it refuses text
    holding control characters (tab and line breaks apart), which no one could read back and
    PostgreSQL cannot store, with a message at the field instead of storing or failing.

    A form may fold its rarely needed fields (FOLDED) under a summary line (FOLDED_TITLE), so
    that a long form shows first what most people fill in; the fold opens when one has an error."""

    FOLDED: tuple[str, ...] = ()
    FOLDED_TITLE: Any = ""

    def folded_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FOLDED if name in self.fields]

    def unfolded_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.FOLDED]

    def folded_errors(self) -> bool:
        return any(field.errors for field in self.folded_fields())

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for name in self.fields:
            key = self.add_prefix(name)
            submitted = self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data.get(key)]
            if any(isinstance(value, str) and not is_storable(value) for value in submitted):
                self.add_error(
                    name, _("Remove the invisible control characters from this text (pasted from another program?).")
                )
        return cleaned


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


class CountryInputs(forms.Widget):
    """Countries typed into text boxes that suggest names as one types (an HTML datalist: the
    browser filters the 250 names, no script needed), one country a box, with an empty box or two
    for more. Every box posts under the field's name; CountriesField turns names back into codes."""

    template_name = "core/widgets/countries.html"
    spare = 1  # empty boxes after those filled, and at least two boxes in all

    @staticmethod
    def _names(value: Any) -> list[str]:
        """Saved codes as names; anything else (what a worker typed, sent back) as it was."""
        items = value if isinstance(value, list | tuple) else [value] if value else []
        return [(_is_code(item) and countries.name(item)) or str(item) for item in items]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        filled = self._names(value)
        count = max(2, len(filled) + self.spare)
        first_id = context["widget"]["attrs"].get("id")
        label = str(self.attrs.get("data-label", name))
        context["widget"].update(
            list_id=f"countries-{first_id or name}",
            names=[country_name for _code, country_name in countries],
            slots=[
                {
                    "value": filled[n] if n < len(filled) else "",
                    # The first box is the one the field's visible label points at.
                    "id": first_id if n == 0 else None,
                    "label": _("%(field)s, country %(number)d") % {"field": label, "number": n + 1},
                }
                for n in range(count)
            ],
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return [value for value in (values if isinstance(values, list) else [values]) if str(value).strip()]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 2 and value.isupper()


class CountriesField(forms.Field):
    """Several countries, typed by name (in English, any case) or by two- or three-letter code;
    cleaned to a list of ISO codes, in the order typed, without repeats."""

    widget = CountryInputs
    MAX = 20

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Start typing a name and pick it from the list; one country a box."))
        super().__init__(**kwargs)
        self.widget.attrs["data-label"] = str(self.label)

    def to_python(self, value: Any) -> list[str]:
        typed = [str(item).strip() for item in (value or []) if str(item).strip()]
        if len(typed) > self.MAX:
            raise forms.ValidationError(_("At most %(max)d countries.") % {"max": self.MAX})
        codes: list[str] = []
        unknown: list[str] = []
        for text in typed:
            code = country_code(text)
            if code is None:
                unknown.append(text[:60])
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("Not a country we know: %(names)s. Pick the name from the list, or type its two-letter code.")
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        return codes


# Names people use that the ISO list spells otherwise.
COUNTRY_ALIASES = {"burma": "MM", "viet nam": "VN", "lao pdr": "LA", "lao people's democratic republic": "LA"}


def country_code(text: str) -> str | None:
    """The ISO code of a country named or coded in `text`, or None."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > 100:
        return None
    if len(cleaned) in (2, 3) and cleaned.isalpha():
        code = countries.alpha2(cleaned)
        if code:
            return code
    found = countries.by_name(cleaned) or COUNTRY_ALIASES.get(cleaned.lower())
    return found if isinstance(found, str) and found else None


class DateInput(forms.DateInput):
    input_type = "date"


class CompactForm(Form):
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


class FarDatesForm(Form):
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


def iso_639(code: str) -> str:
    """The language of a code that may carry a region or script (pt-br, zh-hans): pt, zh."""
    return code.split("-")[0].lower()
