"""Model fields whose values are encrypted, one value at a time, before they reach the database.

The column holds only a ciphertext token. Because encryption is randomised, the database cannot
compare or search these columns; only ``isnull`` lookups are allowed, and exact lookups go
through blind indexes instead (see reintegra.cases.indexing).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.exceptions import FieldError
from django.db import models

from reintegra.core import crypto


class EncryptedMixin:
    encryption_context: str = ""

    def contribute_to_class(self, cls: type[models.Model], name: str, *args: Any, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)  # type: ignore[misc]
        self.encryption_context = f"{cls._meta.app_label}.{cls._meta.model_name}.{name}"

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(f"Encrypted fields cannot be searched with '{lookup_name}'; use a blind index.")
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def to_plain(self, value: Any) -> str:
        return str(value)

    def from_plain(self, value: str) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt(self.to_plain(value), context=self.encryption_context)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self.from_plain(crypto.decrypt(value, context=self.encryption_context))


class EncryptedTextField(EncryptedMixin, models.TextField):
    def to_python(self, value: Any) -> Any:
        return value


class EncryptedDateField(EncryptedMixin, models.TextField):
    def to_plain(self, value: Any) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return value.isoformat()

    def from_plain(self, value: str) -> date:
        return date.fromisoformat(value)


class EncryptedIntegerField(EncryptedMixin, models.TextField):
    def to_plain(self, value: Any) -> str:
        return str(int(value))

    def from_plain(self, value: str) -> int:
        return int(value)


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """A JSON document (lists of phones, addresses, documents...) sealed as one value."""

    def to_plain(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def from_plain(self, value: str) -> Any:
        return json.loads(value)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedMixin]:
    return [f for f in model._meta.get_fields() if isinstance(f, EncryptedMixin)]
