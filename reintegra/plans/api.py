from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from reintegra.access.scope import CaseScope
from reintegra.accounts.models import User
from reintegra.consents.models import ConsentGiver
from reintegra.core.forms import LANGUAGE_CODES
from reintegra.core.http import ApiRequest, created
from reintegra.core.schemas import InputSchema
from reintegra.orgs.models import Organisation
from reintegra.plans import access, actions
from reintegra.plans.models import Action, ActionStatus, Agreement, Delivery, GoalStatus, SupportKind

router = Router()


class GoalOut(Schema):
    id: int
    area: str
    description: str
    status: GoalStatus


class SupportItemOut(Schema):
    kinds: list[SupportKind]
    quantity: int | None
    amount: str
    currency: str
    given_on: date
    purpose: str
    funding_line: str
    family_assistance: bool


class ActionOut(Schema):
    id: int
    area: str
    description: str
    delivery: Delivery
    provider_id: int | None
    responsible_id: int
    family_member_id: int | None
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


@router.get("/{id:case_id}/plan", url_name="plan", response=PlanOut, summary="The case's reintegration plan")
def get_plan(request: ApiRequest, case_id: int) -> dict[str, Any]:
    scope = access.plan_scope(request.auth, case_id)
    plan = access.existing_plan(scope)
    rows = scope.actions().prefetch_related("support_items")
    return {
        "in_own_words": plan.in_own_words,
        "agreed_on": plan.agreed_on,
        "review_on": plan.review_on,
        "goals": list(scope.goals()),
        "actions": [_action_out(a) for a in rows],
    }


@router.get(
    "/{id:case_id}/plan/actions/{id:action_id}",
    url_name="plan_action",
    response=ActionOut,
    summary="One action of the plan, with its support and the person's decision",
)
def get_action(request: ApiRequest, case_id: int, action_id: int) -> Any:
    return _action_out(access.plan_scope(request.auth, case_id).action(action_id))


class PlanIn(InputSchema):
    review_on: date
    in_own_words: str = Field("", max_length=5000)


class GoalIn(InputSchema):
    area: str
    description: str = Field(..., min_length=1, max_length=500)


class ActionIn(InputSchema):
    area: str
    description: str = Field(..., min_length=1, max_length=500)
    responsible_id: int
    delivery: Delivery = Delivery.OUR_TEAM
    provider_id: int | None = None
    goal_id: int | None = None
    family_member_id: int | None = None
    starts_on: date | None = None
    due_on: date | None = None


class DecisionIn(InputSchema):
    agreement: Agreement
    decided_on: date
    information_given: str = Field(..., min_length=1, max_length=2000)
    language: str
    declined_reason: str = Field("", max_length=2000)
    given_by: ConsentGiver = ConsentGiver.SELF
    giver_name: str = Field("", max_length=200)
    understood: bool = Field(False, description="Whether the person showed they understood what was explained")

    @field_validator("decided_on")
    @classmethod
    def not_future(cls, value: date) -> date:
        return not_in_future(value)


class StatusIn(InputSchema):
    status: ActionStatus


class SupportItemIn(InputSchema):
    kinds: list[SupportKind] = Field(..., min_length=1, max_length=len(SupportKind.values))
    quantity: int | None = Field(None, ge=1, le=1_000_000)
    amount: Decimal = Field(..., ge=0, max_digits=18, decimal_places=2)
    currency: str = Field(..., pattern=r"^[A-Za-z]{3}$")
    given_on: date
    purpose: str = Field("", max_length=500)
    funding_line: str = Field("", max_length=100)
    family_assistance: bool = False

    @field_validator("given_on")
    @classmethod
    def not_future(cls, value: date) -> date:
        return not_in_future(value)


def not_in_future(value: date) -> date:
    if value > timezone.localdate():
        raise ValueError("cannot be in the future")
    return value


def _check_area(scope: CaseScope, area: str) -> None:
    if area not in scope.area_codes():
        raise ValidationError(_("Unknown service area."))


def _action_out(action: Action) -> dict[str, Any]:
    return {
        **{f: getattr(action, f) for f in ActionOut.model_fields if f != "support_items"},
        "support_items": [
            {**vars(i), "kinds": i.kind_list(), "amount": str(i.amount)} for i in action.support_items.all()
        ],
    }


