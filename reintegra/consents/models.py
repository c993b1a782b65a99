from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class ConsentScope(models.TextChoices):
    CASE_MANAGEMENT = "case_management", _("Case management")
    SERVICE = "service", _("A service")
    DATA_SHARING = "data_sharing", _("Sharing information")
    FAMILY_CONTACT = "family_contact", _("Contacting family")
    LEGAL_STEP = "legal_step", _("A legal step")
    MEDICAL_TEST = "medical_test", _("A medical test")
    ACTIVITY = "activity", _("An activity")
    # Asked before the case record is written out in the standard's columns (exchange.export),
    # to move it to another system or pass it to a body that collects case data.
    RECORD_TRANSFER = "record_transfer", _("Passing the case record to another system")
    # Asked before the person's row goes into the research extract (reports.extract). The row is
    # anonymised, but it still leaves the organisation as a row about one person, to be kept
    # and combined by people we do not know: only persons who agreed to that are in it.
    RESEARCH = "research", _("Anonymised records for research")


# The section a consent belongs to when it is not about a plan action: a medical test is health
# information, a legal step is legal, contact with family can put the person at risk.
SCOPE_SECTIONS: dict[str, str] = {
    ConsentScope.MEDICAL_TEST: Section.HEALTH,
    ConsentScope.LEGAL_STEP: Section.LEGAL,
    ConsentScope.FAMILY_CONTACT: Section.SENSITIVE,
}


def section_for_scope(scope: str) -> str:
    return SCOPE_SECTIONS.get(scope, Section.SUMMARY)


class ConsentGiver(models.TextChoices):
    SELF = "self", _("The person")
    PARENT = "parent", _("A parent")
    GUARDIAN = "guardian", _("The guardian")
    COURT = "court", _("A court")


class ChildView(models.TextChoices):
    """What a child thinks of a decision a parent, guardian or court takes for them."""

    AGREES = "agrees", _("The child agrees")
    DISAGREES = "disagrees", _("The child disagrees")
    MIXED = "mixed", _("The child has doubts or mixed feelings")
    NOT_ABLE = "not_able", _("The child is too young or not able to say")


class ConsentStatus(models.TextChoices):
    GIVEN = "given", _("Given")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InformationFormat(models.TextChoices):
    SPOKEN = "spoken", _("Spoken")
    WRITTEN = "written", _("Written")
    PICTURES = "pictures", _("Pictures or drawings")
    SIGN = "sign", _("Sign language")


# Plan action statuses after which its consent is history (plans.models.ActionStatus values;
# written out here because plans imports this module).
FINISHED_ACTION_STATUSES = ("done", "cancelled")


class ConsentQuerySet(EncryptedQuerySet):
    def current(self) -> ConsentQuerySet:
        """The latest decision of each thread: records no later record supersedes."""
        return self.filter(~Exists(Consent.objects.filter(supersedes=OuterRef("pk"))))

    def current_by_thread(self) -> dict[int, Consent]:
        return {consent.thread_id: consent for consent in self.current()}

    def in_sections(self, sections: frozenset[str]) -> ConsentQuerySet:
        return self.filter(section__in=sections)

    def awaiting_reconfirmation(self) -> ConsentQuerySet:
        """Given consents that will have to be re-confirmed. A consent about a plan action that is
        done or cancelled asks no more: the record stays in the history, nothing rests on it now."""
        return (
            self.current()
            .filter(status=ConsentStatus.GIVEN, review_on__isnull=False)
            .exclude(plan_action__status__in=FINISHED_ACTION_STATUSES)
        )

    def review_due(self, on: date) -> ConsentQuerySet:
        """Given consents to re-confirm by `on`."""
        return self.awaiting_reconfirmation().filter(review_on__lte=on)

    def current_of_thread(self, thread_id: int) -> Consent | None:
        return self.filter(Q(pk=thread_id) | Q(first_id=thread_id)).current().first()


