from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField

if TYPE_CHECKING:
    from reintegra.cases.models import Case


class Outcome(models.TextChoices):
    """The ten reintegration outcomes, read together: none alone means 'reintegrated'."""

    HOUSING = "O1", _("A safe, decent and affordable place to live")
    PHYSICAL = "O2", _("Physical well-being")
    MENTAL = "O3", _("Mental well-being")
    LEGAL_STATUS = "O4", _("Legal status, documents and protection")
    SAFETY = "O5", _("Safety and security")
    ECONOMIC = "O6", _("Economic well-being and opportunities")
    EDUCATION = "O7", _("Education and training")
    SOCIAL = "O8", _("Healthy relationships and social life")
    LEGAL_PROCESS = "O9", _("Best interests in any legal process")
    FAMILY = "O10", _("Well-being of family and dependants")


class Score(models.TextChoices):
    CRISIS = "1", _("1 · Crisis")
    VULNERABLE = "2", _("2 · Vulnerable")
    STABILISING = "3", _("3 · Stabilising")
    STABLE = "4", _("4 · Stable")
    SUSTAINED = "5", _("5 · Sustained")
    NOT_APPLICABLE = "na", _("Not applicable")
    NOT_ASSESSED = "unknown", _("Not assessed")


NUMERIC = {Score.CRISIS: 1, Score.VULNERABLE: 2, Score.STABILISING: 3, Score.STABLE: 4, Score.SUSTAINED: 5}


class ReviewKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline at intake")
    PERIODIC = "periodic", _("Planned review")
    CRISIS = "crisis", _("Review after a crisis")
    FINAL = "final", _("Final review before closing")


class ReviewQuerySet(EncryptedQuerySet):
    def ready_for_closing(self, case: Case) -> Review | None:
        """The final review a closing of this case can rest on: not used by an earlier closing
        and not older than the case's latest reopening."""
        reviews = self.filter(case=case, kind=ReviewKind.FINAL, closings__isnull=True)
        reopened_at = (
            case.status_changes.filter(from_status="closed")
            .order_by("-changed_at")
            .values_list("changed_at", flat=True)
            .first()
        )
        if reopened_at is not None:
            reviews = reviews.filter(reviewed_on__gte=timezone.localdate(reopened_at))
        return reviews.order_by("-reviewed_on", "-pk").first()


# One character a score in Review.scores: the digits as they are, and a letter for the rest.
_SCORE_MARKS = {Score.NOT_APPLICABLE.value: "n", Score.NOT_ASSESSED.value: "u"}
UNRATED = "-"


def scores_digest(ratings: Iterable[tuple[str, str, str]]) -> str:
    """Review.scores for ratings given as (outcome, person's score, worker's score); empty for a
    review without ratings (a closing brought in from a file)."""
    given = {outcome: (person, worker) for outcome, person, worker in ratings}
    if not given:
        return ""
    return "".join(
        _SCORE_MARKS.get(score, score) if score else UNRATED
        for outcome in Outcome.values
        for score in given.get(outcome, ("", ""))
    )


class Review(EncryptedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="outcome_reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    kind = models.CharField(_("kind of review"), max_length=10, choices=ReviewKind.choices)
    note = EncryptedTextField(_("note"), blank=True, default="")
    # A child's appointed guardian is a third voice in the review, beside the worker and the child.
    guardian_view = EncryptedTextField(_("the guardian's view"), blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Every domain's scores in one short string (scores_digest): the person's then the worker's,
    # domain by domain in the order of Outcome, a character each (1 to 5, "n" not applicable, "u"
    # not assessed, "-" not rated). Derived from the ratings, which are written with the review
    # and never changed, like FollowUp.next_due_on: the monitoring report compares each person's
    # first and latest review from one row each, not from twenty ratings.
    scores = models.CharField(max_length=2 * len(Outcome.values), blank=True, default="", editable=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["reviewed_on", "pk"]
        indexes = [models.Index(fields=["case", "reviewed_on"], name="review_case_date")]
        constraints = [models.CheckConstraint(condition=Q(kind__in=ReviewKind.values), name="review_kind_valid")]


class Rating(EncryptedModel):
    """One outcome at one review, in two voices: the worker's and the person's own. A gap
    between them is a reason to talk, never an override."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    outcome = models.CharField(max_length=3, choices=Outcome.choices)
    worker_score = models.CharField(max_length=8, choices=Score.choices)
    person_score = models.CharField(max_length=8, choices=Score.choices)
    # Empty where the person has no guardian.
    guardian_score = models.CharField(max_length=8, choices=Score.choices, blank=True, default="")
    justification = EncryptedTextField(blank=True, default="")

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["review", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="rating_unique"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="rating_outcome_valid"),
            models.CheckConstraint(
                condition=Q(worker_score__in=Score.values) & Q(person_score__in=Score.values), name="rating_score_valid"
            ),
            models.CheckConstraint(
                condition=Q(guardian_score="") | Q(guardian_score__in=Score.values), name="rating_guardian_score_valid"
            ),
        ]


class SetbackKind(models.TextChoices):
    DEBT = "debt", _("Debt or money trouble")
    ILLNESS = "illness", _("Illness or injury")
    THREATS = "threats", _("Threats or violence")
    FAMILY_BREAKDOWN = "family_breakdown", _("Family breakdown or conflict")
    JOB_LOSS = "job_loss", _("Lost work or income")
    BUSINESS_FAILURE = "business_failure", _("Business failed")
    REMIGRATION = "remigration", _("Plans to migrate again")
    HOUSING_LOSS = "housing_loss", _("Lost housing")
    LEGAL_TROUBLE = "legal_trouble", _("Arrest or legal trouble")
    OTHER = "other", _("Something else")


class Setback(EncryptedModel):
    """A crisis or setback. Recording one steps follow-up up again, and starts a reassessment
    unless one is already open (`reassessment` is the version it started, if any)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="setbacks")
    occurred_on = models.DateField(_("when"))
    kind = models.CharField(_("what happened"), max_length=20, choices=SetbackKind.choices)
    description = EncryptedTextField(_("details"), blank=True, default="")
    reassessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=SetbackKind.values), name="setback_kind_valid")]
        # The case's latest, for Case.last_setback_on; and a case's setbacks by date.
        indexes = [models.Index(fields=["case", "occurred_on"], name="setback_case_date")]


def keep_last_setback_dates(case_ids: Iterable[int]) -> None:
    """Copy onto each case the date of its latest setback (Case.last_setback_on): called by
    record_setback and by writers of history in bulk."""
    from reintegra.cases.models import Case  # cases' models refer to this app's

    latest = Setback.objects.filter(case=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")[:1]
    Case.objects.filter(pk__in=list(case_ids)).update(last_setback_on=Subquery(latest))
