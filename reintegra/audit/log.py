"""Writing to the audit trail. Every function here must run inside the caller's transaction, so
that an action and its audit record are committed together or not at all."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from reintegra.audit.context import current_origin
from reintegra.audit.models import DETAIL_CONTEXT, AuditAction, AuditChainHead, AuditKind, AuditRecord
from reintegra.core import crypto

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.cases.models import Case, Person


def _append(
    *,
    kind: str,
    actor: User | None,
    action: AuditAction,
    case: Case | None = None,
    person: Person | None = None,
    section: str = "",
    detail: Any = None,
) -> AuditRecord:
    head = _locked_head()
    record = _chained(
        head.sequence + 1,
        head.seal,
        kind=kind,
        actor=actor,
        action=action,
        case=case,
        person=person,
        section=section,
        detail=detail,
        at=timezone.now(),
    )
    record.save()
    head.sequence, head.seal = record.sequence, record.seal
    head.save(update_fields=["sequence", "seal"])
    return record


def _locked_head() -> AuditChainHead:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit records are written inside the transaction of the action they record.")
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    return head


def _chained(
    sequence: int,
    previous_seal: str,
    *,
    kind: str,
    actor: User | None,
    action: AuditAction,
    case: Case | None,
    person: Person | None,
    section: str,
    detail: Any,
    at: datetime,
) -> AuditRecord:
    """The record that follows `previous_seal` in the chain, sealed, not yet saved."""
    source = current_origin()
    organisation_id = (case.organisation_id if case else None) or (actor.organisation_id if actor else None)
    detail_text = json.dumps(detail, default=str) if detail is not None else ""
    record = AuditRecord(
        sequence=sequence,
        at=at,
        kind=kind,
        actor=actor,
        organisation_id=organisation_id,
        case=case,
        person=person if person is not None else (case.person if case is not None else None),
        section=section,
        action=action,
        channel=source.channel,
        ip=source.ip,
        detail=crypto.encrypt(detail_text, context=DETAIL_CONTEXT) if detail_text else "",
        detail_digest=crypto.audit_detail_digest(detail_text),
        previous_seal=previous_seal,
    )
    record.seal = record.compute_seal()
    return record


def _changes(changes: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    return {field: {"old": old, "new": new} for field, (old, new) in changes.items()}


def log_access(*, actor: User, case: Case, section: str, action: AuditAction = AuditAction.VIEW) -> AuditRecord:
    return _append(kind=AuditKind.ACCESS, actor=actor, case=case, section=section, action=action)


def log_change(
    *,
    actor: User | None,
    case: Case | None,
    action: AuditAction,
    changes: dict[str, tuple[Any, Any]],
    section: str = "",
) -> AuditRecord:
    """Record old and new values. The values are encrypted like the data they come from."""
    return _append(
        kind=AuditKind.CHANGE, actor=actor, case=case, section=section, action=action, detail=_changes(changes)
    )


def log_search(*, actor: User, action: AuditAction, terms: dict[str, str], result_count: int) -> AuditRecord:
    return _append(kind=AuditKind.SEARCH, actor=actor, action=action, detail={"terms": terms, "results": result_count})


def log_changes_in_bulk(
    *,
    actor: User,
    action: AuditAction,
    entries: list[tuple[Case, dict[str, tuple[Any, Any]]]],
    section: str = "",
) -> list[AuditRecord]:
    """One change record per case, as log_change writes them, for a workflow that creates cases in
    bulk (the import of a file): the chain's head is locked once and the records inserted
    together, in the same order and with the same seals as one at a time."""
    if not entries:
        return []
    head = _locked_head()
    now = timezone.now()
    created: list[AuditRecord] = []
    sequence, seal = head.sequence, head.seal
    for case, changes in entries:
        sequence += 1
        record = _chained(
            sequence,
            seal,
            kind=AuditKind.CHANGE,
            actor=actor,
            action=action,
            case=case,
            person=None,
            section=section,
            detail=_changes(changes),
            at=now,
        )
        seal = record.seal
        created.append(record)
    AuditRecord.objects.bulk_create(created)
    head.sequence, head.seal = sequence, seal
    head.save(update_fields=["sequence", "seal"])
    return created
