"""The base of every JSON input schema: the checks the screens get from Django's form fields and
the API would otherwise lack."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from ninja import Schema
from pydantic import ValidationInfo, field_validator

from reintegra.core.text import is_storable


def _mentions_date(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, date):  # date or datetime
        return True
    return any(_mentions_date(argument) for argument in get_args(annotation))


def _unstorable_at(value: Any, path: str) -> str | None:
    """Where in `value` some text holds an unstorable character, or None."""
    if isinstance(value, str):
        return None if is_storable(value) else path
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unstorable_at(str(key), path) or _unstorable_at(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_at(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


class InputSchema(Schema):
    # Field by field, before pydantic converts anything: a whole-model validator would see
    # ninja's wrapper around the input, not the input.
    @field_validator("*", mode="before")
    @classmethod
    def _text_and_dates_as_the_screens_take_them(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        where = _unstorable_at(value, name)
        if where is not None:
            raise ValueError(f"{where}: text may not hold control characters such as NUL, nor unpaired surrogates")
        # Pydantic would read a number as seconds since 1970: 0 became 1 January 1970. (Only
        # what JSON can carry is refused: output schemas built on these hold real dates.)
        if isinstance(value, int | float | list | dict) and _mentions_date(cls.model_fields[name].annotation):
            raise ValueError(f"{name}: give dates as text, YYYY-MM-DD (times as ISO 8601)")
        return value
