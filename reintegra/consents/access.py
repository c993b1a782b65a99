"""The consent pages' way into a case: the case scope, with every section a consent may belong
to asked for. Which consents the user sees is decided by the scope, by each consent's section."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS, Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction

CONSENT_SECTIONS = SERVICE_AREA_SECTIONS


def first_language(scope: CaseScope) -> str:
    """The person's first language, to start a consent form with, if this user may see it."""
    if not scope.can_see(Section.IDENTITY):
        return ""
    return next(iter(scope.case.person.languages or []), "")


def consents_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    # Identity too: the form starts in the person's own language.
    return case_scope(
        user, case_id, write=write, sections=(*CONSENT_SECTIONS, Section.IDENTITY), action=AuditAction.VIEW_CONSENTS
    )
