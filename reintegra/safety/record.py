"""Everything the safety page and the API show, read once through the case scope: a fixed number
of queries however many assessments the case has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reintegra.access.scope import CaseScope
from reintegra.legal.models import EventKind
from reintegra.safety.models import PersonOfConcern, ReassessmentTrigger, RiskAssessment, SafetyPlan
from reintegra.safety.reassessment import Reassessment, current_level, latest_by_kind, reassessments


@dataclass
class SafetyRecord:
    assessments: list[RiskAssessment]  # the history, newest first
    latest: list[RiskAssessment]  # the latest of each kind, side by side
    level: str  # as the assessments give it (the case keeps a copy)
    plans: list[SafetyPlan]  # newest version first
    concerns: list[PersonOfConcern]
    triggers: list[ReassessmentTrigger]
    due: list[Reassessment]
    coming: list[Reassessment]

    @property
    def plan(self) -> SafetyPlan | None:
        return self.plans[0] if self.plans else None


def safety_record(scope: CaseScope, today: date) -> SafetyRecord:
    assessments = list(scope.risk_assessments().select_related("recorded_by").order_by("-assessed_on", "-pk"))
    triggers = list(scope.reassessment_triggers().select_related("recorded_by"))
    # Hearings to come in the person's legal proceedings call for a reassessment before them
    # (the legal reminder job reminds of it: DeadlineKind.SAFETY_BEFORE_HEARING).
    hearings = [
        (event.pk, event.on)
        for proceeding in scope.proceedings()
        for event in proceeding.events.all()
        if event.kind == EventKind.HEARING and event.on >= today
    ]
    open_reasons = reassessments(assessments, triggers, hearings)
    return SafetyRecord(
        assessments=assessments,
        latest=list(latest_by_kind(assessments).values()),
        level=current_level(assessments),
        plans=list(scope.safety_plans().select_related("recorded_by")),
        concerns=list(scope.persons_of_concern().select_related("recorded_by")),
        triggers=triggers,
        due=[item for item in open_reasons if item.is_due(today)],
        coming=[item for item in open_reasons if not item.is_due(today)],
    )
