"""What makes a case slip, computed over a queryset of cases the access layer returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery

from reintegra.cases.models import CaseQuerySet
from reintegra.consents.models import Consent
from reintegra.followups.models import LOST_CONTACT_AFTER
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.outcomes.models import Rating, Review
from reintegra.plans.models import Plan
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
    return {
        "contact_overdue": Q(followup__next_due_on__lt=today - timedelta(days=OVERDUE_GRACE_DAYS)),
        "due_within_week": Q(followup__next_due_on__lte=today + timedelta(days=7)),
        "out_of_reach": Q(followup__missed_in_a_row__gte=LOST_CONTACT_AFTER),
        "low_outcome": Exists(Rating.objects.filter(review=Subquery(latest_review), worker_score__in=LOW_SCORES)),
        # Whether a consent is due is a fact about dates, not its content: counted over every
        # section, like the other signs, and only ever shown as a yes or no.
        "consent_due": Exists(Consent.objects.filter(case=OuterRef("pk")).review_due(today)),
        # Only the current episode's plan: after reopening, the old plan's review is history.
        "plan_review_due": Exists(
            Plan.objects.filter(case=OuterRef("pk"), episode=OuterRef("episode"), review_on__lte=today)
        ),
    }


# The signs that put a case on the supervision list; at_risk is a field of the case itself.
SIGNS = ("contact_overdue", "out_of_reach", "low_outcome", "consent_due", "plan_review_due", "at_risk")


@dataclass(frozen=True)
class CaseSigns:
    pk: int
    next_due_on: date | None
    contact_overdue: bool
    out_of_reach: bool
    low_outcome: bool
    consent_due: bool
    plan_review_due: bool
    at_risk: bool

    @property
    def slipping(self) -> bool:
        return any(getattr(self, sign) for sign in SIGNS)

    @property
    def order(self) -> tuple[bool, date, int]:
        """Soonest contact first, cases without a follow-up schedule last."""
        return (self.next_due_on is None, self.next_due_on or date.min, self.pk)


def warning_signs_of(cases: CaseQuerySet, today: date) -> list[CaseSigns]:
    """Every case's warning signs, as plain values in one query. A case manager supervises a few
    hundred open cases; deciding which are slipping from these rows, rather than filtering and
    counting in SQL, compiles and runs the costly conditions once per page instead of twice."""
    conditions = warning_conditions(today)
    del conditions["due_within_week"]
    rows = (
        cases.order_by()
        .annotate(**{name: _flag(c) if isinstance(c, Q) else c for name, c in conditions.items()})
        .values("pk", "at_risk", *conditions, next_due_on=F("followup__next_due_on"))
    )
    return [CaseSigns(**row) for row in rows]


def with_last_dates(cases: CaseQuerySet) -> CaseQuerySet:
    return cases.annotate(
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
