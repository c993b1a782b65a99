"""Access to needs assessments. Everything goes through the case access layer first: an
assessment is visible when its case is, and each field only when its section is."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import User
from reintegra.assessments.areas import AREAS, Area, FieldSpec
from reintegra.assessments.models import Assessment, section_of
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case

ASSESSMENT_SECTIONS = (
    Section.SUMMARY,
    Section.HEALTH,
    Section.MENTAL_HEALTH,
    Section.LEGAL,
    Section.SAFETY,
    Section.SENSITIVE,
)


def get_case_with_assessments(user: User, case_id: int, *, write: bool = False) -> Case:
    return get_case_for_user(user, case_id, write=write, sections=ASSESSMENT_SECTIONS, action="view_assessments")


def get_assessment_for_user(user: User, case_id: int, version: int, *, write: bool = False) -> Assessment:
    case = get_case_with_assessments(user, case_id, write=write)
    assessment = Assessment.objects.filter(case=case, version=version).select_related("created_by").first()
    if assessment is None:
        raise Http404
    assessment.case = case  # keeps the sections the access layer granted on this request
    return assessment


def visible_fields(case: Case, area: Area, *, child: bool) -> list[FieldSpec]:
    return [
        spec
        for spec in area.fields
        if section_of(area, spec) in case.visible_sections and (child or not spec.children_only)
    ]


def visible_areas(case: Case, *, child: bool) -> list[tuple[Area, list[FieldSpec]]]:
    pairs = [(area, visible_fields(case, area, child=child)) for area in AREAS]
    return [(area, fields) for area, fields in pairs if fields]


def assessment_pair_for_user(user: User, case_id: int, first: int, second: int) -> tuple[Assessment, Assessment]:
    """Two versions of one case's assessment, for comparison; one access record."""
    case = get_case_with_assessments(user, case_id)
    found = {a.version: a for a in Assessment.objects.filter(case=case, version__in=[first, second])}
    if first not in found or second not in found:
        raise Http404
    for assessment in found.values():
        assessment.case = case
    return found[first], found[second]
