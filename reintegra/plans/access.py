"""The plan pages' way into a case: the case scope, asking for the sections of every service
area (actions and goals take their area's section) and identity (actions for family members
show their names)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS, Section
from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.audit.models import AuditAction
from reintegra.plans.models import Plan

PLAN_SECTIONS = (*SERVICE_AREA_SECTIONS, Section.IDENTITY)


def plan_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    return case_scope(user, case_id, write=write, sections=PLAN_SECTIONS, action=AuditAction.VIEW_PLAN)


def existing_plan(scope: CaseScope) -> Plan:
    """The case's plan, or 404 while it has none."""
    plan = scope.plan()
    if plan is None:
        raise Http404
    return plan


def area_choices(scope: CaseScope) -> list[tuple[str, Any]]:
    """The service areas this user may record in on this case, as form choices."""
    return [(code, AREAS_BY_CODE[code].label) for code in scope.area_codes()]
