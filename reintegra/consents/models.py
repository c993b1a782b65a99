from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section
from reintegra.core.fields import EncryptedTextField


class ConsentScope(models.TextChoices):
    CASE_MANAGEMENT = "case_management", _("Case management")
    SERVICE = "service", _("A service")
    DATA_SHARING = "data_sharing", _("Sharing information")
    FAMILY_CONTACT = "family_contact", _("Contacting family")
    LEGAL_STEP = "legal_step", _("A legal step")
    MEDICAL_TEST = "medical_test", _("A medical test")
    ACTIVITY = "activity", _("An activity")


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


class ConsentStatus(models.TextChoices):
    GIVEN = "given", _("Given")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InformationFormat(models.TextChoices):
    SPOKEN = "spoken", _("Spoken")
    WRITTEN = "written", _("Written")
    PICTURES = "pictures", _("Pictures or drawings")
    SIGN = "sign", _("Sign language")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def current(self) -> ConsentQuerySet:
        """The latest decision of each thread: records no later record supersedes."""
        return self.filter(~Exists(Consent.objects.filter(supersedes=OuterRef("pk"))))

    def current_by_thread(self) -> dict[int, Consent]:
        return {consent.thread_id: consent for consent in self.current()}

    def in_sections(self, sections: frozenset[str]) -> ConsentQuerySet:
        return self.filter(section__in=sections)

    def review_due(self, on: date) -> ConsentQuerySet:
        return self.current().filter(status=ConsentStatus.GIVEN, review_on__lte=on)


class Consent(models.Model):
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
