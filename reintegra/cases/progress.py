"""Which status the work done so far suggests. The status is never moved by itself: a worker
knows things the records do not (a plan agreed on paper, a person who asked to pause), so the
case page offers the move and the worker takes it or leaves it."""

from __future__ import annotations

from reintegra.cases.vocabularies import TRANSITIONS, CaseStatus


def suggested_status(status: str, *, assessed: bool, plan_agreed: bool, followup_started: bool) -> str | None:
    if status == CaseStatus.ACTIVE and followup_started:
        suggestion = CaseStatus.FOLLOW_UP
    elif status in (CaseStatus.INTAKE, CaseStatus.ASSESSMENT) and plan_agreed:
        suggestion = CaseStatus.ACTIVE
    elif status == CaseStatus.INTAKE and assessed:
        suggestion = CaseStatus.ASSESSMENT
    else:
        return None
    return suggestion if suggestion in TRANSITIONS[status] else None
