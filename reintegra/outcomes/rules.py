"""Rules about outcome ratings, as plain functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reintegra.outcomes.models import NUMERIC, Outcome, Score

STABLE_SCORE = 4
CLOSURE_GAP_DAYS = 90  # the two stable reviews must be at least three months apart
BIG_CHANGE = 2


def numeric(score: str) -> int | None:
    return NUMERIC.get(score)  # type: ignore[call-overload]


def needs_justification(score: str, previous: str | None) -> bool:
    """Scores of 1 or 2, and moves of two points or more, must be explained."""
    value, before = numeric(score), numeric(previous) if previous else None
    if value is not None and value <= 2:
        return True
    return value is not None and before is not None and abs(value - before) >= BIG_CHANGE


@dataclass(frozen=True)
class ReviewScores:
    reviewed_on: date
    worker: dict[str, str]  # outcome code -> score


def all_applicable_stable(scores: dict[str, str]) -> bool:
    applicable = [s for s in scores.values() if s != Score.NOT_APPLICABLE]
    return bool(applicable) and all((numeric(s) or 0) >= STABLE_SCORE for s in applicable)


def suggests_closure(reviews: Sequence[ReviewScores]) -> bool:
    """All applicable outcomes at 4 or 5 in the last two reviews, at least three months apart.
    Only ever a suggestion: closing is the worker's and the person's decision."""
    if len(reviews) < 2:
        return False
    last, before = reviews[-1], reviews[-2]
    far_enough = (last.reviewed_on - before.reviewed_on).days >= CLOSURE_GAP_DAYS
    complete = all(code in last.worker for code in Outcome.values)
    return far_enough and complete and all_applicable_stable(last.worker) and all_applicable_stable(before.worker)


def alerts(scores: dict[str, str], previous: dict[str, str]) -> list[tuple[str, str]]:
    """(outcome, reason) pairs that call for action: a crisis score, or a drop of two or more."""
    found = []
    for code, score in scores.items():
        value, before = numeric(score), numeric(previous.get(code, ""))
        if value == 1:
            found.append((code, "crisis"))
        elif value is not None and before is not None and before - value >= BIG_CHANGE:
            found.append((code, "drop"))
    return found
