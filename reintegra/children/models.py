"""A child's protection record: how their age was settled, their guardian and every consultation
with them, best-interests assessments and the formal determination of a durable solution,
family tracing behind a safety check, care placements and their periodic reviews, and the move
to youth support at 18.

Everything is appended: a guardian who changes, a determination approved, a placement reviewed
or ended are new rows, so the history of decisions about a child can always be read back.
The records belong to the child-protection section, which only the case's team opens.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import (
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedModel,
    EncryptedQuerySet,
    EncryptedTextField,
)

if TYPE_CHECKING:
    from reintegra.cases.models import Case, Person


class ChildDate(models.TextChoices):
    """Dates of a child's protection that the reminder job watches."""

    PLACEMENT_REVIEW = "placement_review", _("review of a care placement")
    DETERMINATION_REVIEW = "determination_review", _("review of the best-interests determination")
    TURNS_18 = "turns_18", _("18th birthday: time to plan the move to youth support")


class AgeOutcome(models.TextChoices):
    DISPUTED = "disputed", _("Age disputed: treated as a child until settled")
    CHILD = "child", _("Confirmed under 18")
    ADULT = "adult", _("Confirmed 18 or over")


class AgeAssessment(EncryptedModel):
    """One step in settling a person's age. A dispute keeps every child protection in place
    (Person.is_child_on) until an assessment confirms the age either way."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="age_assessments")
    on = models.DateField(_("date"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=AgeOutcome.choices)
    # The date of birth the assessment settled on, when it settled on one: copied to the person.
    birth_date = EncryptedDateField(_("date of birth established"), null=True, blank=True)
    assessed_by = EncryptedTextField(_("assessed by"), blank=True, default="")
    note = EncryptedTextField(_("how the age was assessed"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(outcome__in=AgeOutcome.values), name="age_outcome_valid")]


class GuardianStatus(models.TextChoices):
    REQUESTED = "requested", _("Appointment requested")
    APPOINTED = "appointed", _("Appointed")
    ENDED = "ended", _("Guardianship ended")


class GuardianEntry(EncryptedModel):
    """The history of a child's guardianship: asked for, appointed (perhaps a new guardian later),
    ended. The latest entry is the current state."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="guardian_entries")
    status = models.CharField(_("status"), max_length=10, choices=GuardianStatus.choices)
    on = models.DateField(_("date"))
    guardian = EncryptedTextField(_("guardian's name"), blank=True, default="")
    authority = EncryptedTextField(_("appointing authority"), blank=True, default="")
    contact = EncryptedTextField(_("guardian's contact details"), blank=True, default="")
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=GuardianStatus.values), name="guardian_status_valid")
        ]


