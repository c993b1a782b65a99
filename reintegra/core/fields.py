"""Model fields whose values are encrypted, one value at a time, before they reach the database.

The column holds only a ciphertext token. Because encryption is randomised, the database cannot
compare or search these columns; only ``isnull`` lookups are allowed, and exact lookups go
through blind indexes instead (see reintegra.cases.indexing).

Each value is bound to its field and to its record's id (reintegra.core.crypto). A field alone
knows neither when it is read nor when it is written, so the record does it: a model with
encrypted fields derives from EncryptedModel, which opens the values when a record is loaded
(`from_db`) and takes its id before the first insert, and its queryset from EncryptedQuerySet,
which does the same for `bulk_create`. Reading encrypted columns with `values()` gives sealed
values that refuse to be shown; `QuerySet.update()` of an encrypted column is refused.
Values sealed for their field alone (written before binding, or a new column's default for
existing records) still open, and `rotate_data_key` binds them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from django.core.exceptions import FieldError
from django.db import connections, models, router, transaction

from reintegra.core import crypto


@dataclass(frozen=True, slots=True)
class Sealed:
    """A stored value read without its record (with `values()`): it cannot be opened here."""

    token: str

    def __str__(self) -> str:
        raise TypeError("An encrypted value was read without its record; load the record instead.")


@dataclass(frozen=True, slots=True)
class ForRecord:
    """A value about to be written, with the id of the record it belongs to."""

    value: Any
    row: int


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

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)  # type: ignore[attr-defined]
        if value is None:
            return None
        if model_instance.pk is None:
            raise FieldError(f"{self.encryption_context} is written before its record has an id (see EncryptedModel).")
        return ForRecord(value, model_instance.pk)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, ForRecord):
            # Only a column's default reaches here (when a migration adds the column to existing
            # records; saving and bulk_create bind, QuerySet.update is refused): sealed for the
            # field alone, like values written before binding, until rotate_data_key binds it.
            return crypto.encrypt(self.to_plain(value), context=self.encryption_context)
        return crypto.encrypt(self.to_plain(value.value), context=self.encryption_context, row=value.row)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        # Opened by EncryptedModel.from_db, which knows the record's id.
        return None if value is None else Sealed(value)

    def open(self, value: Any, row: int) -> Any:
        if not isinstance(value, Sealed):
            return value
        return self.from_plain(crypto.decrypt(value.token, context=self.encryption_context, row=row))


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


def allocate_ids(model: type[models.Model], count: int, using: str) -> list[int]:
    """Ids for records about to be inserted, so that their values can be bound to them. Call it
    inside the transaction that inserts them."""
    if count == 0:
        return []
    connection = connections[using]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite has no sequence; it gives a new row the largest id plus one, as we do here. The
        # transaction is IMMEDIATE (settings), so it holds the write lock from this read on.
        if not connection.in_atomic_block:
            raise RuntimeError("Ids are allocated inside the transaction that inserts the records.")
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({qn(column)}), 0) FROM {qn(table)}")  # noqa: S608 (quoted identifiers)
        largest = cursor.fetchone()[0]
        return list(range(largest + 1, largest + 1 + count))


class EncryptedQuerySet(models.QuerySet[Any]):
    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            without_id = [obj for obj in objs if obj.pk is None]
            for obj, row in zip(without_id, allocate_ids(self.model, len(without_id), self.db), strict=True):
                obj.pk = row
            return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        if _encrypted_by_attname(self.model).keys() & kwargs.keys():  # type: ignore[arg-type]
            raise FieldError("Encrypted values are written by saving their record, which binds them to it.")
        return super().update(**kwargs)


class EncryptedModel(models.Model):
    """A record with encrypted fields: see the module's docstring. Its default manager must come
    from EncryptedQuerySet (`objects = EncryptedQuerySet.as_manager()`, or a subclass's), which
    tests/test_encryption_at_rest.py checks for every such model."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not (self._state.adding and self.pk is None):
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        try:
            with transaction.atomic(using=using, savepoint=False):
                self.pk = allocate_ids(type(self), 1, using)[0]
                super().save(*args, **{**kwargs, "force_insert": True})
        except BaseException:
            self.pk = None
            raise

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        fields = _encrypted_by_attname(cls)
        field_names, values = list(field_names), list(values)
        row = values[field_names.index(cls._meta.pk.attname)]
        opened = [
            fields[name].open(value, row) if name in fields else value
            for name, value in zip(field_names, values, strict=True)
        ]
        return super().from_db(db, field_names, opened)


@functools.cache
def _encrypted_by_attname(model: type[models.Model]) -> dict[str, EncryptedMixin]:
    return {field.attname: field for field in encrypted_fields(model)}  # type: ignore[attr-defined]
