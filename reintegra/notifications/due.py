"""What is due: each source looks at the records as they stand and says who must be reminded of
what. Sources only read; `actions.send_due_reminders` writes, once per key and user, so running
the job twice, or two jobs at once, reminds nobody twice.

Later reminders (consent re-confirmations, overdue contacts) are added here as sources of their
own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q

from reintegra.accounts.models import Role, User
from reintegra.cases.models import Case
from reintegra.cases.vocabularies import CaseStatus
from reintegra.children.models import (
    BestInterestsDetermination,
    ChildDate,
    GuardianEntry,
    Placement,
    eighteenth_birthday,
    placement_state,
)
from reintegra.complaints.models import Complaint, ComplaintDate, ComplaintStatus
from reintegra.legal.deadlines import UNTIL_THE_DAY, hearing_dates, open_deadlines
from reintegra.legal.models import DeadlineKind, EventKind, ProceedingEvent, StatusStep
from reintegra.notifications.models import NotificationKind
from reintegra.referrals.models import Referral, ReferralStatus
from reintegra.safety.models import ReassessmentTrigger, RiskAssessment
from reintegra.safety.reassessment import due_now as reassessment_due_now
from reintegra.tasks.actions import assignee_for


@dataclass(frozen=True)
class Due:
    user: User
    kind: NotificationKind
    key: str
    case: Case | None
    referral: Referral | None = None
    waited_days: int = 0
    # Also put on the user's task list (once per referral): the case's worker must chase it.
    as_task: bool = False
    deadline: DeadlineKind | None = None
    child_date: ChildDate | None = None
    complaint_date: ComplaintDate | None = None
    due_on: date | None = None
    complaint: Complaint | None = None


def unanswered_referrals(now: datetime) -> Iterator[Due]:
    """Referrals sent at least the configured number of days ago and still not answered: the
    receiving organisation's service providers are asked to answer, the sender to chase. The
    reminder repeats after as many days again, under a new key."""
    days = settings.REINTEGRA_REFERRAL_ANSWER_DAYS
    waiting = list(
        Referral.objects.filter(status=ReferralStatus.SENT, sent_at__lte=now - timedelta(days=days))
        .only("pk", "case", "to_organisation_id", "sent_at", "proposed_by")
        .select_related("case__responsible", "case__organisation", "proposed_by")
        .order_by("pk")
    )
    if not waiting:
        return
    providers: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        organisation_id__in={referral.to_organisation_id for referral in waiting},
        is_active=True,
        role_grants__role=Role.SERVICE_PROVIDER,
    ).order_by("pk"):
        providers[user.organisation_pk].append(user)
    for referral in waiting:
        if referral.sent_at is None:  # never, as filtered; the type checker cannot know
            continue
        waited = (now - referral.sent_at).days
        key = f"referral:{referral.pk}:unanswered:{waited // days}"
        for user in providers[referral.to_organisation_id]:
            yield Due(user, NotificationKind.REFERRAL_WAITING, key, referral.case, referral, waited)
        sender = assignee_for(referral.case, referral.proposed_by)
        if sender.is_active:
            yield Due(sender, NotificationKind.REFERRAL_UNANSWERED, key, referral.case, referral, waited, as_task=True)


def legal_deadlines(now: datetime) -> Iterator[Due]:
    """Dates of a person's legal stay and hearings to come (legal.deadlines), for cases still
    open: the responsible worker is reminded once the date is within the configured number of
    days, and once more when a date of the stay has passed with no step settling it. The page
    shows the same dates, computed the same way."""
    window = settings.REINTEGRA_LEGAL_REMINDER_DAYS
    steps = (
        StatusStep.objects.exclude(case__status=CaseStatus.CLOSED)
        .select_related("country", "stay", "recorded_by", "case__organisation", "case__responsible")
        .prefetch_related("country__stay_rules")
        .order_by("case_id", "on", "pk")
    )
    by_case: dict[int, list[StatusStep]] = defaultdict(list)
    cases: dict[int, Case] = {}
    for step in steps:
        by_case[step.case_id].append(step)
        cases[step.case_id] = step.case
    # Hearings still to come (a day's margin either side of UTC: each office's today is its own).
    hearings = (
        ProceedingEvent.objects.filter(kind=EventKind.HEARING, on__gte=now.date() - timedelta(days=1))
        .exclude(proceeding__case__status=CaseStatus.CLOSED)
        .select_related("proceeding__case__organisation", "proceeding__case__responsible", "recorded_by")
        .order_by("proceeding__case_id", "on", "pk")
    )
    events_by_case: dict[int, list[ProceedingEvent]] = defaultdict(list)
    for event in hearings:
        events_by_case[event.proceeding.case_id].append(event)
        cases[event.proceeding.case_id] = event.proceeding.case
    for case_id, case in cases.items():
        today = now.astimezone(case.organisation.tzinfo).date()  # the office's today
        dates = [*open_deadlines(by_case[case_id]), *hearing_dates(events_by_case[case_id], today=today)]
        for deadline in dates:
            days_left = deadline.days_left(today)
            if days_left > window or (days_left < 0 and deadline.kind in UNTIL_THE_DAY):
                continue
            user = assignee_for(case, deadline.step.recorded_by)
            if not user.is_active:
                continue
            if days_left < 0:
                kind, key = NotificationKind.LEGAL_DEADLINE_PASSED, f"{deadline.key}:passed"
            else:
                kind, key = NotificationKind.LEGAL_DEADLINE_NEAR, f"{deadline.key}:near"
            yield Due(user, kind, key, case, deadline=deadline.kind, due_on=deadline.due_on)


def child_protection_dates(now: datetime) -> Iterator[Due]:
    """A child's care placements falling due for review, the review date of their latest
    best-interests determination, and their 18th birthday (the move to youth support), for open
    cases: the responsible worker is reminded within the configured window and once more when
    the date has passed with nothing recorded. The child-protection page shows the same dates."""
    window = settings.REINTEGRA_CHILD_REMINDER_DAYS
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED)
    # Not the person: their date of birth is read (and decrypted) only for the 18th birthdays below.
    related = ("case__organisation", "case__responsible", "recorded_by")
    dates: list[tuple[Case, ChildDate, date, str, User]] = []
    for placement in Placement.objects.filter(case__in=open_cases).select_related(*related).prefetch_related("reviews"):
        _ended, review_due = placement_state(placement)
        if review_due is not None:
            key = f"placement:{placement.pk}:review:{review_due.isoformat()}"
            dates.append((placement.case, ChildDate.PLACEMENT_REVIEW, review_due, key, placement.recorded_by))
    latest: dict[int, BestInterestsDetermination] = {}
    for determination in (
        BestInterestsDetermination.objects.filter(case__in=open_cases, approved_at__isnull=False)
        .select_related(*related)
        .order_by("case_id", "decided_on", "pk")
    ):
        latest[determination.case_id] = determination
    for determination in latest.values():
        key = f"determination:{determination.pk}:review"
        dates.append(
            (
                determination.case,
                ChildDate.DETERMINATION_REVIEW,
                determination.review_on,
                key,
                determination.recorded_by,
            )
        )
    # An 18th birthday matters for a child-protection case only: one with a guardian or a placement.
    guarded = GuardianEntry.objects.filter(case__in=open_cases).values("case_id")
    placed = Placement.objects.filter(case__in=open_cases).values("case_id")
    for case in (
        open_cases.filter(Q(pk__in=guarded) | Q(pk__in=placed), youth_transition__isnull=True)
        .select_related("organisation", "responsible", "person", "created_by")
        .order_by("pk")
    ):
        birthday = eighteenth_birthday(case.person)
        if birthday is not None and not case.person.age_disputed:
            dates.append((case, ChildDate.TURNS_18, birthday, f"case:{case.pk}:turns_18", case.created_by))
    for case, what, due_on, key, recorded_by in dates:
        days_left = (due_on - now.astimezone(case.organisation.tzinfo).date()).days  # the office's today
        if days_left > window:
            continue
        user = assignee_for(case, recorded_by)
        if not user.is_active:
            continue
        if days_left < 0:
            yield Due(user, NotificationKind.CHILD_DATE_PASSED, f"{key}:passed", case, child_date=what, due_on=due_on)
        else:
            yield Due(user, NotificationKind.CHILD_DATE_NEAR, f"{key}:near", case, child_date=what, due_on=due_on)


def safety_reassessments(now: datetime) -> Iterator[Due]:
    """Risk reassessments due on open cases (safety.reassessment): from the date of each event
    that calls for one (a threat, a return home, a court date) until an assessment dated on or
    after it is recorded, and from the review date set by the latest assessment of each kind.
    The responsible worker is reminded once per reason; a new assessment settles it. The safety
    page shows the same reasons, computed the same way, and also the reassessment before each
    hearing to come, which the legal source reminds of (DeadlineKind.SAFETY_BEFORE_HEARING)."""
    assessments: dict[int, list[RiskAssessment]] = defaultdict(list)
    triggers: dict[int, list[ReassessmentTrigger]] = defaultdict(list)
    cases: dict[int, Case] = {}
    related = ("case__organisation", "case__responsible", "recorded_by")
    for assessment in (
        RiskAssessment.objects.exclude(case__status=CaseStatus.CLOSED)
        .select_related(*related)
        .order_by("case_id", "pk")
    ):
        assessments[assessment.case_id].append(assessment)
        cases[assessment.case_id] = assessment.case
    for trigger in (
        ReassessmentTrigger.objects.exclude(case__status=CaseStatus.CLOSED)
        .select_related(*related)
        .order_by("case_id", "pk")
    ):
        triggers[trigger.case_id].append(trigger)
        cases[trigger.case_id] = trigger.case
    for case_id, case in cases.items():
        today = now.astimezone(case.organisation.tzinfo).date()  # the office's today
        # Without a responsible worker, whoever recorded the latest of them, if on the team.
        recorded: list[RiskAssessment | ReassessmentTrigger] = [*assessments[case_id], *triggers[case_id]]
        for item in reassessment_due_now(assessments[case_id], triggers[case_id], today):
            user = assignee_for(case, recorded[-1].recorded_by)
            if not user.is_active:
                continue
            key = f"safety:{case_id}:{item.key}"
            yield Due(user, NotificationKind.SAFETY_REASSESSMENT_DUE, key, case, due_on=item.since)


# A complaint's date is reminded of from this many days before it, and until it is met.
COMPLAINT_NOTICE = timedelta(days=1)


def complaints_due(now: datetime) -> Iterator[Due]:
    """Complaints to acknowledge or answer, from the day before their date until it is met: every
    complaints officer of the organisation is reminded, since any of them may take it up. Meeting
    the date settles the reminder."""
    from reintegra.complaints.access import handles_complaints

    officers: dict[int, list[User]] = defaultdict(list)
    for officer in (
        User.objects.filter(is_active=True, organisation__isnull=False, role_grants__role=Role.COMPLAINTS_OFFICER)
        .select_related("organisation")
        .distinct()
    ):
        if handles_complaints(officer):
            officers[officer.organisation_pk].append(officer)
    if not officers:
        return
    for complaint in Complaint.objects.open().filter(organisation_id__in=officers).select_related("organisation"):
        today = now.astimezone(complaint.organisation.tzinfo).date()  # the office's today
        dates = []
        if complaint.status == ComplaintStatus.RECEIVED:
            dates.append((ComplaintDate.ACKNOWLEDGE, complaint.acknowledge_by))
        if complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED):
            dates.append((ComplaintDate.ANSWER, complaint.answer_by))
        for which, day in dates:
            if today < day - COMPLAINT_NOTICE:
                continue
            for officer in officers[complaint.organisation_id]:
                yield Due(
                    officer,
                    NotificationKind.COMPLAINT_DUE,
                    f"complaint:{complaint.pk}:{which.value}:{day.isoformat()}",
                    None,
                    complaint=complaint,
                    complaint_date=which,
                    due_on=day,
                )


SOURCES: tuple[Callable[[datetime], Iterator[Due]], ...] = (
    unanswered_referrals,
    legal_deadlines,
    child_protection_dates,
    safety_reassessments,
    complaints_due,
)


def due_now(now: datetime) -> Iterator[Due]:
    for source in SOURCES:
        yield from source(now)
