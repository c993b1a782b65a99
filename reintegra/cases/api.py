from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated

from allauth.core import ratelimit
from django.http import HttpResponse
from django_countries import countries
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StringConstraints, field_validator

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit.models import AuditAction
from reintegra.cases import access, actions
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import (
    AgeBand,
    CaseStatus,
    ControlMethod,
    DocumentType,
    ExploitationType,
    Gender,
    IdentificationStatus,
    LabourIndustry,
    MaritalStatus,
    RecruitmentMethod,
    SexualExploitationForm,
    TraffickerRelationship,
    Vulnerability,
    WebsiteOrApp,
)
from reintegra.core.forms import LANGUAGE_CODES
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema

router = Router()


def _country_codes(value: list[str]) -> list[str]:
    unknown = [code for code in value if code not in countries]
    if unknown:
        raise ValueError(f"unknown country codes: {', '.join(unknown)}")
    return value


class CaseSummaryOut(Schema):
    id: int
    number: str
    status: CaseStatus
    closure_reason: str
    opened_on: date
    status_changed_at: datetime
    identification_status: IdentificationStatus
    at_risk: bool
    restricted: bool
    supervisor_id: int | None
    responsible_id: int | None
    person_name: str | None = Field(None, description="Present only for users who may see identifiers.")


class IdentityDocument(InputSchema):
    type: DocumentType
    number: str = Field(..., max_length=100)


class PersonIn(InputSchema):
    given_name: str = Field(..., min_length=1, max_length=200)
    family_name: str = Field("", max_length=200)
    other_names: list[Annotated[str, StringConstraints(max_length=actions.LONGEST_ENTRY["other_names"])]] = Field(
        default_factory=list, max_length=20
    )
    birth_date: date | None = None
    estimated_birth_year: int | None = Field(None, ge=1900, le=2100, description="Up to this year.")
    age_band: AgeBand | None = None
    age_disputed: bool = False
    gender: Gender | None = None
    marital_status: MaritalStatus | None = None
    nationalities: list[str] = Field(default_factory=list, max_length=10)
    languages: list[str] = Field(default_factory=list, max_length=20)
    phones: list[Annotated[str, StringConstraints(max_length=actions.LONGEST_ENTRY["phones"])]] = Field(
        default_factory=list, max_length=20
    )
    emails: list[Annotated[str, StringConstraints(max_length=actions.LONGEST_ENTRY["emails"])]] = Field(
        default_factory=list, max_length=20
    )
    addresses: list[Annotated[str, StringConstraints(max_length=actions.LONGEST_ENTRY["addresses"])]] = Field(
        default_factory=list, max_length=20
    )
    identity_documents: list[IdentityDocument] = Field(default_factory=list, max_length=10)
    notes: str = Field("", max_length=10000)

    @field_validator("nationalities")
    @classmethod
    def known_countries(cls, value: list[str]) -> list[str]:
        return _country_codes(value)

    @field_validator("languages")
    @classmethod
    def known_languages(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in LANGUAGE_CODES]
        if unknown:
            raise ValueError(f"unknown language codes: {', '.join(unknown)}")
        return value


class PersonOut(PersonIn):
    addresses: list[str] | None = Field(  # type: ignore[assignment]
        None, description="Null when hidden: a high-risk case's address is shown to its team only."
    )


class CaseIn(InputSchema):
    identification_status: IdentificationStatus = IdentificationStatus.NOT_IDENTIFIED
    identified_on: date | None = None
    identifying_authority: str = Field("", max_length=200)
    exploitation_types: list[ExploitationType] = Field(default_factory=list)
    origin_countries: list[str] = Field(default_factory=list, max_length=20)
    exploitation_countries: list[str] = Field(default_factory=list, max_length=20)
    exploitation_began: date | None = None
    exploitation_ended: date | None = None
    recruitment_methods: list[RecruitmentMethod] = Field(default_factory=list)
    recruitment_apps: list[WebsiteOrApp] = Field(default_factory=list)
    exploitation_apps: list[WebsiteOrApp] = Field(default_factory=list)
    control_methods: list[ControlMethod] = Field(default_factory=list)
    labour_industry: LabourIndustry | None = None
    sexual_exploitation_forms: list[SexualExploitationForm] = Field(default_factory=list)
    vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    trafficker_relationship: TraffickerRelationship | None = None
    at_risk: bool = False
    restricted: bool = False

    @field_validator("origin_countries", "exploitation_countries")
    @classmethod
    def known_countries(cls, value: list[str]) -> list[str]:
        return _country_codes(value)


class CaseOut(CaseSummaryOut, CaseIn):
    person: PersonOut | None = Field(None, description="Present only for users who may see identifiers.")


