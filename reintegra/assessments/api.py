from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from reintegra.access.scope import CaseScope
from reintegra.assessments import access, actions
from reintegra.assessments.catalogue import AREAS_BY_CODE, SOURCES
from reintegra.assessments.forms import AreaForm
from reintegra.assessments.models import Assessment, AssessmentReason
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema

router = Router()
SOURCE_VALUES = tuple(value for value, _label in SOURCES)


class AssessmentSummaryOut(Schema):
    version: int
    assessed_on: date
    reason: AssessmentReason


class ObservationOut(Schema):
    area: str
    field: str
    value: Any
    observed_on: date
    source: str
    carried_over: bool


class AssessmentOut(AssessmentSummaryOut):
    person_priorities: str
    person_words: str
    worker_view: str
    observations: list[ObservationOut]


class AssessmentIn(InputSchema):
    assessed_on: date
    reason: AssessmentReason


class AreaIn(InputSchema):
    observed_on: date
    source: str = Field("self_report", description="One of: " + ", ".join(SOURCE_VALUES))
    values: dict[str, Any] = Field(..., description="Field name to value; fields left out are cleared.")


def _out(scope: CaseScope, assessment: Assessment) -> dict[str, Any]:
    return {
        "version": assessment.version,
        "assessed_on": assessment.assessed_on,
        "reason": assessment.reason,
        "person_priorities": assessment.person_priorities,
        "person_words": assessment.person_words,
        "worker_view": assessment.worker_view,
        "observations": list(scope.observations(assessment).order_by("area", "field")),
    }


@router.get(
    "/{id:case_id}/assessments",
    response=PageOut[AssessmentSummaryOut],
    summary="Versions of a case's assessment, oldest first, a page at a time",
)
def list_assessments(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict:
    rows, page = page_of(access.assessments_scope(request.auth, case_id).assessments().order_by("version"), paging)
    return {**page, "items": rows}


@router.get(
    "/{id:case_id}/assessments/{id:version}",
    url_name="assessment",
    response=AssessmentOut,
    summary="One version, with the answers the user may see",
)
def get_assessment(request: ApiRequest, case_id: int, version: int) -> dict[str, Any]:
    scope = access.assessments_scope(request.auth, case_id)
    return _out(scope, scope.assessment(version))


@router.post("/{id:case_id}/assessments", response={201: AssessmentOut}, summary="Start a new version")
def start_assessment(request: ApiRequest, case_id: int, payload: AssessmentIn, response: HttpResponse) -> Status:
    if payload.assessed_on > timezone.localdate():
        raise ValidationError("assessed_on cannot be in the future.")
    scope = access.assessments_scope(request.auth, case_id, write=True)
    assessment = actions.start_assessment(actor=request.auth, case=scope.case, **payload.model_dump())
    body = _out(scope, scope.assessment(assessment.version))
    return created(response, body, "assessment", case_id=case_id, version=assessment.version)


@router.put(
    "/{id:case_id}/assessments/{id:version}/areas/{area}",
    response=AssessmentOut,
    summary="Record the answers of one service area",
)
def record_area(request: ApiRequest, case_id: int, version: int, area: str, payload: AreaIn) -> dict[str, Any]:
    if area not in AREAS_BY_CODE:
        raise Http404
    scope = access.assessments_scope(request.auth, case_id, write=True)
    assessment = scope.assessment(version)
    case = scope.case
    specs = access.visible_fields(
        scope.sections, AREAS_BY_CODE[area], child=case.person.is_child_on(assessment.assessed_on)
    )
    if not specs:
        raise Http404  # an area the user may not open does not exist for them, as on the screens
    unknown = sorted(set(payload.values) - {spec.name for spec in specs})
    if unknown:
        raise ValidationError(f"Unknown or not permitted fields for {area}: {', '.join(unknown)}")
    # The same validation as the screens: the area form checks every value against the catalogue.
    form_data = QueryDict(mutable=True)
    form_data.update({"observed_on": payload.observed_on.isoformat(), "source": payload.source})
    for name, value in payload.values.items():
        if isinstance(value, list):
            form_data.setlist(name, [str(item) for item in value])
        elif isinstance(value, bool):
            form_data[name] = "true" if value else "false"
        elif value is not None:
            form_data[name] = str(value)
    form = AreaForm(form_data, specs=specs, current={})
    if not form.is_valid():
        raise ValidationError([f"{name}: {error}" for name, errors in form.errors.items() for error in errors])
    actions.record_area(
        actor=request.auth,
        assessment=assessment,
        area_code=area,
        values=form.values(),
        observed_on=form.cleaned_data["observed_on"],
        source=form.cleaned_data["source"],
    )
    return _out(scope, assessment)
