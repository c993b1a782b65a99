from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Router, Schema

from reintegra.core.http import ApiRequest
from reintegra.outcomes import access

router = Router()


class RatingOut(Schema):
    outcome: str
    worker_score: str
    person_score: str


class ReviewOut(Schema):
    reviewed_on: date
    kind: str
    ratings: list[RatingOut]


class SetbackOut(Schema):
    occurred_on: date
    kind: str


class OutcomesOut(Schema):
    reviews: list[ReviewOut]
    setbacks: list[SetbackOut]


@router.get("/{int:case_id}/outcomes", response=OutcomesOut, summary="Outcome reviews (two voices) and setbacks")
def get_outcomes(request: ApiRequest, case_id: int) -> dict[str, Any]:
    case = access.get_case_for_outcomes(request.auth, case_id)
    return {
        "reviews": [
            {"reviewed_on": review.reviewed_on, "kind": review.kind, "ratings": ratings}
            for review, ratings in access.reviews_with_ratings(case)
        ],
        "setbacks": list(case.setbacks.all()),
    }