class GuardianConsultation(EncryptedModel):
    """A guardian is consulted and informed on every action about the child: each time is logged."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="guardian_consultations")
    guardian = models.ForeignKey(GuardianEntry, on_delete=models.PROTECT, related_name="consultations")
    on = models.DateField(_("date"))
    about = EncryptedTextField(_("what the guardian was consulted on"))
    guardian_view = EncryptedTextField(_("the guardian's view"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]


class BestInterestsAssessment(EncryptedModel):
    """The ongoing assessment made before any action that affects the child (a BIA). Each one is a
    new version; the child's views are required, because the child is heard every time."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="best_interests_assessments")
    on = models.DateField(_("date"))
    action_considered = EncryptedTextField(_("the action it was made before"))
    findings = EncryptedTextField(_("findings"))
    child_views = EncryptedTextField(_("the child's own views"))
    recommendation = EncryptedTextField(_("recommendation"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]


class DurableSolution(models.TextChoices):
    FAMILY_REUNIFICATION = "family", _("Family reunification")
    KINSHIP_CARE = "kinship", _("Kinship care with other relatives")
    FOSTER_CARE = "foster", _("Foster care")
    SMALL_GROUP_HOME = "group_home", _("Small group home")
    RESIDENTIAL_CARE = "residential", _("Residential care (a last resort)")
    SUPPORTED_INDEPENDENT_LIVING = "independent", _("Supported independent living")
    STAY_IN_COUNTRY = "stay", _("Stay in the country where the child is")
    RETURN_TO_COUNTRY = "return", _("Return to the country of origin")
    RESETTLEMENT = "resettlement", _("Resettlement in a third country")


class Likelihood(models.TextChoices):
    NO = "no", _("No")
    SUSPECTED = "suspected", _("Suspected")
    YES = "yes", _("Yes")
    UNKNOWN = "unknown", _("Not known")


class FamilySafety(models.TextChoices):
    SAFE = "safe", _("Safe for the child")
    UNSAFE = "unsafe", _("Not safe for the child")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class BestInterestsDetermination(EncryptedModel):
    """The formal decision on a child's durable solution (a BID). It is recorded whole by the
    worker who prepared it and takes effect when someone with the authority to approve it, not
    its author, approves it. A durable solution is implemented (a placement with family or
    relatives) only under an approved determination."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="best_interests_determinations")
    decided_on = models.DateField(_("decided on"))
    panel = EncryptedJSONField(_("the panel"), default=list)
    family_safety = models.CharField(
        _("the family's safety for the child"), max_length=12, choices=FamilySafety.choices
    )
    carers_complicit = models.CharField(
        _("were parents or carers complicit in the trafficking?"), max_length=10, choices=Likelihood.choices
    )
    family_assessment = EncryptedTextField(_("family and risk assessment"))
    other_factors = EncryptedTextField(_("other factors weighed"), blank=True, default="")
    # Kept apart so that nobody reads the parents' wishes as the child's.
    child_views = EncryptedTextField(_("the child's own views"))
    parents_views = EncryptedTextField(_("the parents' or carers' views"), blank=True, default="")
    decision = EncryptedTextField(_("the decision and its reasons"))
    durable_solution = models.CharField(_("durable solution"), max_length=14, choices=DurableSolution.choices)
    review_on = models.DateField(_("to be reviewed by"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The one change a determination receives after it is recorded: its approval.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(family_safety__in=FamilySafety.values), name="bid_family_safety_valid"),
            models.CheckConstraint(condition=Q(carers_complicit__in=Likelihood.values), name="bid_complicit_valid"),
            models.CheckConstraint(
                condition=Q(durable_solution__in=DurableSolution.values), name="bid_durable_solution_valid"
            ),
            models.CheckConstraint(condition=Q(review_on__gt=models.F("decided_on")), name="bid_review_after_decision"),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="bid_approval_complete",
            ),
            # Nobody approves their own determination.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("recorded_by")),
                name="bid_not_approved_by_author",
            ),
        ]

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class TracingStepKind(models.TextChoices):
    SAFETY_CHECKED = "safety_checked", _("Safety check made")
    CONTACT_MADE = "contact_made", _("Contact made")
    FOUND = "found", _("Relative found")
    NOT_FOUND = "not_found", _("Relative not found")
    STOPPED = "stopped", _("Tracing stopped")


class TracingRequest(EncryptedModel):
    """A search for a relative of the child. No contact is made before a safety check finds it
    safe for the child and the relatives: a relative may be the trafficker."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="tracing_requests")
    relative = EncryptedTextField(_("relative sought"))
    relationship = EncryptedTextField(_("relationship to the child"), blank=True, default="")
    requested_on = models.DateField(_("requested on"))
    child_agreed = models.BooleanField(_("the child agreed, after being told what tracing means"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["requested_on", "pk"]


class TracingStep(EncryptedModel):
    tracing = models.ForeignKey(TracingRequest, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("step"), max_length=16, choices=TracingStepKind.choices)
    on = models.DateField(_("date"))
    # Only for a safety check: whether contact is safe.
    safe_to_contact = models.BooleanField(_("safe to contact"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TracingStepKind.values), name="tracing_step_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=TracingStepKind.SAFETY_CHECKED, safe_to_contact__isnull=False)
                | (~Q(kind=TracingStepKind.SAFETY_CHECKED) & Q(safe_to_contact__isnull=True)),
                name="tracing_safety_answer_iff_check",
            ),
        ]


class PlacementKind(models.TextChoices):
    FAMILY = "family", _("With parents (family reunification)")
    KINSHIP = "kinship", _("With other relatives (kinship care)")
    FOSTER = "foster", _("Foster family")
    SMALL_GROUP_HOME = "group_home", _("Small group home")
    SHELTER = "shelter", _("Shelter")
    RESIDENTIAL = "residential", _("Residential care")
    SEMI_INDEPENDENT = "semi_independent", _("Semi-independent living")


# Placements that carry out a durable solution: recorded only under an approved determination
# that chose that solution.
PLACEMENT_SOLUTIONS = {
    PlacementKind.FAMILY: DurableSolution.FAMILY_REUNIFICATION,
    PlacementKind.KINSHIP: DurableSolution.KINSHIP_CARE,
}


def eighteenth_birthday(person: Person) -> date | None:
    if person.birth_date is None:
        return None
    born = person.birth_date
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February: 18 on 1 March in a common year
        return date(born.year + 18, 3, 1)


def placement_review_interval() -> relativedelta:
    return relativedelta(months=settings.REINTEGRA_PLACEMENT_REVIEW_MONTHS)


class Placement(EncryptedModel):
    """Where the child lives and who cares for them. Reviewed at a set interval for as long as it
    lasts (the child's right to a periodic review of any placement)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="placements")
    kind = models.CharField(_("kind of care"), max_length=16, choices=PlacementKind.choices)
    started_on = models.DateField(_("started on"))
    carer = EncryptedTextField(_("carer or place"))
    child_views = EncryptedTextField(_("the child's own views on it"))
    determination = models.ForeignKey(
        BestInterestsDetermination,
        on_delete=models.PROTECT,
        related_name="placements",
        null=True,
        blank=True,
        verbose_name=_("best-interests determination"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PlacementKind.values), name="placement_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind__in=list(PLACEMENT_SOLUTIONS)) | Q(determination__isnull=False),
                name="placement_with_family_needs_bid",
            ),
        ]


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("The placement continues")
    ENDS = "ends", _("The placement ends")


class PlacementReview(EncryptedModel):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="reviews")
    on = models.DateField(_("reviewed on"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReviewOutcome.choices)
    child_views = EncryptedTextField(_("the child's own views"))
    findings = EncryptedTextField(_("findings"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=ReviewOutcome.values), name="placement_review_outcome_valid")
        ]


def placement_state(placement: Placement) -> tuple[date | None, date | None]:
    """(the day it ended or None, the next review due or None) from its prefetched reviews."""
    reviews = list(placement.reviews.all())
    ended = next((review.on for review in reviews if review.outcome == ReviewOutcome.ENDS), None)
    if ended is not None:
        return ended, None
    last = reviews[-1].on if reviews else placement.started_on
    return None, last + placement_review_interval()


class YouthTransition(EncryptedModel):
    """The move to youth support at 18. The child's records stay as they were; what changes is the
    support offered from then on."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="youth_transition")
    on = models.DateField(_("moved on"))
    note = EncryptedTextField(_("what support continues"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()


def current_guardianship(case: Case) -> GuardianEntry | None:
    """The latest entry of the guardianship's history: the state it is in now."""
    return GuardianEntry.objects.filter(case=case).order_by("-on", "-pk").first()


def guardian_appointed(case: Case) -> bool:
    """Whether the person has a guardian now (the latest entry of the history appoints one)."""
    current = current_guardianship(case)
    return current is not None and current.status == GuardianStatus.APPOINTED


def child_ages(case: Case, today: date) -> dict[str, int | None]:
    """The person's age when the exploitation began, when identified and today, where the dates
    are known: for the page and the API alike."""
    person = case.person
    return {
        "at_trafficking": person.age_on(case.exploitation_began) if case.exploitation_began else None,
        "at_identification": person.age_on(case.identified_on) if case.identified_on else None,
        "today": person.age_on(today),
    }


def closure_blockers(case: Case) -> list[str]:
    """Why a child's case may not close yet: a guardian asked for and not appointed, or a
    determination awaiting approval. Asked by cases.actions.change_status."""
    reasons = []
    current = current_guardianship(case)
    if current is not None and current.status == GuardianStatus.REQUESTED:
        reasons.append(gettext("a guardian has been asked for and not yet appointed"))
    if BestInterestsDetermination.objects.filter(case=case, approved_at__isnull=True).exists():
        reasons.append(gettext("a best-interests determination awaits approval"))
    return reasons
