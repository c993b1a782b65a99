from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.outcomes import access, actions
from reintegra.outcomes.models import Outcome, ReviewKind, Score, SetbackKind

router = Router()


class RatingOut(Schema):
    outcome: str
    worker_score: str
    person_score: str
    guardian_score: str = Field(..., description="Empty where the person had no appointed guardian")


class ReviewOut(Schema):
    reviewed_on: date
    kind: str
    guardian_view: str = Field(..., description="A child's appointed guardian: the review's third voice")
    ratings: list[RatingOut]


class SetbackOut(Schema):
    occurred_on: date
    kind: str


@router.get(
    "/{id:case_id}/outcomes/reviews",
    url_name="outcome_reviews",
    response=PageOut[ReviewOut],
    summary="Outcome reviews (two voices), the latest first, a page at a time",
)
def list_reviews(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    rows, page = page_of(access.outcomes_scope(request.auth, case_id).reviews_latest_first(), paging)
    items = [
        {
            "reviewed_on": r.reviewed_on,
            "kind": r.kind,
            "guardian_view": r.guardian_view,
            "ratings": list(r.ratings.all()),
        }
        for r in rows
    ]
    return {**page, "items": items}


@router.get(
    "/{id:case_id}/outcomes/setbacks",
    url_name="outcome_setbacks",
    response=PageOut[SetbackOut],
    summary="Setbacks, the latest first, a page at a time",
)
def list_setbacks(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    setbacks = access.outcomes_scope(request.auth, case_id).setbacks().order_by("-occurred_on", "-pk")
    rows, page = page_of(setbacks, paging)
    return {**page, "items": rows}


class RatingIn(InputSchema):
    outcome: Outcome
    worker_score: Score
    person_score: Score
    guardian_score: Score | None = Field(None, description="Only where the person has an appointed guardian")
    justification: str = Field("", max_length=2000)


class ReviewIn(InputSchema):
    reviewed_on: date
    kind: ReviewKind
    ratings: list[RatingIn] = Field(..., min_length=1, max_length=len(Outcome.values))
    note: str = Field("", max_length=5000)
    guardian_view: str = Field(
        "", max_length=5000, description="Required where the person has an appointed guardian: the third voice"
    )

    @field_validator("reviewed_on")
    @classmethod
    def not_future(cls, value: date) -> date:
        if value > timezone.localdate():
            raise ValueError("cannot be in the future")
        return value

    @field_validator("ratings")
    @classmethod
    def one_rating_per_outcome(cls, value: list[RatingIn]) -> list[RatingIn]:
        if len({rating.outcome for rating in value}) != len(value):
            raise ValueError("rate each outcome at most once")
        return value


class SetbackIn(InputSchema):
    occurred_on: date
    kind: SetbackKind
    description: str = Field("", max_length=5000)


@router.post(
    "/{id:case_id}/outcomes/reviews",
    response={201: ReviewOut},
    summary="Record an outcome review; a final review is what closing the case rests on",
)
def record_review(request: ApiRequest, case_id: int, payload: ReviewIn, response: HttpResponse) -> Status:
    case = access.outcomes_scope(request.auth, case_id, write=True).case
    review = actions.record_review(
        actor=request.auth,
        case=case,
        reviewed_on=payload.reviewed_on,
        kind=payload.kind,
        note=payload.note,
        ratings={r.outcome: (r.worker_score, r.person_score, r.justification) for r in payload.ratings},
        guardian_scores={r.outcome: r.guardian_score for r in payload.ratings if r.guardian_score is not None},
        guardian_view=payload.guardian_view,
    )
    body = {
        "reviewed_on": review.reviewed_on,
        "kind": review.kind,
        "guardian_view": review.guardian_view,
        "ratings": list(review.ratings.order_by("pk")),
    }
    return created(response, body, "outcome_reviews", case_id=case_id)


@router.post(
    "/{id:case_id}/outcomes/setbacks",
    response={201: SetbackOut},
    summary="Record a setback; it starts a reassessment and steps follow-up up again",
)
def record_setback(request: ApiRequest, case_id: int, payload: SetbackIn, response: HttpResponse) -> Status:
    case = access.outcomes_scope(request.auth, case_id, write=True).case
    setback = actions.record_setback(actor=request.auth, case=case, **payload.model_dump())
    return created(response, setback, "outcome_setbacks", case_id=case_id)
