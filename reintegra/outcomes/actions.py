"""Outcome reviews and setbacks: one transaction each, with the audit record inside."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.actions import start_assessment
from reintegra.assessments.models import Assessment, AssessmentReason
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.children.models import guardian_appointed
from reintegra.followups.actions import record_setback_intensity
from reintegra.followups.models import FollowUp
from reintegra.outcomes.models import Outcome, Rating, Review, Score, Setback, keep_last_setback_dates, scores_digest
from reintegra.outcomes.rules import alerts, needs_justification
from reintegra.tasks.actions import create_outcome_alert_task


def previous_scores(case: Case, before: date) -> dict[str, str]:
    review = case.outcome_reviews.filter(reviewed_on__lte=before).order_by("-reviewed_on", "-pk").first()
    return {r.outcome: r.worker_score for r in review.ratings.all()} if review else {}


def record_review(
    *,
    actor: User,
    case: Case,
    reviewed_on: date,
    kind: str,
    ratings: dict[str, tuple[str, str, str]],
    note: str = "",
    guardian_scores: dict[str, str] | None = None,
    guardian_view: str = "",
) -> Review:
    """Rate the outcomes: worker's score, the person's score and a justification per outcome.
    Low scores and big moves since the last review must be explained. Where the person has an
    appointed guardian, the guardian's view is recorded too, as a third voice; their scores are
    optional, their view is not."""
    guardian_scores = guardian_scores or {}
    has_guardian = guardian_appointed(case)
    if guardian_scores and not has_guardian:
        raise ValidationError({"guardian_view": _("Only a person with an appointed guardian has a guardian's scores.")})
    if has_guardian and not guardian_view.strip():
        raise ValidationError(
            {"guardian_view": _("Record the guardian's view; if they could not be consulted, say why.")}
        )
    unknown = set(ratings) - set(Outcome.values)
    if unknown:
        raise ValidationError(_("Unknown outcomes: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    previous = previous_scores(case, reviewed_on)
    missing = [
        Outcome(code).label
        for code, (worker, _person, justification) in ratings.items()
        if needs_justification(worker, previous.get(code)) and not justification.strip()
    ]
    if missing:
        raise ValidationError(
            _("Explain the score for: %(outcomes)s (a score of 1 or 2, or a change of two points or more).")
            % {"outcomes": "; ".join(str(m) for m in missing)}
        )
    with transaction.atomic():
        review = Review.objects.create(
            case=case,
            reviewed_on=reviewed_on,
            kind=kind,
            note=note,
            guardian_view=guardian_view,
            by=actor,
            scores=scores_digest((code, p, w) for code, (w, p, _j) in ratings.items()),
        )
        Rating.objects.bulk_create(
            [
                Rating(
                    review=review,
                    outcome=code,
                    worker_score=w,
                    person_score=p,
                    guardian_score=guardian_scores.get(code, Score.NOT_ASSESSED if has_guardian else ""),
                    justification=j,
                )
                for code, (w, p, j) in sorted(ratings.items())
            ]
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_REVIEW,
            changes={code: (previous.get(code), w) for code, (w, _p, _j) in ratings.items()},
        )
        found = alerts({code: w for code, (w, _p, _j) in ratings.items()}, previous)
        if found:
            # A crisis or a sharp drop: the worker gets a task, the supervisor a sign (the open
            # task), and contact goes back to monthly as after a setback.
            today = timezone.localdate()
            create_outcome_alert_task(actor=actor, case=case, review=review, found=found, today=today)
            followup = FollowUp.objects.select_for_update().filter(case=case).first()
            if followup is not None and not case.is_closed:
                record_setback_intensity(
                    actor=actor, followup=followup, on=min(reviewed_on, today), because="outcome_alert"
                )
    return review


def record_setback(*, actor: User, case: Case, occurred_on: date, kind: str, description: str = "") -> Setback:
    """A setback brings back monthly follow-up, and starts a reassessment unless one is open
    (a second setback in a week does not need a second empty version)."""
    if occurred_on > timezone.localdate():
        raise ValidationError(_("A setback cannot be dated in the future."))
    with transaction.atomic():
        setback = Setback.objects.create(
            case=case, occurred_on=occurred_on, kind=kind, description=description, recorded_by=actor
        )
        keep_last_setback_dates([case.pk])
        today = timezone.localdate()
        latest = Assessment.objects.filter(case=case).order_by("-version").first()
        if latest is None or not latest.is_open(today):
            setback.reassessment = start_assessment(
                actor=actor, case=case, assessed_on=today, reason=AssessmentReason.SETBACK
            )
            setback.save(update_fields=["reassessment"])
        followup = FollowUp.objects.select_for_update().filter(case=case).first()
        if followup is not None:
            record_setback_intensity(actor=actor, followup=followup, on=occurred_on)
        log.log_change(actor=actor, case=case, action=AuditAction.RECORD_SETBACK, changes={"kind": (None, kind)})
    return setback
