"""The consent pages' way into a case: the case scope, with every section a consent may belong
to asked for. Which consents the user sees is decided by the scope, by each consent's section."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction

CONSENT_SECTIONS = (
    Section.SUMMARY,
    Section.HEALTH,
    Section.MENTAL_HEALTH,
    Section.LEGAL,
    Section.SAFETY,
    Section.SENSITIVE,
)


def consents_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    return case_scope(user, case_id, write=write, sections=CONSENT_SECTIONS, action=AuditAction.VIEW_CONSENTS)
