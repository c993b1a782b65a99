"""The documents page's way into a case: the identity section as a whole (identity papers), or
404 like a case that does not exist. It also asks for the summary, the section of the plan's
actions in administrative support, which a fee may be counted under."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def documents_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(
        user, case_id, write=write, sections=(Section.IDENTITY, Section.SUMMARY), action=AuditAction.VIEW_DOCUMENTS
    )
    scope.require(Section.IDENTITY)
    return scope
