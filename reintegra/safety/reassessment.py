"""Which risk assessments count now, the case's level they give, and whether a reassessment is
due. Plain functions over records already loaded, so the page, the API, the workflows and the
reminder job (notifications.due) all say the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from reintegra.cases.vocabularies import RiskLevel
from reintegra.safety.models import LEVEL_RANK, AssessmentKind, ReassessmentTrigger, RiskAssessment, TriggerKind


def latest_by_kind(assessments: Iterable[RiskAssessment]) -> dict[str, RiskAssessment]:
    """The latest assessment of each kind (by its date, then by when it was recorded), in the
    kinds' order."""
    latest: dict[str, RiskAssessment] = {}
    for assessment in assessments:
        held = latest.get(assessment.kind)
        if held is None or (assessment.assessed_on, assessment.pk) > (held.assessed_on, held.pk):
            latest[assessment.kind] = assessment
    return {kind: latest[kind] for kind in AssessmentKind.values if kind in latest}


def current_level(assessments: Iterable[RiskAssessment]) -> str:
    """The highest overall level among the latest assessment of each kind; "" when none."""
    levels = [assessment.level for assessment in latest_by_kind(assessments).values()]
    return max(levels, key=lambda level: LEVEL_RANK[RiskLevel(level)], default=RiskLevel.NOT_ASSESSED)


@dataclass(frozen=True)
class Reassessment:
    """A reason a reassessment is due (or coming), and from when."""

    key: str  # stable, for reminders: "trigger:<id>" or "review:<assessment id>"
    since: date
    reason: str

    def is_due(self, today: date) -> bool:
        return self.since <= today


def reassessments(
    assessments: Iterable[RiskAssessment],
    triggers: Iterable[ReassessmentTrigger],
    hearings: Iterable[tuple[int, date]] = (),
) -> list[Reassessment]:
    """Every reason for a reassessment still open, due or to come, earliest first: each
    trigger not followed by an assessment dated on or after it, the set review date of the
    latest assessment of each kind, and each hearing to come (id and date of a legal
    proceeding's hearing), due REINTEGRA_SAFETY_BEFORE_HEARING_DAYS before it until an
    assessment is dated on or after that day."""
    assessments = list(assessments)
    newest = max((assessment.assessed_on for assessment in assessments), default=None)
    found: list[Reassessment] = []
    lead = timedelta(days=settings.REINTEGRA_SAFETY_BEFORE_HEARING_DAYS)
    for event_id, hearing_on in hearings:
        since = hearing_on - lead
        if newest is None or newest < since:
            found.append(
                Reassessment(f"hearing:{event_id}", since, _("A hearing on %(day)s") % {"day": hearing_on.isoformat()})
            )
    for trigger in triggers:
        if newest is None or newest < trigger.on:
            found.append(
                Reassessment(
                    f"trigger:{trigger.pk}",
                    trigger.on,
                    _("%(event)s on %(day)s")
                    % {"event": TriggerKind(trigger.kind).label, "day": trigger.on.isoformat()},
                )
            )
    for assessment in latest_by_kind(assessments).values():
        found.append(
            Reassessment(
                f"review:{assessment.pk}",
                assessment.next_review_on,
                _("%(kind)s set to be reassessed by %(day)s")
                % {"kind": AssessmentKind(assessment.kind).label, "day": assessment.next_review_on.isoformat()},
            )
        )
    return sorted(found, key=lambda item: (item.since, item.key))


def due_now(
    assessments: Iterable[RiskAssessment], triggers: Iterable[ReassessmentTrigger], today: date
) -> list[Reassessment]:
    return [item for item in reassessments(assessments, triggers) if item.is_due(today)]
