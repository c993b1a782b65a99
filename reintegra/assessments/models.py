from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section
from reintegra.assessments.catalogue import AREAS, AREAS_BY_CODE, SOURCES, Area, FieldSpec, Sensitivity
from reintegra.core.fields import EncryptedJSONField, EncryptedModel, EncryptedQuerySet, EncryptedTextField

AREA_CHOICES = [(area.code, area.label) for area in AREAS]
SOURCE_VALUES = [value for value, _label in SOURCES]


# A reassessment started this recently is still being done, whatever it holds so far.
OPEN_FOR_DAYS = 30


class AssessmentReason(models.TextChoices):
    FIRST = "first", _("First assessment")
    PERIODIC = "periodic", _("Planned review")
    SETBACK = "setback", _("After a setback or crisis")
    PERSON_ASKED = "person_asked", _("The person asked for it")
    OTHER = "other", _("Other")


def section_of(area: Area, spec: FieldSpec) -> str:
    """The access section a field belongs to: 'clinical' for restricted fields of the health and
    mental-health areas (a professional's assessment, test results); the area's own section for
    health, mental health, legal and safety; otherwise 'sensitive' for sensitive or restricted
    fields."""
    if spec.sensitivity == Sensitivity.RESTRICTED and area.section in (Section.HEALTH, Section.MENTAL_HEALTH):
        return Section.CLINICAL
    if area.section != Section.SUMMARY:
        return area.section
    if spec.sensitivity != Sensitivity.STANDARD or area.sensitivity != Sensitivity.STANDARD:
        return Section.SENSITIVE
    return Section.SUMMARY


class Assessment(EncryptedModel):
    """One version of a case's needs assessment. A reassessment is a new version that starts
    from the previous one's answers; earlier versions are never changed again."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments")
    version = models.PositiveIntegerField(_("version"))
    assessed_on = models.DateField(_("assessed on"))
    reason = models.CharField(_("reason"), max_length=16, choices=AssessmentReason.choices)
    person_priorities = EncryptedTextField(_("the person's priorities"), blank=True, default="")
    person_words = EncryptedTextField(_("in the person's own words"), blank=True, default="")
    worker_view = EncryptedTextField(_("the worker's view"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="assessment_version_positive"),
            models.CheckConstraint(condition=Q(reason__in=AssessmentReason.values), name="assessment_reason_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    def is_latest(self) -> bool:
        return not Assessment.objects.filter(case_id=self.case_id, version__gt=self.version).exists()

    def is_open(self, today: date) -> bool:
        """Still being worked on: opened in the last OPEN_FOR_DAYS, or nothing recorded in it yet
        beyond what it carried over. A setback starts no new version while one is open."""
        if (today - self.assessed_on).days < OPEN_FOR_DAYS:
            return True
        return not Observation.objects.filter(assessment=self, carried_over=False).exists()


class Observation(EncryptedModel):
    """One dated answer to one assessment field (the dated-observation pattern): the value, when it was true,
    who said so and how it is known. A value carried into a reassessment keeps its date."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="observations")
    area = models.CharField(max_length=3, choices=AREA_CHOICES)
    field = models.CharField(max_length=64)
    value = EncryptedJSONField()
    observed_on = models.DateField()
    source = models.CharField(max_length=32, choices=SOURCES)
    # Stored with the answer (section_of), so the scope filters observations in SQL.
    section = models.CharField(max_length=32, choices=Section.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    carried_over = models.BooleanField(default=False)
    # Derived and stored (is_warning), like FollowUp.next_due_on: the value is encrypted, and the
    # supervision query must find warning answers in SQL. Written only by the assessment
    # workflows, with the value. It tells a reader of the raw database no more than Case.at_risk.
    warning = models.BooleanField(default=False)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area", "field"], name="observation_unique"),
            models.CheckConstraint(condition=Q(area__in=list(AREAS_BY_CODE)), name="observation_area_valid"),
            models.CheckConstraint(condition=Q(source__in=SOURCE_VALUES), name="observation_source_valid"),
            models.CheckConstraint(condition=Q(section__in=Section.values), name="observation_section_valid"),
        ]

    @property
    def spec(self) -> FieldSpec | None:
        return FIELDS.get((self.area, self.field))

    def display(self) -> str:
        return display_value(self.spec, self.value)


FIELDS: dict[tuple[str, str], FieldSpec] = {(area.code, spec.name): spec for area in AREAS for spec in area.fields}


def is_warning(area_code: str, field: str, value: Any) -> bool:
    """Whether an answer is one its catalogue field names as a warning sign (FieldSpec.warning_values)."""
    spec = FIELDS.get((area_code, field))
    return spec is not None and isinstance(value, str) and value in spec.warning_values


def display_value(spec: FieldSpec | None, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if spec is None:
        return str(value)
    labels = {key: str(label) for key, label in spec.choices}
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    return labels.get(value, str(value))