class Consent(EncryptedModel):
    """One informed decision about one thing. Records are never edited: withdrawing
    or re-confirming appends a record that supersedes the previous one, so the whole history of
    a decision stays readable."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(_("about"), max_length=20, choices=ConsentScope.choices)
    subject = EncryptedTextField(
        _("what exactly"),
        blank=True,
        default="",
        help_text=_("For example: vocational training at a partner centre."),
    )
    # A decision about a plan action refers to it instead of copying its description, and takes
    # its section from the action's area: a health action's consent is health information.
    plan_action = models.ForeignKey(
        "plans.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    section = models.CharField(max_length=16, choices=Section.choices, default=Section.SUMMARY)
    status = models.CharField(_("decision"), max_length=12, choices=ConsentStatus.choices)
    decided_on = models.DateField(_("decided on"))
    given_by = models.CharField(_("decided by"), max_length=12, choices=ConsentGiver.choices, default=ConsentGiver.SELF)
    giver_name = EncryptedTextField(_("name of the parent, guardian or court"), blank=True, default="")
    information_given = EncryptedTextField(_("what was explained"))
    information_format = models.CharField(
        _("explained how"), max_length=12, choices=InformationFormat.choices, default=InformationFormat.SPOKEN
    )
    language = models.CharField(_("in which language"), max_length=8)
    interpreter = EncryptedTextField(_("interpreter"), blank=True, default="", help_text=_("Leave empty if none."))
    understood = models.BooleanField(_("the person showed they understood"), default=False)
    # For a child, their own view is kept beside the decision taken for them.
    child_view = models.CharField(_("the child's own view"), max_length=12, choices=ChildView.choices, blank=True)
    child_view_note = EncryptedTextField(_("the child's view, in their words"), blank=True, default="")
    review_on = models.DateField(_("re-confirm by"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True, default="")
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    # The first record of this decision's thread (empty on the first record itself), so the
    # current state of any thread is one query away.
    first = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["case", "status", "review_on"], name="consent_case_review")]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=ConsentScope.values), name="consent_scope_valid"),
            models.CheckConstraint(condition=Q(status__in=ConsentStatus.values), name="consent_status_valid"),
            models.CheckConstraint(condition=Q(given_by__in=ConsentGiver.values), name="consent_giver_valid"),
            models.CheckConstraint(condition=Q(section__in=Section.values), name="consent_section_valid"),
            models.CheckConstraint(
                condition=Q(child_view="") | Q(child_view__in=ChildView.values), name="consent_child_view_valid"
            ),
            # Given consent needs a review date: consent is revisited, never a one-off.
            models.CheckConstraint(
                condition=~Q(status=ConsentStatus.GIVEN) | Q(review_on__isnull=False), name="consent_given_has_review"
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=models.F("decided_on")),
                name="consent_review_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()}: {self.get_status_display()}"

    @property
    def thread_id(self) -> int:
        return self.first_id or self.pk

    def what(self) -> str:
        """What the decision is about, for display. Only call it on a consent obtained through
        the case scope, which has already checked its section."""
        if self.subject or self.plan_action is None:
            return self.subject
        return self.plan_action.description

    def is_review_due(self, on: date) -> bool:
        return self.status == ConsentStatus.GIVEN and self.review_on is not None and self.review_on <= on

    def is_lapsed(self, on: date) -> bool:
        """Given, but past its re-confirmation date: nothing new may rest on it until the person
        confirms it again."""
        return self.status == ConsentStatus.GIVEN and self.review_on is not None and self.review_on < on

    def attention(self, on: date) -> str:
        """ "lapsed", "due" or "": whether a worker must ask the person again. A consent about a
        finished action needs nothing (load plan_action with it)."""
        if self.status != ConsentStatus.GIVEN or self.review_on is None or self.review_on > on:
            return ""
        if self.plan_action is not None and self.plan_action.status in FINISHED_ACTION_STATUSES:
            return ""
        return "lapsed" if self.review_on < on else "due"

    def is_in_force(self, on: date) -> bool:
        return self.status == ConsentStatus.GIVEN and not self.is_lapsed(on)


def keep_reconfirmation_dates(case_ids: Iterable[int]) -> None:
    """Copy onto each case the earliest date by which one of its consents is to be re-confirmed.
    Called inside every workflow that records a consent or finishes a plan action, so that
    `Case.consent_review_on <= day` says exactly what `review_due(day).exists()` says."""
    from reintegra.cases.models import Case  # cases' models refer to this app's

    earliest = (
        Consent.objects.filter(case=OuterRef("pk"))
        .awaiting_reconfirmation()
        .order_by()
        .values("case")
        .annotate(earliest=Min("review_on"))
        .values("earliest")
    )
    Case.objects.filter(pk__in=list(case_ids)).update(consent_review_on=Subquery(earliest))


def latest_decision_stands(scope: str, on: date, *, case_ref: str = "pk") -> Exists:
    """A filter for cases, or for rows naming a case through `case_ref`: the case's latest current
    decision about `scope` is given and not past its re-confirmation date on `on`.

    A case may hold several threads about one scope (a worker who records a new "no" instead of
    withdrawing the old "yes"). The latest decision is the person's word: an earlier "yes" left
    standing in its own thread never outvotes it. One subquery, whatever the number of cases."""
    latest = (
        Consent.objects.current()
        .filter(case=OuterRef(OuterRef(case_ref)), scope=scope)
        .order_by("-decided_on", "-pk")
        .values("pk")[:1]
    )
    return Exists(Consent.objects.filter(pk=Subquery(latest), status=ConsentStatus.GIVEN, review_on__gte=on))
