"""Plans belong to a case and are reached through the case access layer. Actions in areas
whose section the user may not open (health, mental health, legal, safety) are left out."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from reintegra.accounts.models import User
from reintegra.assessments.access import ASSESSMENT_SECTIONS
from reintegra.assessments.areas import AREAS, AREAS_BY_CODE
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case
from reintegra.consents.models import Consent
from reintegra.plans.models import Action, Plan


def visible_area_codes(case: Case) -> list[str]:
    return [area.code for area in AREAS if area.section in case.visible_sections]


def get_case_with_plan(user: User, case_id: int, *, write: bool = False) -> Case:
    # Identity too: actions for family members show their names.
    return get_case_for_user(
        user, case_id, write=write, sections=(*ASSESSMENT_SECTIONS, Section.IDENTITY), action="view_plan"
    )


def area_choices(case: Case) -> list[tuple[str, Any]]:
    """The service areas this user may record in on this case, as form choices."""
    return [(code, AREAS_BY_CODE[code].label) for code in visible_area_codes(case)]


def get_plan_for_user(user: User, case_id: int, *, write: bool = False) -> Plan:
    """The case's plan, or 404 if the case is invisible or has no plan yet."""
    case = get_case_with_plan(user, case_id, write=write)
    plan = plan_of(case)
    if plan is None:
        raise Http404
    plan.case = case  # keeps the sections the access layer granted on this request
    return plan


def plan_of(case: Case) -> Plan | None:
    """The plan of a case the caller already obtained from the access layer."""
    return Plan.objects.filter(case=case).first()


def actions_of(case: Case, plan: Plan) -> QuerySet[Action]:
    return plan.actions.filter(area__in=visible_area_codes(case))


def get_action_for_user(user: User, case_id: int, action_id: int, *, write: bool = False) -> Action:
    case = get_case_with_plan(user, case_id, write=write)
    action = (
        Action.objects.filter(plan__case=case, pk=action_id, area__in=visible_area_codes(case))
        .select_related("plan", "consent")
        .first()
    )
    if action is None:
        raise Http404
    action.plan.case = case
    return action


def current_consents_by_thread(case: Case) -> dict[int, Consent]:
    """The current decision of every consent thread of an authorised case, for its actions."""
    return Consent.objects.filter(case=case).current_by_thread()
