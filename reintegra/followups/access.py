"""The follow-up page's way into a case. Follow-up is about reaching the person safely: who may
answer, what may be said, what they raised. All of it is the safety section, so the page and
its API need that section as a whole; without it, 404 like a case that does not exist."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction


def followup_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(
        user, case_id, write=write, sections=(Section.SUMMARY, Section.SAFETY), action=AuditAction.VIEW_FOLLOWUP
    )
    scope.require(Section.SAFETY)
    return scope
