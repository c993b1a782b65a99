"""The debt page's way into a case: debts are sensitive, so the page and its API need that
section as a whole; without it, 404 like a case that does not exist."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def debts_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(user, case_id, write=write, sections=(Section.SENSITIVE,), action=AuditAction.VIEW_DEBTS)
    scope.require(Section.SENSITIVE)
    return scope
