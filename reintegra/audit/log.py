"""Writing to the audit trail. Every function here must run inside the caller's transaction, so
that an action and its audit record are committed together or not at all."""

from __future__ import annotations

import json
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
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit records are written inside the transaction of the action they record.")
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    source = current_origin()
    organisation_id = (case.organisation_id if case else None) or (actor.organisation_id if actor else None)
    record = AuditRecord(
        sequence=head.sequence + 1,
        at=timezone.now(),
        kind=kind,
        actor=actor,
        organisation_id=organisation_id,
        case=case,
        person=person if person is not None else (case.person if case is not None else None),
        section=section,
        action=action,
        channel=source.channel,
        ip=source.ip,
        detail=crypto.encrypt(json.dumps(detail, default=str), context=DETAIL_CONTEXT) if detail is not None else "",
        previous_seal=head.seal,
    )
    record.seal = record.compute_seal()
    record.save()
    head.sequence, head.seal = record.sequence, record.seal
    head.save(update_fields=["sequence", "seal"])
    return record


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
    detail = {field: {"old": old, "new": new} for field, (old, new) in changes.items()}
    return _append(kind=AuditKind.CHANGE, actor=actor, case=case, section=section, action=action, detail=detail)


def log_search(*, actor: User, action: AuditAction, terms: dict[str, str], result_count: int) -> AuditRecord:
    return _append(kind=AuditKind.SEARCH, actor=actor, action=action, detail={"terms": terms, "results": result_count})
