"""The child-protection page's way into a case: the child-protection section as a whole (the
case's team), or 404 like a case that does not exist."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def child_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(
        user,
        case_id,
        write=write,
        sections=(Section.SUMMARY, Section.IDENTITY, Section.CHILD_PROTECTION),
        action=AuditAction.VIEW_CHILD_PROTECTION,
    )
    scope.require(Section.CHILD_PROTECTION)
    return scope
