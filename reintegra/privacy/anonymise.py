"""Removing a person's identifiable data, for the retention rules and for erasure.

Every encrypted value held about the person is emptied: their own record, the records of their
family members, and every record of their cases (privacy.holdings finds them). Their blind-index
entries go, and the audit trail's details about their cases lose their text (old and new values of
changes), keeping the digest their seal covers, so the chain still verifies. What is left are the
bare facts that the figures count (statuses, dates, categories) and nothing that names anyone.
CaseStatistics, the reports' counting categories, is kept as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from reintegra.audit.models import AuditRecord
from reintegra.cases.models import Person, PersonIndexEntry
from reintegra.privacy.holdings import holdings


@dataclass
class Cleared:
    values: int = 0
    records: int = 0
    audit_details: int = 0


def _empty_value(field: Any) -> Any:
    if field.null:
        return None
    return field.get_default()


def _is_empty(value: Any) -> bool:
    return value in (None, "", [], {})


def clear_row(row: Any, fields: tuple[Any, ...], cleared: Cleared) -> None:
    changed = []
    for field in fields:
        if not _is_empty(getattr(row, field.attname)):
            setattr(row, field.attname, _empty_value(field))
            changed.append(field.attname)
    if changed:
        row.save(update_fields=changed)
        cleared.values += len(changed)
        cleared.records += 1


def family_persons(person: Person) -> list[Person]:
    return list(Person.objects.filter(family_link__case__person=person).order_by("pk"))


def clear_person(person: Person, *, now: datetime) -> Cleared:
    """Run inside the caller's transaction."""
    cleared = Cleared()
    persons = [person, *family_persons(person)]
    person_holding = next(h for h in holdings() if h.model is Person)
    for each in persons:
        clear_row(each, person_holding.fields, cleared)
    for holding in holdings():
        if holding.model is Person:
            continue
        for row in holding.model._default_manager.filter(**{holding.path: person.pk}).order_by("pk"):
            clear_row(row, holding.fields, cleared)
    PersonIndexEntry.objects.filter(person__in=persons).delete()
    cleared.audit_details = erase_audit_details(Q(person__in=persons) | Q(case__person=person), now=now)
    return cleared


def erase_audit_details(where: Q, *, now: datetime) -> int:
    # An update, not row by row: the details are text the seals no longer cover (version 2 seals
    # cover their digest), and the records themselves, who did what when, stay as they were.
    return (
        AuditRecord.objects.filter(where, seal_version__gte=2, detail_erased_at__isnull=True)
        .exclude(detail="")
        .update(detail="", detail_erased_at=now)
    )
