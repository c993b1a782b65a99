"""What makes a case slip, as annotations on a queryset of cases the access layer returned."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery

from reintegra.cases.models import CaseQuerySet
from reintegra.consents.models import Consent, ConsentStatus
from reintegra.followups.models import LOST_CONTACT_AFTER
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.outcomes.models import Rating, Review
from reintegra.supervision.models import SupervisionNote

LOW_SCORES = ["1", "2"]


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def warning_conditions(today: date) -> dict[str, Q | Exists]:
    """Each warning sign as a condition on a case, defined once for the supervision view (which
    annotates them) and the caseload (which only counts them)."""
    latest_review = (
        Review.objects.filter(case=OuterRef(OuterRef("pk"))).order_by("-reviewed_on", "-pk").values("pk")[:1]
    )
    not_superseded = ~Exists(Consent.objects.filter(supersedes=OuterRef("pk")))
    return {
        "contact_overdue": Q(followup__next_due_on__lt=today - timedelta(days=OVERDUE_GRACE_DAYS)),
        "due_within_week": Q(followup__next_due_on__lte=today + timedelta(days=7)),
        "out_of_reach": Q(followup__missed_in_a_row__gte=LOST_CONTACT_AFTER),
        "low_outcome": Exists(Rating.objects.filter(review=Subquery(latest_review), worker_score__in=LOW_SCORES)),
        "consent_due": Exists(
            Consent.objects.filter(
                not_superseded, case=OuterRef("pk"), status=ConsentStatus.GIVEN, review_on__lte=today
            )
        ),
        "plan_review_due": Q(plan__review_on__lte=today),
    }


def with_warning_signs(cases: CaseQuerySet, today: date) -> CaseQuerySet:
    conditions = warning_conditions(today)
    del conditions["due_within_week"]
    return cases.annotate(
        **{name: _flag(condition) if isinstance(condition, Q) else condition for name, condition in conditions.items()},
        last_review_on=Subquery(
            Review.objects.filter(case=OuterRef("pk")).order_by("-reviewed_on").values("reviewed_on")[:1]
        ),
        last_supervised_on=Subquery(
            SupervisionNote.objects.filter(case=OuterRef("pk")).order_by("-written_on").values("written_on")[:1]
        ),
    )


def caseload_counts(cases: CaseQuerySet, today: date) -> dict[str, dict[str, int]]:
    """For each status, how many cases and how many show each warning sign, in one query: the
    caseload's tabs and its summary line agree with the supervision view by construction."""
    conditions = warning_conditions(today)
    del conditions["low_outcome"]  # the caseload does not show it; it is the costliest to compute
    conditions["at_risk"] = Q(at_risk=True) | Q(conditions.pop("out_of_reach"))
    rows = (
        cases.order_by()
        .values("status")
        .annotate(cases=Count("pk"), **{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    )
    return {row.pop("status"): row for row in rows}


def slipping(cases: CaseQuerySet) -> CaseQuerySet:
    return cases.filter(
        Q(contact_overdue=True)
        | Q(out_of_reach=True)
        | Q(low_outcome=True)
        | Q(consent_due=True)
        | Q(plan_review_due=True)
        | Q(at_risk=True)
    )
