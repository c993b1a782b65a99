"""Casework histories for synthetic cases, built in memory for bulk insertion: a needs
assessment, consent decisions (to case management, to each plan action, to sharing for each
referral) re-confirmed over the years, a plan with goals and actions (some by referral),
follow-up contacts on the default schedule up to closure or today, setbacks, outcome reviews and
family members.

Benchmarks need the volume and shape of real use (about ten contacts and events per case),
not realism in every detail: nothing here goes through the workflows, so there is no audit
trail.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.assessments.models import Assessment, AssessmentReason
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus
from reintegra.consents.models import Consent, ConsentScope, ConsentStatus, keep_reconfirmation_dates, section_for_scope
from reintegra.debts.models import CreditorKind, Debt, DebtChange, Pressure
from reintegra.demo.synthetic import SyntheticCase
from reintegra.family.models import FamilyMember, Relationship
from reintegra.followups import schedule
from reintegra.followups.models import Channel, Contact, ContactOutcome, FollowUp
from reintegra.orgs.models import Organisation
from reintegra.outcomes.models import (
    Outcome,
    Rating,
    Review,
    ReviewKind,
    Setback,
    SetbackKind,
    keep_last_setback_dates,
    scores_digest,
)
from reintegra.plans.models import Action, ActionStatus, Agreement, Delivery, Goal, Plan

_PLAN_ITEMS = (
    ("ECO", "A steady income", "Vocational course"),
    ("ECO", "A small business", "Business skills training"),
    ("HOU", "A safe place to live", "Rent support"),
    ("EDU", "Finish school", "Evening classes"),
    ("ADM", "Identity papers", "New identity card"),
    ("MED", "Health check-ups", "Clinic visits"),
    ("PSY", "Feel calmer", "Counselling"),
    ("LEG", "Claim unpaid wages", "Legal advice"),
)
_SETBACKS = [kind for kind in SetbackKind.values if kind != SetbackKind.OTHER]
_CREDITORS = (CreditorKind.MONEY_LENDER, CreditorKind.MONEY_LENDER, CreditorKind.RECRUITER, CreditorKind.FAMILY)
_CHANNELS = (Channel.PHONE, Channel.PHONE, Channel.MESSAGE, Channel.MEETING)
_EXPLAINED = "What the service involves, who will know, and that the answer can change at any time."
# Every decision given is re-confirmed when due and then yearly; most re-confirmations happen
# on time, the rest leave a decision waiting, which is what the "consent to re-confirm" sign is for.
_CONSENT_YEAR = timedelta(days=365)
_RECONFIRMED_ON_TIME = 0.9


@dataclass
class Histories:
    """Rows for one batch, in the order they must be inserted."""

    assessments: list[Assessment] = field(default_factory=list)
    # By generation: a re-confirmation points at the record it supersedes, whose key must exist.
    consents: list[list[Consent]] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    setbacks: list[Setback] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    relatives: list[Person] = field(default_factory=list)
    family: list[FamilyMember] = field(default_factory=list)
    debts: list[Debt] = field(default_factory=list)
    debt_changes: list[DebtChange] = field(default_factory=list)
    currencies: dict[int, str] = field(default_factory=dict)

    def currency_of(self, organisation_id: int) -> str:
        if organisation_id not in self.currencies:
            self.currencies[organisation_id] = Organisation.objects.get(pk=organisation_id).currency
        return self.currencies[organisation_id]

    def save(self) -> None:
        """Insert everything. Rows refer to the objects they depend on, whose keys bulk_create
        fills in before the next insert."""
        Assessment.objects.bulk_create(self.assessments)
        for generation in self.consents:
            Consent.objects.bulk_create(generation)
        Plan.objects.bulk_create(self.plans)
        Goal.objects.bulk_create(self.goals)
        Action.objects.bulk_create(self.actions)
        FollowUp.objects.bulk_create(self.followups)
        Contact.objects.bulk_create(self.contacts)
        Setback.objects.bulk_create(self.setbacks)
        keep_last_setback_dates({setback.case_id for setback in self.setbacks})
        Review.objects.bulk_create(self.reviews)
        Rating.objects.bulk_create(self.ratings)
        Person.objects.bulk_create(self.relatives)
        FamilyMember.objects.bulk_create(self.family)
        Debt.objects.bulk_create(self.debts)
        for change in self.debt_changes:
            change.debt_id = change.debt.pk  # the key bulk_create just filled in
        DebtChange.objects.bulk_create(self.debt_changes)
        keep_reconfirmation_dates({consent.case_id for generation in self.consents for consent in generation})


def add_history(
    rows: Histories,
    *,
    case: Case,
    record: SyntheticCase,
    worker: User,
    providers: list[Organisation],
    rng: random.Random,
    today: date,
) -> None:
    if not any(step.to_status == CaseStatus.ACTIVE for step in record.history):
        return  # closed or still at intake: no casework yet
    opened = record.opened_on
    end = _end_of_support(record, today)
    rows.assessments.append(
        Assessment(
            case=case,
            version=1,
            assessed_on=opened + timedelta(days=3),
            reason=AssessmentReason.FIRST,
            created_by=worker,
        )
    )
    language = record.person.languages[0] if record.person.languages else "en"
    decide = _ConsentWriter(rows, case=case, worker=worker, language=language, end=end, rng=rng)
    decide(ConsentScope.CASE_MANAGEMENT, "Case management by our team", on=opened, review_on=opened + _CONSENT_YEAR)
    plan = Plan(case=case, episode=case.episode, review_on=opened + timedelta(days=180), created_by=worker)
    rows.plans.append(plan)
    for area, goal_text, action_text in rng.sample(_PLAN_ITEMS, k=2):
        goal = Goal(plan=plan, area=area, description=goal_text)
        rows.goals.append(goal)
        referral = providers and rng.random() < 0.3
        declined = rng.random() < 0.1
        decided_on = opened + timedelta(days=5)
        # Rows are bulk-inserted consents first, so a synthetic decision cannot point at its
        # action; it keeps a copy of the text instead, under the action's section.
        section = AREAS_BY_CODE[area].section
        consent = decide(
            ConsentScope.SERVICE,
            action_text,
            on=decided_on,
            review_on=None if declined else plan.review_on,
            section=section,
        )
        if referral and not declined:
            decide(
                ConsentScope.DATA_SHARING,
                f"Sharing with the provider: {action_text}",
                on=decided_on,
                review_on=plan.review_on,
                section=section,
            )
        if declined:
            status = ActionStatus.CANCELLED
        else:
            status = ActionStatus.DONE if end > opened + timedelta(days=120) else ActionStatus.IN_PROGRESS
        action = Action(
            plan=plan,
            goal=goal,
            area=area,
            description=action_text,
            delivery=Delivery.REFERRAL if referral else Delivery.OUR_TEAM,
            provider=rng.choice(providers) if referral else None,
            responsible=worker,
            starts_on=opened + timedelta(days=10),
            due_on=opened + timedelta(days=120),
            status=status,
            agreement=Agreement.DECLINED if declined else Agreement.AGREED,
            consent=consent,
        )
        rows.actions.append(action)

    setbacks = _setbacks(rows, case=case, worker=worker, opened=opened, end=end, rng=rng)
    followup = FollowUp(case=case, starts_on=opened, setbacks=[d.isoformat() for d in setbacks])
    missed, reached_on = 0, []
    for due in schedule.scheduled_dates(opened, schedule.DEFAULT_PHASES, setbacks):
        if due > end:
            break
        reached = rng.random() < 0.85
        missed = 0 if reached else missed + 1
        if reached:
            followup.last_contact_on = due
            reached_on.append(due)
        rows.contacts.append(
            Contact(
                case=case,
                at=datetime.combine(due, time(rng.randint(1, 10), 0), tzinfo=UTC),
                channel=rng.choice(_CHANNELS),
                outcome=ContactOutcome.REACHED if reached else ContactOutcome.NO_ANSWER,
                by=worker,
            )
        )
    followup.missed_in_a_row = missed
    # The contacts are not in the database yet (bulk insert), so the schedule is asked directly.
    followup.next_due_on = None if case.is_closed else schedule.next_due(opened, contacts=reached_on, setbacks=setbacks)
    rows.followups.append(followup)

    for months, kind in ((0, ReviewKind.BASELINE), (12, ReviewKind.PERIODIC), (24, ReviewKind.PERIODIC)):
        on = opened + timedelta(days=7 + 30 * months)
        if on > end:
            break
        _review(rows, case=case, worker=worker, on=on, kind=kind, level=min(5, 2 + months // 12), rng=rng)

    # About a third of the people owe money when support starts, most to a lender or recruiter.
    for _n in range(rng.choices((0, 1, 2), weights=(7, 2, 1))[0]):
        debt = Debt(
            case=case,
            creditor_kind=rng.choice(_CREDITORS),
            amount=Decimal(rng.randrange(5, 200) * 1_000_000),
            currency=rows.currency_of(case.organisation_id),
            since=opened - timedelta(days=rng.randint(200, 900)),
            pressure=rng.choice(Pressure.values),
            recorded_by=worker,
        )
        rows.debts.append(debt)
        rows.debt_changes.append(
            DebtChange(
                debt=debt,
                changed_on=opened + timedelta(days=3),
                status=debt.status,
                amount=debt.amount,
                pressure=debt.pressure,
                recorded_by=worker,
            )
        )

    for _n in range(rng.choices((0, 1, 2), weights=(6, 3, 1))[0]):
        relative = Person(
            organisation_id=case.organisation_id, given_name=rng.choice(("Minh", "Hoa", "Somchai", "Lan"))
        )
        rows.relatives.append(relative)
        rows.family.append(
            FamilyMember(
                case=case,
                person=relative,
                relationship=rng.choice(Relationship.values),
                dependant=rng.random() < 0.5,
                added_by=worker,
            )
        )


class _ConsentWriter:
    """Writes one case's consent decisions, each followed by its re-confirmations while support
    lasts: on time mostly, sometimes not at all, which leaves the decision due."""

    def __init__(
        self, rows: Histories, *, case: Case, worker: User, language: str, end: date, rng: random.Random
    ) -> None:
        self.rows, self.case, self.worker, self.language, self.end, self.rng = rows, case, worker, language, end, rng

    def __call__(self, scope: str, subject: str, *, on: date, review_on: date | None, section: str = "") -> Consent:
        section = section or section_for_scope(scope)
        consent = self._record(scope, subject, on=on, review_on=review_on, generation=0, section=section)
        latest, generation = consent, 0
        while latest.review_on is not None and latest.review_on <= self.end:
            if self.rng.random() > _RECONFIRMED_ON_TIME:
                break
            generation += 1
            on = latest.review_on
            latest = self._record(
                scope,
                subject,
                on=on,
                review_on=on + _CONSENT_YEAR,
                generation=generation,
                first=consent,
                supersedes=latest,
                section=section,
            )
        return consent

    def _record(
        self,
        scope: str,
        subject: str,
        *,
        on: date,
        review_on: date | None,
        generation: int,
        section: str,
        first: Consent | None = None,
        supersedes: Consent | None = None,
    ) -> Consent:
        consent = Consent(
            case=self.case,
            scope=scope,
            subject=subject,
            section=section,
            status=ConsentStatus.GIVEN if review_on else ConsentStatus.DECLINED,
            decided_on=on,
            information_given=_EXPLAINED,
            language=self.language,
            understood=True,
            review_on=review_on,
            first=first,
            supersedes=supersedes,
            recorded_by=self.worker,
        )
        while len(self.rows.consents) <= generation:
            self.rows.consents.append([])
        self.rows.consents[generation].append(consent)
        return consent


def _end_of_support(record: SyntheticCase, today: date) -> date:
    """The last day contacts happen: the first closing, or today."""
    for step in record.history:
        if step.to_status == CaseStatus.CLOSED:
            return timezone.localdate(step.at)
    return today


def _setbacks(rows: Histories, *, case: Case, worker: User, opened: date, end: date, rng: random.Random) -> list[date]:
    found = []
    days = (end - opened).days
    for _n in range(rng.choices((0, 1, 2), weights=(7, 2, 1))[0]):
        if days < 60:
            break
        on = opened + timedelta(days=rng.randint(30, days))
        found.append(on)
        rows.setbacks.append(Setback(case=case, occurred_on=on, kind=rng.choice(_SETBACKS), recorded_by=worker))
    return sorted(found)


def _review(rows: Histories, *, case: Case, worker: User, on: date, kind: str, level: int, rng: random.Random) -> None:
    review = Review(case=case, reviewed_on=on, kind=kind, by=worker)
    rows.reviews.append(review)
    ratings = []
    for code in Outcome.values:
        worker_score = str(max(3, min(5, level + rng.choice((-1, 0, 0, 1)))))
        person_score = str(max(3, min(5, level + rng.choice((-1, 0, 1)))))
        ratings.append(Rating(review=review, outcome=code, worker_score=worker_score, person_score=person_score))
    review.scores = scores_digest((r.outcome, r.person_score, r.worker_score) for r in ratings)
    rows.ratings.extend(ratings)
