"""A person's safety: risk assessments side by side (the team's own, the family's, the
community's, the police's), each dated and appended, never edited; the safety plan, one per case,
each change a new version; the persons of concern (traffickers, their associates, complicit
relatives); and the events that call for a new assessment. Everything here is the case's team's
only (Section.SAFETY).

The case keeps a copy of its current risk level (Case.risk_level), set by the workflows in
actions.py: the highest overall level among the latest assessment of each kind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.cases.vocabularies import RiskLevel
from reintegra.core.fields import EncryptedJSONField, EncryptedModel, EncryptedQuerySet, EncryptedTextField


class AssessmentKind(models.TextChoices):
    TEAM = "team", _("The team's own assessment")
    FAMILY = "family", _("Family risk assessment")
    COMMUNITY = "community", _("Community risk assessment")
    POLICE = "police", _("Police security assessment")


class FactorLevel(models.TextChoices):
    """One source of danger as an assessment found it. "Not assessed" is said, never assumed:
    a police assessment may not ask how safe the person feels, and that is not "low"."""

    NOT_ASSESSED = "not_assessed", _("Not assessed")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


# The overall level an assessment gives: one of the case's levels, never "not assessed".
OVERALL_LEVELS = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)
OVERALL_CHOICES = [(level.value, level.label) for level in OVERALL_LEVELS]
LEVEL_RANK = {RiskLevel.NOT_ASSESSED: 0, RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}

# The four sources of danger the guidebook names (SAF-CH-1..4), as the fields that hold them.
FACTORS = (
    ("traffickers", _("Traffickers and their associates")),
    ("community", _("Community")),
    ("family", _("Family")),
    ("own_sense", _("The person's own sense of safety")),
)


class RiskAssessment(EncryptedModel):
    """One risk assessment, appended, never edited: a new finding is a new assessment. Several
    kinds stand side by side; the latest of each kind counts towards the case's level."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="risk_assessments")
    kind = models.CharField(_("kind of assessment"), max_length=12, choices=AssessmentKind.choices)
    assessed_on = models.DateField(_("assessed on"))
    # Who made it (a police unit, a social worker): it can point to where the person is.
    assessed_by = EncryptedTextField(_("assessed by"))
    traffickers = models.CharField(_("traffickers and their associates"), max_length=12, choices=FactorLevel.choices)
    community = models.CharField(_("community"), max_length=12, choices=FactorLevel.choices)
    family = models.CharField(_("family"), max_length=12, choices=FactorLevel.choices)
    own_sense = models.CharField(_("the person's own sense of safety"), max_length=12, choices=FactorLevel.choices)
    level = models.CharField(_("overall risk level"), max_length=8, choices=OVERALL_CHOICES)
    notes = EncryptedTextField(_("notes"), blank=True, default="")
    next_review_on = models.DateField(_("reassess by"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["assessed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AssessmentKind.values), name="risk_assessment_kind_valid"),
            models.CheckConstraint(
                condition=Q(traffickers__in=FactorLevel.values)
                & Q(community__in=FactorLevel.values)
                & Q(family__in=FactorLevel.values)
                & Q(own_sense__in=FactorLevel.values),
                name="risk_assessment_factors_valid",
            ),
            models.CheckConstraint(
                condition=Q(level__in=[level.value for level in OVERALL_LEVELS]), name="risk_assessment_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("assessed_on")), name="risk_assessment_review_after"
            ),
        ]
        indexes = [models.Index(fields=["case", "kind", "assessed_on"], name="risk_assessment_case_kind")]

    def __str__(self) -> str:
        return f"{self.assessed_on.isoformat()} {self.get_kind_display()}: {self.get_level_display()}"

    def factors(self) -> list[tuple[str, str, str]]:
        """(field, label, level label) of the four sources of danger, for the page."""
        return [(name, str(label), str(FactorLevel(getattr(self, name)).label)) for name, label in FACTORS]


class SafetyPlan(EncryptedModel):
    """One version of the case's safety plan. The plan is one per case; every change appends a
    version, and the highest is the current one. Police coordination is recorded only with the
    person's agreement: the database refuses a police contact without it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="safety_plans")
    version = models.PositiveIntegerField(_("version"))
    measures = EncryptedTextField(_("protective measures"), blank=True, default="")
    # [{"name": ..., "phone": ...}], phones checked and written in international form.
    emergency_contacts = EncryptedJSONField(_("emergency contacts"), default=list, blank=True)
    code_words = EncryptedTextField(_("agreed code words"), blank=True, default="")
    police_coordination = models.BooleanField(_("coordinated with the police"), default=False)
    person_agreed_to_police = models.BooleanField(_("the person agreed to police coordination"), default=False)
    police_contact = EncryptedTextField(_("police contact"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="safety_plan_one_version_each"),
            models.CheckConstraint(
                condition=Q(police_coordination=False) | Q(person_agreed_to_police=True),
                name="safety_plan_police_only_with_agreement",
            ),
        ]

    def __str__(self) -> str:
        return f"Safety plan v{self.version}"


class ConcernRelationship(models.TextChoices):
    TRAFFICKER = "trafficker", _("Trafficker")
    ASSOCIATE = "associate", _("Associate of the traffickers")
    RELATIVE = "relative", _("Relative (complicit or a threat)")
    PARTNER = "partner", _("Partner or former partner")
    COMMUNITY = "community", _("Member of the community")
    OTHER = "other", _("Other")


class PersonOfConcern(EncryptedModel):
    """Someone who threatens the person: staff screen visitors, callers and requests for
    information against this list, and tell these people nothing. Appended; a correction is a
    new entry."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="persons_of_concern")
    name = EncryptedTextField(_("name"))
    relationship = models.CharField(_("who they are to the person"), max_length=12, choices=ConcernRelationship.choices)
    description = EncryptedTextField(_("description"), blank=True, default="")
    whereabouts = EncryptedTextField(_("where they are known to be"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship__in=ConcernRelationship.values), name="person_of_concern_relationship_valid"
            )
        ]


class TriggerKind(models.TextChoices):
    THREAT = "threat", _("Threat received")
    RETURN_HOME = "return_home", _("Return home")
    COURT_DATE = "court_date", _("Court date")
    OTHER = "other", _("Other event")


class ReassessmentTrigger(EncryptedModel):
    """An event that calls for a new risk assessment (SAF-F-02): from its date, a reassessment
    is due until a risk assessment dated on or after it is recorded. Appended, never edited."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reassessment_triggers")
    kind = models.CharField(_("what happened or is coming"), max_length=12, choices=TriggerKind.choices)
    on = models.DateField(_("on"))
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TriggerKind.values), name="reassessment_trigger_kind_valid")
        ]
