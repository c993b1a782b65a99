"""The legal-status page's way into a case: the legal section as a whole (the case's team), or
404 like a case that does not exist."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def legal_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(user, case_id, write=write, sections=(Section.LEGAL,), action=AuditAction.VIEW_LEGAL_STATUS)
    scope.require(Section.LEGAL)
    return scope
