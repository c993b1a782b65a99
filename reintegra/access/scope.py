"""The case scope: one case and every record hanging off it, as one user may see them.

`case_scope(user, case_id, ...)` asks the case access layer for the case (404 if the user may not
see it; the read is logged there) and returns a `CaseScope`. Views and the API reach the records
of a case only through its selectors. Each selector filters by the section its record kind
belongs to (RECORD_SECTIONS), against the sections granted to this user on this case and asked for
by the page, so a page that forgets to ask for a section shows less, never more.

A record the user may not see answers 404, exactly like a record that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS
from reintegra.assessments.models import Assessment, Observation
from reintegra.audit.models import AuditAction
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case, CaseTeamMember, EmergencyAccess
from reintegra.children.models import (
    AgeAssessment,
    BestInterestsAssessment,
    BestInterestsDetermination,
    GuardianConsultation,
    GuardianEntry,
    Placement,
    PlacementReview,
    TracingRequest,
    TracingStep,
    YouthTransition,
)
from reintegra.consents.models import Consent, ConsentQuerySet
from reintegra.debts.models import Debt, DebtChange
from reintegra.directory.models import UnmetNeed
from reintegra.documents.models import Attachment, Document, DocumentStep
from reintegra.family.models import FamilyMember, FamilyNeed
from reintegra.followups.models import Contact, ContactPreference, FollowUp
from reintegra.legal.models import Identification, Proceeding, ProceedingEvent, StatusStep
from reintegra.notifications.models import Notification
from reintegra.outcomes.models import Rating, Review, ReviewQuerySet, Setback
from reintegra.plans.models import Action, Goal, Plan, SupportItem
from reintegra.privacy.models import Anonymisation, LegalHold
from reintegra.referrals.models import Referral, ReferralEvent
from reintegra.safety.models import PersonOfConcern, ReassessmentTrigger, RiskAssessment, SafetyPlan
from reintegra.supervision.models import SupervisionNote
from reintegra.tasks.models import Task

# Every kind of record that hangs off a case, and the section that decides who sees it. A test
# fails when a model reaches a case or a person and is missing here.
RECORD_SECTIONS: dict[type[Model], str] = {
    CaseTeamMember: "summary",
    EmergencyAccess: "access log (reached by cases.access only: it widens the scope, it is not shown through it)",
    # A person's data as a whole: reached by privacy.access only, for the case's supervisor.
    LegalHold: "summary (privacy.access: the case's supervisor only)",
    Anonymisation: "summary (privacy.access: the case's supervisor only; it names nobody)",
    Assessment: "summary (the version, its date and reason)",
    Observation: "its field's section, stored with it (assessments.models.section_of)",
    Plan: "summary",
    Goal: "its service area's section",
    Action: "its service area's section",
    SupportItem: "its action's service area's section",
    Consent: "its own section: its plan action's area, or its scope (consents.models.section_for_scope)",
    FamilyMember: "identity (names of relatives); its concerns field: sensitive (family.views)",
    FamilyNeed: "identity, and its service area's section",
    FollowUp: "summary (the schedule and next due date)",
    ContactPreference: "safety (who may answer, what may be said)",
    Contact: "safety (what the person raised)",
    Review: "sensitive (outcome ratings)",
    Rating: "sensitive, with its review",
    Setback: "sensitive",
    Debt: "sensitive",
    DebtChange: "sensitive, with its debt",
    # Not reached through the scope: a worker's own list (tasks.access.tasks_for), on the cases
    # whose team they are on, which opens the sensitive section an outcome alert is about.
    Task: "sensitive (reached by tasks.access only)",
    SupervisionNote: "summary",
    UnmetNeed: "its service area's section",
    # The case's team reaches a referral here; its receiver by referrals.access.
    # A reminder names a case and a referral by number only; its user's own (notifications.access).
    Notification: "summary (reached by notifications.access only)",
    Referral: "its service area's section",
    ReferralEvent: "its referral's",
    StatusStep: "legal (a person's stay in a country: identification decisions and permits)",
    Identification: "legal (the history; the case's copy of the latest is its summary)",
    Proceeding: "legal",
    ProceedingEvent: "legal, with its proceeding",
    RiskAssessment: "safety (the case's copy of its level is its summary)",
    SafetyPlan: "safety",
    PersonOfConcern: "safety",
    ReassessmentTrigger: "safety",
    Document: "identity (the papers of the person and their family members)",
    DocumentStep: "identity, with its document",
    Attachment: "identity, with its document (a scan of it)",
    AgeAssessment: "child protection (the person's own age flag and date of birth stay identity)",
    GuardianEntry: "child protection",
    GuardianConsultation: "child protection",
    BestInterestsAssessment: "child protection",
    BestInterestsDetermination: "child protection",
    TracingRequest: "child protection",
    TracingStep: "child protection, with its request",
    Placement: "child protection",
    PlacementReview: "child protection, with its placement",
    YouthTransition: "child protection",
}


def _missing() -> NoReturn:
    raise Http404


class CaseScope:
    """The records of one case that one user may see. Built only by case_scope()."""

    def __init__(self, user: User, case: Case) -> None:
        self.user = user
        self.case = case
        # Granted to this user on this case, and asked for by the page (get_case_for_user).
        self.sections: frozenset[str] = case.visible_sections

    # --- sections -------------------------------------------------------------------------------

    def can_see(self, section: str) -> bool:
        return section in self.sections

    def require(self, *sections: str) -> None:
        """A page or operation that is about these sections as a whole: 404 without them."""
        if not all(section in self.sections for section in sections):
            _missing()

    def area_codes(self) -> list[str]:
        """The service areas whose records this user may see here."""
        return [area.code for area in AREAS if area.section in self.sections]

    # --- the case itself --------------------------------------------------------------------------

    def team_members(self) -> QuerySet[CaseTeamMember]:
        return CaseTeamMember.objects.filter(case=self.case).select_related("user")

    # --- assessments ----------------------------------------------------------------------------

    def assessments(self) -> QuerySet[Assessment]:
        return Assessment.objects.filter(case=self.case)

    def assessment(self, version: int) -> Assessment:
        assessment = self.assessments().filter(version=version).select_related("created_by").first()
        if assessment is None:
            _missing()
        assessment.case = self.case
        return assessment

    def observations(self, assessment: Assessment) -> QuerySet[Observation]:
        if assessment.case_id != self.case.pk:
            _missing()
        return Observation.objects.filter(assessment=assessment, section__in=self.sections)

    # --- plan -----------------------------------------------------------------------------------

    def plan(self) -> Plan | None:
        """The plan of the case's current episode; earlier episodes' plans are read-only."""
        plan = Plan.objects.filter(case=self.case, episode=self.case.episode).first()
        if plan is not None:
            plan.case = self.case
        return plan

    def earlier_plans(self) -> QuerySet[Plan]:
        return Plan.objects.filter(case=self.case, episode__lt=self.case.episode).order_by("-episode")

    def earlier_goals(self) -> QuerySet[Goal]:
        return Goal.objects.filter(
            plan__case=self.case, plan__episode__lt=self.case.episode, area__in=self.area_codes()
        )

    def earlier_actions(self) -> QuerySet[Action]:
        return Action.objects.filter(
            plan__case=self.case, plan__episode__lt=self.case.episode, area__in=self.area_codes()
        )

    def goals(self) -> QuerySet[Goal]:
        return Goal.objects.filter(plan__case=self.case, plan__episode=self.case.episode, area__in=self.area_codes())

    def actions(self) -> QuerySet[Action]:
        return Action.objects.filter(plan__case=self.case, plan__episode=self.case.episode, area__in=self.area_codes())

    def action(self, action_id: int) -> Action:
        action = self.actions().filter(pk=action_id).select_related("plan", "consent").first()
        if action is None:
            _missing()
        action.plan.case = self.case
        return action

    def support_items(self) -> QuerySet[SupportItem]:
        return SupportItem.objects.filter(
            action__plan__case=self.case, action__plan__episode=self.case.episode, action__area__in=self.area_codes()
        )

    # --- consents -------------------------------------------------------------------------------

    def consents(self) -> ConsentQuerySet:
        return Consent.objects.filter(case=self.case).in_sections(self.sections)

    def consent(self, consent_id: int) -> Consent:
        consent = self.consents().filter(pk=consent_id).first()
        if consent is None:
            _missing()
        consent.case = self.case
        return consent

    def current_consents(self) -> ConsentQuerySet:
        """The latest decision of every thread this user may see."""
        return self.consents().current()

    # --- family ---------------------------------------------------------------------------------

    def family_members(self) -> QuerySet[FamilyMember]:
        if not self.can_see(Section.IDENTITY):
            return FamilyMember.objects.none()
        return FamilyMember.objects.filter(case=self.case).select_related("person")

    def family_members_with_records(self) -> QuerySet[FamilyMember]:
        """Members with the needs and plan actions this user may see, for the family page."""
        areas = self.area_codes()
        return self.family_members().prefetch_related(
            Prefetch("needs", queryset=FamilyNeed.objects.filter(area__in=areas)),
            Prefetch("plan_actions", queryset=self.actions().prefetch_related("support_items")),
        )

    def family_member(self, member_id: int) -> FamilyMember:
        member = self.family_members().filter(pk=member_id).first()
        if member is None:
            _missing()
        member.case = self.case
        return member

    def family_needs(self) -> QuerySet[FamilyNeed]:
        if not self.can_see(Section.IDENTITY):
            return FamilyNeed.objects.none()
        return FamilyNeed.objects.filter(member__case=self.case, area__in=self.area_codes())

    def family_need(self, need_id: int) -> FamilyNeed:
        need = self.family_needs().filter(pk=need_id).select_related("member").first()
        if need is None:
            _missing()
        need.member.case = self.case
        return need

    # --- follow-up ------------------------------------------------------------------------------

    def followup(self) -> FollowUp | None:
        return FollowUp.objects.filter(case=self.case).first()

    def contact_preference(self) -> ContactPreference | None:
        if not self.can_see(Section.SAFETY):
            return None
        return ContactPreference.objects.filter(case=self.case).first()

    def contacts(self) -> QuerySet[Contact]:
        if not self.can_see(Section.SAFETY):
            return Contact.objects.none()
        return Contact.objects.filter(case=self.case)

    # --- outcomes -------------------------------------------------------------------------------

    def reviews(self) -> ReviewQuerySet:
        if not self.can_see(Section.SENSITIVE):
            return Review.objects.none()
        return Review.objects.filter(case=self.case)

    def ratings(self, reviews: Iterable[Review]) -> QuerySet[Rating]:
        return Rating.objects.filter(review__in=[review for review in reviews if review.case_id == self.case.pk])

    def reviews_with_ratings(self, *, limit: int | None = None) -> list[tuple[Review, list[Rating]]]:
        """The reviews, oldest first (the latest `limit` of them), each with its ratings."""
        newest_first = self.reviews().order_by("-reviewed_on", "-pk")
        reviews = list(newest_first[:limit] if limit else newest_first)[::-1]
        by_review: dict[int, list[Rating]] = {review.pk: [] for review in reviews}
        for rating in self.ratings(reviews):
            by_review[rating.review_id].append(rating)
        return [(review, by_review[review.pk]) for review in reviews]

    def reviews_latest_first(self) -> ReviewQuerySet:
        """The reviews, the latest first, each with its ratings loaded (for a page of them)."""
        return (
            self.reviews()
            .order_by("-reviewed_on", "-pk")
            .prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("pk")))
        )

    def setbacks(self) -> QuerySet[Setback]:
        if not self.can_see(Section.SENSITIVE):
            return Setback.objects.none()
        return Setback.objects.filter(case=self.case)

    # --- debts ----------------------------------------------------------------------------------

    def debts(self) -> QuerySet[Debt]:
        if not self.can_see(Section.SENSITIVE):
            return Debt.objects.none()
        return Debt.objects.filter(case=self.case)

    def debt(self, debt_id: int) -> Debt:
        debt = self.debts().filter(pk=debt_id).first()
        if debt is None:
            _missing()
        debt.case = self.case
        return debt

    # --- legal status ---------------------------------------------------------------------------

    def status_steps(self) -> QuerySet[StatusStep]:
        """The steps of the person's legal stay, each with its country's rules (and their kinds of
        stay) loaded, as the deadlines are computed from them."""
        if not self.can_see(Section.LEGAL):
            return StatusStep.objects.none()
        return (
            StatusStep.objects.filter(case=self.case)
            .select_related("country", "stay", "recorded_by")
            .prefetch_related("country__stay_rules")
        )

    def identifications(self) -> QuerySet[Identification]:
        if not self.can_see(Section.LEGAL):
            return Identification.objects.none()
        return Identification.objects.filter(case=self.case).select_related("recorded_by")

    def proceedings(self) -> QuerySet[Proceeding]:
        """The person's legal proceedings, each with its events loaded (in date order)."""
        if not self.can_see(Section.LEGAL):
            return Proceeding.objects.none()
        return Proceeding.objects.filter(case=self.case).prefetch_related(
            Prefetch("events", queryset=ProceedingEvent.objects.select_related("recorded_by").order_by("on", "pk"))
        )

    def proceeding(self, proceeding_id: int) -> Proceeding:
        proceeding = self.proceedings().filter(pk=proceeding_id).first()
        if proceeding is None:
            _missing()
        proceeding.case = self.case
        return proceeding

    # --- child protection -----------------------------------------------------------------------

    def _child(self, model: type[Model]) -> QuerySet:  # type: ignore[type-arg]
        if not self.can_see(Section.CHILD_PROTECTION):
            return model._default_manager.none()
        return model._default_manager.filter(case=self.case)

    def age_assessments(self) -> QuerySet[AgeAssessment]:
        return self._child(AgeAssessment).select_related("recorded_by")

    def guardian_entries(self) -> QuerySet[GuardianEntry]:
        return self._child(GuardianEntry).select_related("recorded_by")

    def guardian_consultations(self) -> QuerySet[GuardianConsultation]:
        return self._child(GuardianConsultation).select_related("recorded_by")

    def best_interests_assessments(self) -> QuerySet[BestInterestsAssessment]:
        return self._child(BestInterestsAssessment).select_related("recorded_by")

    def determinations(self) -> QuerySet[BestInterestsDetermination]:
        return self._child(BestInterestsDetermination).select_related("recorded_by", "approved_by")

    def determination(self, determination_id: int) -> BestInterestsDetermination:
        found = self.determinations().filter(pk=determination_id).first()
        if found is None:
            _missing()
        found.case = self.case
        return found

    def tracing_requests(self) -> QuerySet[TracingRequest]:
        """Each request with its steps loaded, in date order."""
        return self._child(TracingRequest).prefetch_related(
            Prefetch("steps", queryset=TracingStep.objects.select_related("recorded_by").order_by("on", "pk"))
        )

    def tracing_request(self, tracing_id: int) -> TracingRequest:
        found = self.tracing_requests().filter(pk=tracing_id).first()
        if found is None:
            _missing()
        found.case = self.case
        return found

    def placements(self) -> QuerySet[Placement]:
        """Each placement with its reviews loaded, in date order."""
        return (
            self._child(Placement)
            .select_related("determination")
            .prefetch_related(
                Prefetch("reviews", queryset=PlacementReview.objects.select_related("recorded_by").order_by("on", "pk"))
            )
        )

    def placement(self, placement_id: int) -> Placement:
        found = self.placements().filter(pk=placement_id).first()
        if found is None:
            _missing()
        found.case = self.case
        return found

    def youth_transition(self) -> YouthTransition | None:
        return self._child(YouthTransition).first()

    # --- documents ------------------------------------------------------------------------------

    def documents(self) -> QuerySet[Document]:
        """The papers of the person and their family members, each with its steps and its scans
        loaded (the scans without their bytes)."""
        if not self.can_see(Section.IDENTITY):
            return Document.objects.none()
        return (
            Document.objects.filter(case=self.case)
            .select_related("family_member__person", "recorded_by")
            .prefetch_related(
                Prefetch("steps", queryset=DocumentStep.objects.select_related("recorded_by").order_by("on", "pk")),
                Prefetch("attachments", queryset=Attachment.objects.defer("content").select_related("added_by")),
            )
        )

    def document(self, document_id: int) -> Document:
        document = self.documents().filter(pk=document_id).first()
        if document is None:
            _missing()
        document.case = self.case
        return document

    def attachment(self, document_id: int, attachment_id: int) -> Attachment:
        """One scan with its bytes, under the document the URL names."""
        attachment = (
            Attachment.objects.filter(document__case=self.case, document_id=document_id, pk=attachment_id)
            .select_related("document")
            .first()
            if self.can_see(Section.IDENTITY)
            else None
        )
        if attachment is None:
            _missing()
        attachment.document.case = self.case
        return attachment

    # --- safety ---------------------------------------------------------------------------------

    def risk_assessments(self) -> QuerySet[RiskAssessment]:
        if not self.can_see(Section.SAFETY):
            return RiskAssessment.objects.none()
        return RiskAssessment.objects.filter(case=self.case)

    def safety_plans(self) -> QuerySet[SafetyPlan]:
        """Every version of the case's safety plan, the current (highest) first."""
        if not self.can_see(Section.SAFETY):
            return SafetyPlan.objects.none()
        return SafetyPlan.objects.filter(case=self.case).order_by("-version")

    def persons_of_concern(self) -> QuerySet[PersonOfConcern]:
        if not self.can_see(Section.SAFETY):
            return PersonOfConcern.objects.none()
        return PersonOfConcern.objects.filter(case=self.case)

    def reassessment_triggers(self) -> QuerySet[ReassessmentTrigger]:
        if not self.can_see(Section.SAFETY):
            return ReassessmentTrigger.objects.none()
        return ReassessmentTrigger.objects.filter(case=self.case)

    # --- supervision ----------------------------------------------------------------------------

    def referrals(self) -> QuerySet[Referral]:
        return Referral.objects.filter(case=self.case, area__in=self.area_codes())

    def referral(self, referral_id: int) -> Referral:
        referral = (
            self.referrals()
            .select_related("service__provider", "to_organisation", "to_partner")
            .filter(pk=referral_id)
            .first()
        )
        if referral is None:
            _missing()
        referral.case = self.case
        return referral

    def unmet_needs(self) -> QuerySet[UnmetNeed]:
        return UnmetNeed.objects.filter(case=self.case, area__in=self.area_codes())

    def supervision_notes(self) -> QuerySet[SupervisionNote]:
        return SupervisionNote.objects.filter(case=self.case)


def case_scope(
    user: User,
    case_id: int,
    *,
    write: bool = False,
    sections: Iterable[str] = (Section.SUMMARY,),
    action: AuditAction | None = None,
) -> CaseScope:
    """The case and its records as `user` may see them, or 404. The read is logged with the
    sections the page asked for and was granted."""
    return CaseScope(user, get_case_for_user(user, case_id, write=write, sections=sections, action=action))
