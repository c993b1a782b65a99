"""A child's protection record through the same access layer as the page (the child-protection
section, the case's team only; 404 without it). Refused input answers 422 with the same
messages as the page, and nothing is written."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from reintegra.access.scope import CaseScope
from reintegra.children import access, actions
from reintegra.children.models import (
    AgeOutcome,
    DurableSolution,
    FamilySafety,
    GuardianStatus,
    Likelihood,
    PlacementKind,
    ReviewOutcome,
    TracingStepKind,
    child_ages,
    closure_blockers,
    placement_state,
)
from reintegra.core.http import ApiRequest, created
from reintegra.core.schemas import InputSchema

router = Router()

TEXT = 4000


class AgesOut(Schema):
    at_trafficking: int | None
    at_identification: int | None
    today: int | None
    disputed: bool
    child_today: bool


class AgeAssessmentOut(Schema):
    id: int
    on: date
    outcome: AgeOutcome
    birth_date: date | None
    assessed_by: str
    note: str


class GuardianEntryOut(Schema):
    id: int
    status: GuardianStatus
    on: date
    guardian: str
    authority: str
    contact: str
    note: str


class GuardianConsultationOut(Schema):
    id: int
    on: date
    about: str
    guardian_view: str


class BestInterestsAssessmentOut(Schema):
    id: int
    on: date
    action_considered: str
    findings: str
    child_views: str
    recommendation: str


class DeterminationOut(Schema):
    id: int
    decided_on: date
    panel: list[str]
    family_safety: FamilySafety
    carers_complicit: Likelihood
    family_assessment: str
    other_factors: str
    child_views: str
    parents_views: str
    decision: str
    durable_solution: DurableSolution
    review_on: date
    approved: bool
    approved_at: str | None


class TracingStepOut(Schema):
    kind: TracingStepKind
    on: date
    safe_to_contact: bool | None
    note: str


class TracingOut(Schema):
    id: int
    relative: str
    relationship: str
    requested_on: date
    child_agreed: bool
    steps: list[TracingStepOut]


class PlacementReviewOut(Schema):
    on: date
    outcome: ReviewOutcome
    child_views: str
    findings: str


class PlacementOut(Schema):
    id: int
    kind: PlacementKind
    started_on: date
    carer: str
    child_views: str
    determination_id: int | None
    ended_on: date | None
    next_review_due: date | None = Field(..., description="None once the placement has ended")
    reviews: list[PlacementReviewOut]


class ChildProtectionOut(Schema):
    ages: AgesOut
    age_assessments: list[AgeAssessmentOut]
    guardian: list[GuardianEntryOut] = Field(..., description="The history; the last entry is the current state")
    consultations: list[GuardianConsultationOut]
    best_interests_assessments: list[BestInterestsAssessmentOut]
    determinations: list[DeterminationOut]
    tracing: list[TracingOut]
    placements: list[PlacementOut]
    youth_support_since: date | None
    closure_blocked_by: list[str]


class AgeAssessmentIn(InputSchema):
    on: date
    outcome: AgeOutcome
    birth_date: date | None = Field(None, description="Only when the assessment settled on one")
    assessed_by: str = Field("", max_length=200)
    note: str = Field("", max_length=TEXT)


class GuardianIn(InputSchema):
    status: GuardianStatus
    on: date
    guardian: str = Field("", max_length=200)
    authority: str = Field("", max_length=200)
    contact: str = Field("", max_length=300)
    note: str = Field("", max_length=TEXT)


class GuardianConsultationIn(InputSchema):
    on: date
    about: str = Field(..., max_length=TEXT)
    guardian_view: str = Field("", max_length=TEXT)


class BestInterestsAssessmentIn(InputSchema):
    on: date
    action_considered: str = Field(..., max_length=TEXT)
    findings: str = Field(..., max_length=TEXT)
    child_views: str = Field(..., max_length=TEXT)
    recommendation: str = Field("", max_length=TEXT)


class DeterminationIn(InputSchema):
    decided_on: date
    panel: list[str] = Field(..., max_length=20)
    family_safety: FamilySafety
    carers_complicit: Likelihood
    family_assessment: str = Field(..., max_length=TEXT)
    child_views: str = Field(..., max_length=TEXT)
    decision: str = Field(..., max_length=TEXT)
    durable_solution: DurableSolution
    review_on: date
    other_factors: str = Field("", max_length=TEXT)
    parents_views: str = Field("", max_length=TEXT)


class TracingIn(InputSchema):
    relative: str = Field(..., max_length=200)
    relationship: str = Field("", max_length=100)
    requested_on: date
    child_agreed: bool


class TracingStepIn(InputSchema):
    kind: TracingStepKind
    on: date
    safe_to_contact: bool | None = Field(None, description="For a safety check only")
    note: str = Field("", max_length=2000)


class PlacementIn(InputSchema):
    kind: PlacementKind
    started_on: date
    carer: str = Field(..., max_length=300)
    child_views: str = Field(..., max_length=TEXT)
    determination_id: int | None = Field(None, description="Required for a placement with parents or relatives")


class PlacementReviewIn(InputSchema):
    on: date
    outcome: ReviewOutcome
    child_views: str = Field(..., max_length=TEXT)
    findings: str = Field("", max_length=TEXT)


class YouthSupportIn(InputSchema):
    on: date
    note: str = Field("", max_length=TEXT)


def _record_out(scope: CaseScope) -> ChildProtectionOut:
    case, person = scope.case, scope.case.person
    today = timezone.localdate()
    placements = []
    for placement in scope.placements():
        ended, due = placement_state(placement)
        placements.append(
            PlacementOut(
                id=placement.pk,
                kind=PlacementKind(placement.kind),
                started_on=placement.started_on,
                carer=placement.carer,
                child_views=placement.child_views,
                determination_id=placement.determination_id,
                ended_on=ended,
                next_review_due=due,
                reviews=[
                    PlacementReviewOut.model_validate(review, from_attributes=True)
                    for review in placement.reviews.all()
                ],
            )
        )
    transition = scope.youth_transition()
    return ChildProtectionOut(
        ages=AgesOut(
            **child_ages(case, today),
            disputed=person.age_disputed,
            child_today=person.is_child_on(today),
        ),
        age_assessments=[AgeAssessmentOut.model_validate(row, from_attributes=True) for row in scope.age_assessments()],
        guardian=[GuardianEntryOut.model_validate(row, from_attributes=True) for row in scope.guardian_entries()],
        consultations=[
            GuardianConsultationOut.model_validate(row, from_attributes=True) for row in scope.guardian_consultations()
        ],
        best_interests_assessments=[
            BestInterestsAssessmentOut.model_validate(row, from_attributes=True)
            for row in scope.best_interests_assessments()
        ],
        determinations=[
            DeterminationOut(
                id=row.pk,
                decided_on=row.decided_on,
                panel=row.panel,
                family_safety=FamilySafety(row.family_safety),
                carers_complicit=Likelihood(row.carers_complicit),
                family_assessment=row.family_assessment,
                other_factors=row.other_factors,
                child_views=row.child_views,
                parents_views=row.parents_views,
                decision=row.decision,
                durable_solution=DurableSolution(row.durable_solution),
                review_on=row.review_on,
                approved=row.is_approved,
                approved_at=row.approved_at.isoformat() if row.approved_at else None,
            )
            for row in scope.determinations()
        ],
        tracing=[
            TracingOut(
                id=row.pk,
                relative=row.relative,
                relationship=row.relationship,
                requested_on=row.requested_on,
                child_agreed=row.child_agreed,
                steps=[TracingStepOut.model_validate(step, from_attributes=True) for step in row.steps.all()],
            )
            for row in scope.tracing_requests()
        ],
        placements=placements,
        youth_support_since=transition.on if transition else None,
        closure_blocked_by=closure_blockers(case),
    )


def _done(response: HttpResponse, scope: CaseScope) -> Status:
    return created(response, _record_out(scope), "child_protection", case_id=scope.case.pk)


@router.get(
    "/cases/{id:case_id}/child-protection",
    url_name="child_protection",
    response=ChildProtectionOut,
    summary="A child's protection record: ages, guardian, best interests, tracing, placements",
)
def get_child_protection(request: ApiRequest, case_id: int) -> ChildProtectionOut:
    return _record_out(access.child_scope(request.auth, case_id))


@router.post(
    "/cases/{id:case_id}/child-protection/age-assessments",
    response={201: ChildProtectionOut},
    summary="Record an age dispute or its settlement",
)
def record_age(request: ApiRequest, case_id: int, payload: AgeAssessmentIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_age_assessment(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/guardian",
    response={201: ChildProtectionOut},
    summary="Add to the history of the child's guardianship: requested, appointed, ended",
)
def record_guardian(request: ApiRequest, case_id: int, payload: GuardianIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_guardian(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/guardian-consultations",
    response={201: ChildProtectionOut},
    summary="Log a consultation with the appointed guardian",
)
def record_consultation(
    request: ApiRequest, case_id: int, payload: GuardianConsultationIn, response: HttpResponse
) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_consultation(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/best-interests-assessments",
    response={201: ChildProtectionOut},
    summary="Record a best-interests assessment (before an action that affects the child)",
)
def record_assessment(
    request: ApiRequest, case_id: int, payload: BestInterestsAssessmentIn, response: HttpResponse
) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_assessment(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/determinations",
    response={201: ChildProtectionOut},
    summary="Record a best-interests determination, for approval",
)
def record_determination(request: ApiRequest, case_id: int, payload: DeterminationIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_determination(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/determinations/{id:determination_id}/approval",
    response={201: ChildProtectionOut},
    summary="Approve a determination (a supervisor who did not record it)",
)
def approve_determination(request: ApiRequest, case_id: int, determination_id: int, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.approve_determination(actor=request.auth, determination=scope.determination(determination_id))
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/tracing",
    response={201: ChildProtectionOut},
    summary="Ask for a relative to be traced (with the child's agreement)",
)
def request_tracing(request: ApiRequest, case_id: int, payload: TracingIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.request_tracing(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/tracing/{id:tracing_id}/steps",
    response={201: ChildProtectionOut},
    summary="Add a step to a tracing: a safety check first, contact only once it clears it",
)
def record_tracing_step(
    request: ApiRequest, case_id: int, tracing_id: int, payload: TracingStepIn, response: HttpResponse
) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.record_tracing_step(actor=request.auth, tracing=scope.tracing_request(tracing_id), **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/placements",
    response={201: ChildProtectionOut},
    summary="Record a care placement (with family or relatives: under an approved determination)",
)
def record_placement(request: ApiRequest, case_id: int, payload: PlacementIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    values = payload.model_dump()
    determination_id = values.pop("determination_id")
    determination = scope.determination(determination_id) if determination_id is not None else None
    actions.record_placement(actor=request.auth, case=scope.case, determination=determination, **values)
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/placements/{id:placement_id}/reviews",
    response={201: ChildProtectionOut},
    summary="Record a periodic review of a placement",
)
def review_placement(
    request: ApiRequest, case_id: int, placement_id: int, payload: PlacementReviewIn, response: HttpResponse
) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.review_placement(actor=request.auth, placement=scope.placement(placement_id), **payload.model_dump())
    return _done(response, scope)


@router.post(
    "/cases/{id:case_id}/child-protection/youth-support",
    response={201: ChildProtectionOut},
    summary="Move the person, now 18, to youth support; the child's record stays whole",
)
def move_to_youth_support(request: ApiRequest, case_id: int, payload: YouthSupportIn, response: HttpResponse) -> Status:
    scope = access.child_scope(request.auth, case_id, write=True)
    actions.move_to_youth_support(actor=request.auth, case=scope.case, **payload.model_dump())
    return _done(response, scope)
