"""The consent pages' way into a case: the case scope, with every section a consent may belong
to asked for. Which consents the user sees is decided by the scope, by each consent's section."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction

CONSENT_SECTIONS = SERVICE_AREA_SECTIONS


def consents_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    return case_scope(user, case_id, write=write, sections=CONSENT_SECTIONS, action=AuditAction.VIEW_CONSENTS)
