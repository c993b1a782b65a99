"""Live indicators: what the records themselves say about some of the standards, beside the
organisation's own rating of them.

They count the organisation's open cases in one query (and its complaints in a second), so the
page costs the same whatever the caseload. They are shown to the organisation's supervisors and
administrators only, who already see each case's warning signs on the supervision page: the
counts tell them nothing about a person they could not read there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import Assessment
from reintegra.cases.models import Case
from reintegra.children.models import BestInterestsDetermination, GuardianEntry, GuardianStatus
from reintegra.complaints.models import Complaint, answer_timeliness
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.orgs.models import Organisation
from reintegra.plans.models import Plan
from reintegra.supervision.models import SupervisionNote

REASSESSMENT_WINDOW = timedelta(days=183)
SUPERVISION_WINDOW = timedelta(days=90)
COMPLAINTS_WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    # What is counted, in one sentence, so that nobody reads more into the figure than it holds.
    counts: str | Promise
    met: int
    out_of: int

    @property
    def percent(self) -> int | None:
        if not self.out_of:
            return None
        return round(100 * self.met / self.out_of)


# Which catalogue items each indicator speaks to.
INDICATOR_ITEMS: dict[str, tuple[str, ...]] = {
    "plan": ("CAS-P-02", "GEN-P-16"),
    "reassessed": ("CAS-P-01", "GEN-P-01"),
    "follow_up_on_schedule": ("CAS-P-06", "CAS-P-07"),
    "consent_confirmed": ("GEN-P-05",),
    "case_manager": ("CAS-P-05", "GEN-P-11"),
    "supervised": ("CAS-P-05", "GEN-P-11"),
    "child_guardian": ("GEN-C-01",),
    "child_determination": ("HOU-C-01", "CAS-C-01"),
    "complaints_in_time": ("GEN-P-15",),
}


def indicators_for(organisation: Organisation, today: date) -> dict[str, Indicator]:
    cases = Case.objects.filter(organisation=organisation).open().order_by()
    current_guardianship = GuardianEntry.objects.filter(case=OuterRef("pk")).order_by("-on", "-pk").values("status")[:1]
    counts = cases.annotate(
        has_plan=Exists(Plan.objects.filter(case=OuterRef("pk"), episode=OuterRef("episode"))),
        has_assessment=Exists(
            Assessment.objects.filter(case=OuterRef("pk"), assessed_on__gte=today - REASSESSMENT_WINDOW)
        ),
        has_note=Exists(
            SupervisionNote.objects.filter(case=OuterRef("pk"), written_on__gte=today - SUPERVISION_WINDOW)
        ),
        guardian_status=Subquery(current_guardianship),
        has_determination=Exists(
            BestInterestsDetermination.objects.filter(case=OuterRef("pk"), approved_at__isnull=False)
        ),
    ).aggregate(
        open=Count("pk"),
        with_plan=Count("pk", filter=Q(has_plan=True)),
        reassessed=Count("pk", filter=Q(has_assessment=True)),
        scheduled=Count("pk", filter=Q(followup__isnull=False)),
        on_schedule=Count(
            "pk",
            filter=Q(followup__isnull=False)
            & (
                Q(followup__next_due_on__isnull=True)
                | Q(followup__next_due_on__gte=today - timedelta(days=OVERDUE_GRACE_DAYS))
            ),
        ),
        consent_dated=Count("pk", filter=Q(consent_review_on__isnull=False)),
        consent_confirmed=Count("pk", filter=Q(consent_review_on__gte=today)),
        with_manager=Count("pk", filter=Q(responsible__isnull=False)),
        supervised=Count("pk", filter=Q(has_note=True)),
        children=Count("pk", filter=Q(statistics__child=True)),
        child_guardian=Count("pk", filter=Q(statistics__child=True, guardian_status=GuardianStatus.APPOINTED)),
        child_determined=Count("pk", filter=Q(statistics__child=True, has_determination=True)),
    )
    answered_in_time, answerable = _complaints_answered_in_time(organisation)
    found = [
        Indicator(
            "plan",
            _("Open cases with a plan"),
            _("Open cases with a reintegration plan for their current episode."),
            counts["with_plan"],
            counts["open"],
        ),
        Indicator(
            "reassessed",
            _("Needs assessed in the last six months"),
            _("Open cases with a needs assessment, first or repeated, dated within the last six months."),
            counts["reassessed"],
            counts["open"],
        ),
        Indicator(
            "follow_up_on_schedule",
            _("Follow-up on schedule"),
            _("Open cases with a follow-up schedule whose next contact is not overdue by more than a week."),
            counts["on_schedule"],
            counts["scheduled"],
        ),
        Indicator(
            "consent_confirmed",
            _("Consents re-confirmed in time"),
            _(
                "Open cases whose consents carry a date to ask again, where no consent has passed that "
                "date without being re-confirmed."
            ),
            counts["consent_confirmed"],
            counts["consent_dated"],
        ),
        Indicator(
            "case_manager",
            _("Cases with a responsible case worker"),
            _("Open cases with a named case worker who answers for them day to day."),
            counts["with_manager"],
            counts["open"],
        ),
        Indicator(
            "supervised",
            _("Cases discussed in supervision"),
            _("Open cases with a supervision note written in the last 90 days."),
            counts["supervised"],
            counts["open"],
        ),
        Indicator(
            "child_guardian",
            _("Children with a guardian"),
            _("Open cases of persons who were children when the case opened, where a guardian is appointed now."),
            counts["child_guardian"],
            counts["children"],
        ),
        Indicator(
            "child_determination",
            _("Children with a best-interests determination"),
            _("Open cases of persons who were children when the case opened, with an approved determination."),
            counts["child_determined"],
            counts["children"],
        ),
        Indicator(
            "complaints_in_time",
            _("Complaints answered in time"),
            _(
                "Complaints and feedback received in the last twelve months that were answered, or are "
                "now past their answer date: the share answered by that date."
            ),
            answered_in_time,
            answerable,
        ),
    ]
    return {indicator.key: indicator for indicator in found}


def _complaints_answered_in_time(organisation: Organisation) -> tuple[int, int]:
    now = timezone.now()
    in_time = answerable = 0
    rows = (
        Complaint.objects.filter(organisation=organisation, received_at__gte=now - COMPLAINTS_WINDOW)
        .order_by()
        .values_list("answer_by", "answered_at")
    )
    for answer_by, answered_at in rows:
        timeliness = answer_timeliness(answer_by, answered_at, organisation.tzinfo, now)
        if timeliness == "waiting":
            continue
        answerable += 1
        in_time += timeliness == "in_time"
    return in_time, answerable


def indicators_by_item(indicators: dict[str, Indicator]) -> dict[str, list[Indicator]]:
    by_item: dict[str, list[Indicator]] = {}
    for key, codes in INDICATOR_ITEMS.items():
        for code in codes:
            by_item.setdefault(code, []).append(indicators[key])
    return by_item
