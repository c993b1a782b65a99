from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from reintegra.access.scope import CaseScope
from reintegra.consents import access, actions
from reintegra.consents.models import (
    Consent,
    ConsentGiver,
    ConsentScope,
    ConsentStatus,
    InformationFormat,
    section_for_scope,
)
from reintegra.core.forms import LANGUAGE_CODES
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema

router = Router()


class ConsentOut(Schema):
    id: int
    scope: ConsentScope
    subject: str = Field(description="What the decision is about; for a plan action, that action's description")
    plan_action_id: int | None
    section: str
    status: ConsentStatus
    decided_on: date
    given_by: ConsentGiver
    information_given: str
    language: str
    understood: bool
    review_on: date | None
    supersedes_id: int | None
    current: bool


class ConsentIn(InputSchema):
    scope: ConsentScope
    subject: str = Field(..., min_length=1, max_length=300)
    status: ConsentStatus
    decided_on: date
    given_by: ConsentGiver = ConsentGiver.SELF
    giver_name: str = Field("", max_length=200)
    information_given: str = Field(..., min_length=1, max_length=5000)
    information_format: InformationFormat = InformationFormat.SPOKEN
    language: str
    interpreter: str = Field("", max_length=200)
    understood: bool = False
    review_on: date | None = None
    note: str = Field("", max_length=5000)

    @field_validator("language")
    @classmethod
    def known_language(cls, value: str) -> str:
        if value not in LANGUAGE_CODES:
            raise ValueError("unknown language code")
        return value

    @field_validator("decided_on")
    @classmethod
    def not_future(cls, value: date) -> date:
        if value > timezone.localdate():
            raise ValueError("cannot be in the future")
        return value

    @field_validator("status")
    @classmethod
    def new_decisions_only(cls, value: ConsentStatus) -> ConsentStatus:
        if value == ConsentStatus.WITHDRAWN:
            raise ValueError("withdraw an existing consent through its withdraw operation")
        return value


class WithdrawIn(InputSchema):
    withdrawn_on: date
    note: str = Field("", max_length=2000)


def _out(consents: list[Consent], scope: CaseScope) -> list[dict]:
    current_ids = set(scope.current_consents().filter(pk__in=[c.pk for c in consents]).values_list("pk", flat=True))
    return [
        {
            **{name: getattr(c, name) for name in ConsentOut.model_fields if name not in ("current", "subject")},
            "subject": c.what(),
            "current": c.pk in current_ids,
        }
        for c in consents
    ]


@router.get(
    "/{id:case_id}/consents",
    response=PageOut[ConsentOut],
    summary="Every consent decision of a case, newest first, a page at a time",
)
def list_consents(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict:
    scope = access.consents_scope(request.auth, case_id)
    rows, page = page_of(scope.consents().select_related("plan_action").order_by("-decided_on", "-pk"), paging)
    return {**page, "items": _out(rows, scope)}


@router.get(
    "/{id:case_id}/consents/{id:consent_id}", url_name="consent", response=ConsentOut, summary="One consent decision"
)
def get_consent(request: ApiRequest, case_id: int, consent_id: int) -> dict:
    scope = access.consents_scope(request.auth, case_id)
    return _out([scope.consent(consent_id)], scope)[0]


@router.post("/{id:case_id}/consents", response={201: ConsentOut}, summary="Record a decision")
def record_consent(request: ApiRequest, case_id: int, payload: ConsentIn, response: HttpResponse) -> Status:
    scope = access.consents_scope(request.auth, case_id, write=True)
    scope.require(section_for_scope(payload.scope))
    consent = actions.record_consent(
        actor=request.auth, case=scope.case, decision=actions.ConsentDecision(**payload.model_dump())
    )
    return created(response, _out([consent], scope)[0], "consent", case_id=case_id, consent_id=consent.pk)


@router.post(
    "/{id:case_id}/consents/{id:consent_id}/withdraw", response={201: ConsentOut}, summary="Withdraw one consent"
)
def withdraw_consent(
    request: ApiRequest, case_id: int, consent_id: int, payload: WithdrawIn, response: HttpResponse
) -> Status:
    scope = access.consents_scope(request.auth, case_id, write=True)
    withdrawal = actions.withdraw_consent(actor=request.auth, consent=scope.consent(consent_id), **payload.model_dump())
    body = _out([withdrawal], scope)[0]
    return created(response, body, "consent", case_id=case_id, consent_id=withdrawal.pk)
