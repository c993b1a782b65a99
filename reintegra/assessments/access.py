"""The assessment pages' way into a case: the case scope, asking for every section an answer may
belong to. Which answers are shown is decided by the scope, by each answer's section."""

from __future__ import annotations

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS, Section
from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS, Area, FieldSpec
from reintegra.assessments.models import Assessment, Observation, section_of
from reintegra.audit.models import AuditAction

ASSESSMENT_SECTIONS = (*SERVICE_AREA_SECTIONS, Section.CLINICAL)


def assessments_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    return case_scope(user, case_id, write=write, sections=ASSESSMENT_SECTIONS, action=AuditAction.VIEW_ASSESSMENTS)


def visible_fields(sections: frozenset[str], area: Area, *, child: bool) -> list[FieldSpec]:
    """The fields of an area whose section is among `sections` (a scope's), for forms."""
    return [spec for spec in area.fields if section_of(area, spec) in sections and (child or not spec.children_only)]


def visible_areas(sections: frozenset[str], *, child: bool) -> list[tuple[Area, list[FieldSpec]]]:
    pairs = [(area, visible_fields(sections, area, child=child)) for area in AREAS]
    return [(area, fields) for area, fields in pairs if fields]


def answers(scope: CaseScope, assessment: Assessment) -> dict[tuple[str, str], Observation]:
    """The answers of one version this user may see, keyed by (area, field)."""
    return {(obs.area, obs.field): obs for obs in scope.observations(assessment)}
