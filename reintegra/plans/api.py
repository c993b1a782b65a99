from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from ninja import Router, Schema

from reintegra.core.http import ApiRequest
from reintegra.plans import access
from reintegra.plans.models import ActionStatus, Agreement, Delivery, GoalStatus

router = Router()


class GoalOut(Schema):
    id: int
    area: str
    description: str
    status: GoalStatus


class SupportItemOut(Schema):
    kind: str
    amount: str
    currency: str
    given_on: date
    family_assistance: bool


class ActionOut(Schema):
    id: int
    area: str
    description: str
    delivery: Delivery
    provider_id: int | None
    responsible_id: int
    starts_on: date | None
    due_on: date | None
    status: ActionStatus
    agreement: Agreement
    declined_reason: str
    support_items: list[SupportItemOut]


class PlanOut(Schema):
    in_own_words: str
    agreed_on: date | None
    review_on: date
    goals: list[GoalOut]
    actions: list[ActionOut]


@router.get("/{int:case_id}/plan", response=PlanOut, summary="The case's reintegration plan")
def get_plan(request: ApiRequest, case_id: int) -> dict[str, Any]:
    case = access.get_case_with_plan(request.auth, case_id)
    plan = access.plan_of(case)
    if plan is None:
        raise Http404
    areas = access.visible_area_codes(case)
    actions = access.actions_of(case, plan).prefetch_related("support_items")
    return {
        "in_own_words": plan.in_own_words,
        "agreed_on": plan.agreed_on,
        "review_on": plan.review_on,
        "goals": list(plan.goals.filter(area__in=areas)),
        "actions": [
            {
                **{f: getattr(a, f) for f in ActionOut.model_fields if f != "support_items"},
                "support_items": [{**vars(i), "amount": str(i.amount)} for i in a.support_items.all()],
            }
            for a in actions
        ],
    }
