"""Outcome ratings are sensitive (R1): only the case's team sees them, through the case
access layer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from reintegra.accounts.models import User
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case
from reintegra.outcomes.models import Rating, Review


def get_case_for_outcomes(user: User, case_id: int, *, write: bool = False) -> Case:
    case = get_case_for_user(user, case_id, write=write, sections=(Section.SENSITIVE,), action="view_outcomes")
    if Section.SENSITIVE not in case.visible_sections:
        raise PermissionDenied
    return case


def reviews_with_ratings(case: Case, *, limit: int | None = None) -> list[tuple[Review, list[Rating]]]:
    """The case's reviews, oldest first (the latest `limit` of them), each with its ratings.
    `case` must come from get_case_for_outcomes."""
    newest_first = case.outcome_reviews.order_by("-reviewed_on", "-pk")
    reviews = list(newest_first[:limit] if limit else newest_first)[::-1]
    ratings: dict[int, list[Rating]] = {review.pk: [] for review in reviews}
    for rating in Rating.objects.filter(review__in=reviews):
        ratings[rating.review_id].append(rating)
    return [(review, ratings[review.pk]) for review in reviews]
