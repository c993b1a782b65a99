"""The family page's way into a case: the case scope, asking for identity (relatives' names) and
the sections of every service area (their needs follow the same per-area sections as the
person's own). Without identity there is no family page: 404."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction
from reintegra.plans.access import PLAN_SECTIONS


def family_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    scope = case_scope(user, case_id, write=write, sections=PLAN_SECTIONS, action=AuditAction.VIEW_FAMILY)
    scope.require(Section.IDENTITY)
    return scope
