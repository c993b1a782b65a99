"""Re-encrypt every encrypted value under the active data key, bound to its record, and
optionally rebuild the blind indexes.

Values written before records were bound (sealed for their field alone) are bound to their
record's id here, whatever key sealed them. Audit details stay bound to their field only: the
audit chain's seal covers each record's plaintext detail, so moving one is detected anyway.

Procedure (also in docs/architecture.md):
1. `python manage.py generate_keys` and take the new REINTEGRA_DATA_KEYS entry;
2. put it FIRST in REINTEGRA_DATA_KEYS, keeping the old keys after it;
3. `python manage.py rotate_data_key` (safe to interrupt and run again: each batch commits);
4. `python manage.py rotate_data_key --check` reports 0; then remove the old keys.
If REINTEGRA_INDEX_KEY changed, add --reindex so that exact search works again.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from reintegra.audit.models import DETAIL_CONTEXT, AuditRecord
from reintegra.core import crypto
from reintegra.core.fields import encrypted_fields
from reintegra.core.keys import keyring

BATCH = 500


@dataclass(frozen=True)
class Column:
    name: str
    context: str
    # Bound to the record's id (model fields), or to the field only (audit details).
    row_bound: bool = True


class Command(BaseCommand):
    help = "Re-encrypt all encrypted values with the active data key; --reindex rebuilds blind indexes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reindex", action="store_true", help="Also rebuild every person's blind index.")
        parser.add_argument(
            "--check", action="store_true", help="Only count values under older keys or not bound to their record."
        )

    def handle(self, *args: Any, reindex: bool, check: bool, **options: Any) -> None:
        active = keyring().active_key_id
        total = 0
        for model in apps.get_models():
            columns = [Column(f.column, f.encryption_context) for f in encrypted_fields(model)]  # type: ignore[attr-defined]
            if model is AuditRecord:
                columns.append(Column("detail", DETAIL_CONTEXT, row_bound=False))
            if columns:
                total += self._rotate_table(model._meta.db_table, model._meta.pk.column, columns, active, check)
        self.stdout.write(
            f"{total} values {'still under older keys or not bound to their record' if check else 're-encrypted'};"
            f" active key is {active}."
        )
        if reindex and not check:
            self._reindex()

    def _rotate_table(self, table: str, pk: str, columns: list[Column], active: str, check: bool) -> int:
        # Raw SQL on purpose: the ORM would decrypt on load, hiding which key sealed each value.
        qn = connection.ops.quote_name
        names = ", ".join(qn(c.name) for c in columns)
        # Only quoted model identifiers are interpolated; values are parameters.
        select = f"SELECT {qn(pk)}, {names} FROM {qn(table)} WHERE {qn(pk)} > %s ORDER BY {qn(pk)} LIMIT {BATCH}"  # noqa: S608
        stale = 0
        last = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last])
                rows = cursor.fetchall()
                if not rows:
                    return stale
                last = rows[-1][0]
                for row_pk, *values in rows:
                    updates = {}
                    for column, value in zip(columns, values, strict=True):
                        if not value:
                            continue
                        row = row_pk if column.row_bound else None
                        if crypto.key_id_of(value) != active or crypto.is_row_bound(value) != column.row_bound:
                            plain = crypto.decrypt(value, context=column.context, row=row)
                            updates[column.name] = crypto.encrypt(plain, context=column.context, row=row)
                    stale += len(updates)
                    if updates and not check:
                        assignments = ", ".join(f"{qn(name)} = %s" for name in updates)
                        cursor.execute(
                            f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk)} = %s",  # noqa: S608
                            [*updates.values(), row_pk],
                        )

    def _reindex(self) -> None:
        from reintegra.cases.indexing import reindex
        from reintegra.cases.models import Person

        count = 0
        for person in Person.objects.iterator(chunk_size=BATCH):
            with transaction.atomic():
                reindex(person)
            count += 1
        self.stdout.write(f"Blind indexes rebuilt for {count} persons.")