class RegistrationIn(InputSchema):
    person: PersonIn
    case: CaseIn = Field(default_factory=lambda: CaseIn.model_validate({}))
    confirm_new_person: bool = Field(
        False, description="Register even though the organisation holds a person with matching identifiers."
    )


class DuplicateOut(Schema):
    detail: str
    matching_case_ids: list[int]
    matches_not_visible: int


def _summary(case: Case, with_person: bool) -> dict:
    data = {name: getattr(case, name) for name in CaseSummaryOut.model_fields if name != "person_name"}
    data["person_name"] = case.person.full_name if with_person else None
    return data


@router.get("", response=PageOut[CaseSummaryOut], summary="Cases visible to the user, newest status change first")
def list_cases(request: ApiRequest, paging: Query[PageQuery], status: CaseStatus | None = None) -> dict:
    user: User = request.auth
    cases = access.cases_visible_to(user)
    if status:
        cases = cases.filter(status=status)
    rows, page = page_of(cases.with_person_names().order_by("-status_changed_at", "-pk"), paging)
    access.log_list_view(user, rows, action=AuditAction.API_LIST)
    return {**page, "items": [_summary(case, with_person=True) for case in rows]}


# Choices stored as "" when unknown, which the schema gives as null.
_NULL_WHEN_EMPTY = frozenset({"age_band", "gender", "marital_status", "labour_industry", "trafficker_relationship"})


def _readable(record: Case | Person, names: Iterable[str]) -> dict:
    values = {name: getattr(record, name) for name in names}
    return {name: None if name in _NULL_WHEN_EMPTY and value == "" else value for name, value in values.items()}


def _detail(case: Case) -> dict:
    shown = case.visible_sections
    data = _summary(case, with_person=Section.IDENTITY in shown)
    data.update(_readable(case, CaseIn.model_fields))
    if Section.TRAFFICKING not in shown:
        data.update({name: [] if isinstance(data[name], list) else None for name in actions.TRAFFICKING_FIELDS})
    if Section.IDENTITY in shown:
        person = _readable(case.person, PersonIn.model_fields)
        if Section.LOCATION not in shown:
            person["addresses"] = None
        data["person"] = person
    else:
        data["person"] = None
    return data


@router.get(
    "/{id:case_id}", url_name="case", response=CaseOut, summary="One case, with the person's identifiers if allowed"
)
def get_case(request: ApiRequest, case_id: int) -> dict:
    case = access.get_case_for_user(
        request.auth, case_id, sections=(Section.SUMMARY, Section.IDENTITY, Section.LOCATION, Section.TRAFFICKING)
    )
    return _detail(case)


def _case_details(payload: CaseIn) -> actions.CaseDetails:
    data = payload.model_dump()
    data.update({name: data[name] or "" for name in ("labour_industry", "trafficker_relationship")})
    return actions.CaseDetails(**data)


@router.post("", response={201: CaseOut, 409: DuplicateOut}, summary="Register a person and open their case")
def create_case(request: ApiRequest, payload: RegistrationIn, response: HttpResponse) -> Status:
    user: User = request.auth
    if not user.does_casework:
        raise HttpError(403, "Only case workers and supervisors can register a person.")
    person_data = payload.person.model_dump()
    person_data.update(
        age_band=person_data["age_band"] or "",
        gender=person_data["gender"] or "",
        marital_status=person_data["marital_status"] or "",
        identity_documents=[{"type": str(d["type"]), "number": d["number"]} for d in person_data["identity_documents"]],
    )
    details = actions.PersonDetails(**person_data)
    if not payload.confirm_new_person:
        if not ratelimit.consume(request, action=AuditAction.DUPLICATE_CHECK, user=user):
            raise HttpError(429, "Too many duplicate checks in a short time. Wait a few minutes.")
        duplicates = access.check_for_duplicates(
            user, details.identifier_keys(), action=AuditAction.DUPLICATE_CHECK_API
        )
        if duplicates:
            return Status(
                409,
                {
                    "detail": "The organisation already holds a person with matching identifiers.",
                    "matching_case_ids": [case.pk for case, _kinds in duplicates.visible],
                    "matches_not_visible": duplicates.hidden_count,
                },
            )
    case = actions.register_person_with_case(actor=user, person=details, case=_case_details(payload.case))
    readable = access.get_case_for_user(
        user,
        case.pk,
        sections=(Section.SUMMARY, Section.IDENTITY, Section.LOCATION, Section.TRAFFICKING),
        action=AuditAction.VIEW_CREATED,
    )
    return created(response, _detail(readable), "case", case_id=case.pk)
