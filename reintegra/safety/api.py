"""A person's safety through the same access layer as the page (the safety section, the case's
team only; 404 without it)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from reintegra.access.scope import CaseScope
from reintegra.cases.vocabularies import RiskLevel
from reintegra.core.http import ApiRequest, created
from reintegra.core.schemas import InputSchema
from reintegra.safety import access, actions
from reintegra.safety.models import AssessmentKind, ConcernRelationship, FactorLevel, TriggerKind
from reintegra.safety.record import safety_record

router = Router()


class RiskAssessmentOut(Schema):
    id: int
    kind: AssessmentKind
    assessed_on: date
    assessed_by: str
    traffickers: FactorLevel
    community: FactorLevel
    family: FactorLevel
    own_sense: FactorLevel
    level: RiskLevel
    notes: str
    next_review_on: date


class EmergencyContactOut(Schema):
    name: str
    phone: str


class SafetyPlanOut(Schema):
    version: int
    measures: str
    emergency_contacts: list[EmergencyContactOut]
    code_words: str
    police_coordination: bool
    person_agreed_to_police: bool
    police_contact: str
    recorded_at: datetime


class PersonOfConcernOut(Schema):
    id: int
    name: str
    relationship: ConcernRelationship
    description: str
    whereabouts: str


class ReassessmentTriggerOut(Schema):
    id: int
    kind: TriggerKind
    on: date
    note: str


class ReassessmentDueOut(Schema):
    key: str
    since: date
    reason: str


class SafetyOut(Schema):
    risk_level: RiskLevel = Field(..., description="The highest overall level among the latest assessment of each kind")
    latest: list[RiskAssessmentOut] = Field(..., description="The latest assessment of each kind")
    assessments: list[RiskAssessmentOut] = Field(..., description="Every assessment, newest first")
    plan: SafetyPlanOut | None
    earlier_plans: list[SafetyPlanOut] = Field(..., description="Earlier versions of the plan, newest first")
    persons_of_concern: list[PersonOfConcernOut]
    triggers: list[ReassessmentTriggerOut]
    reassessment_due: list[ReassessmentDueOut]
    reassessment_coming: list[ReassessmentDueOut]


class RiskAssessmentIn(InputSchema):
    kind: AssessmentKind
    assessed_on: date
    assessed_by: str = Field(..., min_length=1, max_length=200)
    traffickers: FactorLevel = FactorLevel.NOT_ASSESSED
    community: FactorLevel = FactorLevel.NOT_ASSESSED
    family: FactorLevel = FactorLevel.NOT_ASSESSED
    own_sense: FactorLevel = FactorLevel.NOT_ASSESSED
    level: RiskLevel = Field(..., description="low, medium or high")
    notes: str = Field("", max_length=5000)
    next_review_on: date


class EmergencyContactIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200)
    phone: str = Field(..., min_length=1, max_length=50)


class SafetyPlanIn(InputSchema):
    measures: str = Field("", max_length=10000)
    emergency_contacts: list[EmergencyContactIn] = Field(default_factory=list, max_length=20)
    code_words: str = Field("", max_length=2000)
    person_agreed_to_police: bool = False
    police_contact: str = Field("", max_length=500)


class PersonOfConcernIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200)
    relationship: ConcernRelationship
    description: str = Field("", max_length=2000)
    whereabouts: str = Field("", max_length=500)


class ReassessmentTriggerIn(InputSchema):
    kind: TriggerKind
    on: date
    note: str = Field("", max_length=2000)


def _assessment(item) -> RiskAssessmentOut:  # type: ignore[no-untyped-def]
    return RiskAssessmentOut(
        id=item.pk,
        kind=AssessmentKind(item.kind),
        assessed_on=item.assessed_on,
        assessed_by=item.assessed_by,
        traffickers=FactorLevel(item.traffickers),
        community=FactorLevel(item.community),
        family=FactorLevel(item.family),
        own_sense=FactorLevel(item.own_sense),
        level=RiskLevel(item.level),
        notes=item.notes,
        next_review_on=item.next_review_on,
    )


def _plan(plan) -> SafetyPlanOut:  # type: ignore[no-untyped-def]
    return SafetyPlanOut(
        version=plan.version,
        measures=plan.measures,
        emergency_contacts=[EmergencyContactOut(**contact) for contact in plan.emergency_contacts],
        code_words=plan.code_words,
        police_coordination=plan.police_coordination,
        person_agreed_to_police=plan.person_agreed_to_police,
        police_contact=plan.police_contact,
        recorded_at=plan.recorded_at,
    )


def _safety_out(scope: CaseScope) -> SafetyOut:
    record = safety_record(scope, timezone.localdate())
    return SafetyOut(
        risk_level=RiskLevel(record.level),
        latest=[_assessment(item) for item in record.latest],
        assessments=[_assessment(item) for item in record.assessments],
        plan=_plan(record.plan) if record.plan else None,
        earlier_plans=[_plan(plan) for plan in record.plans[1:]],
        persons_of_concern=[
            PersonOfConcernOut(
                id=concern.pk,
                name=concern.name,
                relationship=ConcernRelationship(concern.relationship),
                description=concern.description,
                whereabouts=concern.whereabouts,
            )
            for concern in record.concerns
        ],
        triggers=[
            ReassessmentTriggerOut(id=trigger.pk, kind=TriggerKind(trigger.kind), on=trigger.on, note=trigger.note)
            for trigger in record.triggers
        ],
        reassessment_due=[
            ReassessmentDueOut(key=item.key, since=item.since, reason=item.reason) for item in record.due
        ],
        reassessment_coming=[
            ReassessmentDueOut(key=item.key, since=item.since, reason=item.reason) for item in record.coming
        ],
    )


@router.get(
    "/cases/{id:case_id}/safety",
    url_name="safety",
    response=SafetyOut,
    summary="Risk assessments side by side, the case's level, the safety plan, persons of concern, reassessments due",
)
def get_safety(request: ApiRequest, case_id: int) -> SafetyOut:
    return _safety_out(access.safety_scope(request.auth, case_id))


@router.post(
    "/cases/{id:case_id}/safety/assessments",
    response={201: SafetyOut},
    summary="Record a risk assessment; a high level restricts the case to its team",
)
def record_assessment(request: ApiRequest, case_id: int, payload: RiskAssessmentIn, response: HttpResponse) -> Status:
    scope = access.safety_scope(request.auth, case_id, write=True)
    actions.record_risk_assessment(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, _safety_out(scope), "safety", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/safety/plan",
    response={201: SafetyOut},
    summary="Save a new version of the safety plan",
)
def update_plan(request: ApiRequest, case_id: int, payload: SafetyPlanIn, response: HttpResponse) -> Status:
    scope = access.safety_scope(request.auth, case_id, write=True)
    actions.update_safety_plan(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, _safety_out(scope), "safety", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/safety/persons-of-concern",
    response={201: SafetyOut},
    summary="Add a person of concern (a trafficker, an associate, a complicit relative)",
)
def record_concern(request: ApiRequest, case_id: int, payload: PersonOfConcernIn, response: HttpResponse) -> Status:
    scope = access.safety_scope(request.auth, case_id, write=True)
    actions.record_person_of_concern(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, _safety_out(scope), "safety", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/safety/triggers",
    response={201: SafetyOut},
    summary="Record an event that calls for a reassessment (a threat, a return home, a court date)",
)
def record_trigger(request: ApiRequest, case_id: int, payload: ReassessmentTriggerIn, response: HttpResponse) -> Status:
    scope = access.safety_scope(request.auth, case_id, write=True)
    actions.record_trigger(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, _safety_out(scope), "safety", case_id=case_id)
