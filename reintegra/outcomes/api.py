from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Router, Schema

from reintegra.core.http import ApiRequest
from reintegra.outcomes import access
from reintegra.outcomes.models import Rating

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
    reviews = list(case.outcome_reviews.order_by("reviewed_on", "pk"))
    by_review: dict[int, list[Rating]] = {review.pk: [] for review in reviews}
    for rating in Rating.objects.filter(review__in=reviews):
        by_review[rating.review_id].append(rating)
    return {
        "reviews": [{"reviewed_on": r.reviewed_on, "kind": r.kind, "ratings": by_review[r.pk]} for r in reviews],
        "setbacks": list(case.setbacks.all()),
    }
