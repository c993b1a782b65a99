"""The safety page's way into a case: the safety section as a whole (the case's team), or 404
like a case that does not exist."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def safety_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    # The legal section too, for the hearings that call for a reassessment before them.
    scope = case_scope(
        user, case_id, write=write, sections=(Section.SAFETY, Section.LEGAL), action=AuditAction.VIEW_SAFETY
    )
    scope.require(Section.SAFETY)
    return scope
