"""What makes a case slip, as annotations on a queryset of cases the access layer returned."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery

from reintegra.cases.models import CaseQuerySet
from reintegra.consents.models import Consent, ConsentStatus
from reintegra.followups.models import LOST_CONTACT_AFTER
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.outcomes.models import Rating, Review
from reintegra.supervision.models import SupervisionNote

LOW_SCORES = ["1", "2"]


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def with_warning_signs(cases: CaseQuerySet, today: date) -> CaseQuerySet:
    latest_review = (
        Review.objects.filter(case=OuterRef(OuterRef("pk"))).order_by("-reviewed_on", "-pk").values("pk")[:1]
    )
    not_superseded = ~Exists(Consent.objects.filter(supersedes=OuterRef("pk")))
    return cases.annotate(
        contact_overdue=_flag(Q(followup__next_due_on__lt=today - timedelta(days=OVERDUE_GRACE_DAYS))),
        out_of_reach=_flag(Q(followup__missed_in_a_row__gte=LOST_CONTACT_AFTER)),
        low_outcome=Exists(Rating.objects.filter(review=Subquery(latest_review), worker_score__in=LOW_SCORES)),
        consent_due=Exists(
            Consent.objects.filter(
                not_superseded, case=OuterRef("pk"), status=ConsentStatus.GIVEN, review_on__lte=today
            )
        ),
        plan_review_due=_flag(Q(plan__review_on__lte=today)),
        last_review_on=Subquery(
            Review.objects.filter(case=OuterRef("pk")).order_by("-reviewed_on").values("reviewed_on")[:1]
        ),
        last_supervised_on=Subquery(
            SupervisionNote.objects.filter(case=OuterRef("pk")).order_by("-written_on").values("written_on")[:1]
        ),
    )


def slipping(cases: CaseQuerySet) -> CaseQuerySet:
    return cases.filter(
        Q(contact_overdue=True)
        | Q(out_of_reach=True)
        | Q(low_outcome=True)
        | Q(consent_due=True)
        | Q(plan_review_due=True)
        | Q(at_risk=True)
    )