@router.post("/{id:case_id}/plan", response={201: PlanOut}, summary="Start the plan")
def create_plan(request: ApiRequest, case_id: int, payload: PlanIn, response: HttpResponse) -> Status:
    scope = access.plan_scope(request.auth, case_id, write=True)
    plan = actions.create_plan(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, {**vars(plan), "goals": [], "actions": []}, "plan", case_id=case_id)


@router.post("/{id:case_id}/plan/goals", response={201: GoalOut}, summary="Add a goal")
def add_goal(request: ApiRequest, case_id: int, payload: GoalIn, response: HttpResponse) -> Status:
    scope = access.plan_scope(request.auth, case_id, write=True)
    plan = access.existing_plan(scope)
    _check_area(scope, payload.area)
    goal = actions.add_goal(actor=request.auth, plan=plan, **payload.model_dump())
    return created(response, goal, "plan", case_id=case_id)


@router.post("/{id:case_id}/plan/actions", response={201: ActionOut}, summary="Add an action")
def add_action(request: ApiRequest, case_id: int, payload: ActionIn, response: HttpResponse) -> Status:
    scope = access.plan_scope(request.auth, case_id, write=True)
    plan = access.existing_plan(scope)
    case = scope.case
    _check_area(scope, payload.area)
    responsible = User.caseworkers_in(case.organisation_id).filter(pk=payload.responsible_id).first()
    if responsible is None:
        raise ValidationError(_("The responsible worker must do casework in this organisation."))
    provider = None
    if payload.provider_id is not None:
        provider = Organisation.objects.filter(pk=payload.provider_id).first()
        if provider is None:
            raise ValidationError(_("Unknown provider."))
    goal = None
    if payload.goal_id is not None:
        goal = scope.goals().filter(pk=payload.goal_id).first()
        if goal is None:
            raise ValidationError(_("That goal belongs to another plan."))
    member = None
    if payload.family_member_id is not None:
        member = scope.family_members().filter(pk=payload.family_member_id).first()
        if member is None:
            raise ValidationError(_("That family member belongs to another case."))
    action = actions.add_action(
        actor=request.auth,
        plan=plan,
        area=payload.area,
        description=payload.description,
        responsible=responsible,
        delivery=payload.delivery,
        provider=provider,
        goal=goal,
        family_member=member,
        starts_on=payload.starts_on,
        due_on=payload.due_on,
    )
    return created(response, _action_out(action), "plan_action", case_id=case_id, action_id=action.pk)


@router.post(
    "/{id:case_id}/plan/actions/{id:action_id}/decision",
    response={201: ActionOut},
    summary="Record the person's agreement to an action, or their refusal",
)
def record_decision(
    request: ApiRequest, case_id: int, action_id: int, payload: DecisionIn, response: HttpResponse
) -> Status:
    action = access.plan_scope(request.auth, case_id, write=True).action(action_id)
    if payload.language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    decided = actions.record_decision(actor=request.auth, action=action, **payload.model_dump())
    # The decision is read with its action.
    return created(response, _action_out(decided), "plan_action", case_id=case_id, action_id=action_id)


@router.post(
    "/{id:case_id}/plan/actions/{id:action_id}/status", response={201: ActionOut}, summary="Set an action's status"
)
def set_action_status(
    request: ApiRequest, case_id: int, action_id: int, payload: StatusIn, response: HttpResponse
) -> Status:
    action = access.plan_scope(request.auth, case_id, write=True).action(action_id)
    actions.set_action_status(actor=request.auth, action=action, status=payload.status)
    return created(response, _action_out(action), "plan_action", case_id=case_id, action_id=action_id)


@router.post(
    "/{id:case_id}/plan/actions/{id:action_id}/support",
    response={201: SupportItemOut},
    summary="Record support given under an action",
)
def add_support(
    request: ApiRequest, case_id: int, action_id: int, payload: SupportItemIn, response: HttpResponse
) -> Status:
    action = access.plan_scope(request.auth, case_id, write=True).action(action_id)
    item = actions.add_support_item(actor=request.auth, action=action, **payload.model_dump())
    body = {**vars(item), "kinds": item.kind_list(), "amount": str(item.amount)}
    return created(response, body, "plan_action", case_id=case_id, action_id=action_id)
