"""The debts of a case, through the same access layer as the page: sensitive, so 404 without it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status

from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.debts import access, actions
from reintegra.debts.models import CreditorKind, Debt, DebtStatus, Pressure

router = Router()


class DebtChangeOut(Schema):
    changed_on: date
    status: DebtStatus
    amount: Decimal
    pressure: Pressure
    note: str


class DebtOut(Schema):
    id: int
    creditor_kind: CreditorKind
    creditor: str
    amount: Decimal
    currency: str
    since: date | None
    pressure: Pressure
    status: DebtStatus
    changes: list[DebtChangeOut]


class DebtIn(InputSchema):
    creditor_kind: CreditorKind
    creditor: str = Field("", max_length=200)
    amount: Decimal = Field(..., gt=0, max_digits=18, decimal_places=2)
    currency: str = Field(..., pattern=r"^[A-Za-z]{3}$")
    since: date | None = None
    pressure: Pressure
    note: str = Field("", max_length=2000)


class DebtChangeIn(InputSchema):
    changed_on: date
    status: DebtStatus
    amount: Decimal = Field(..., ge=0, max_digits=18, decimal_places=2)
    pressure: Pressure
    note: str = Field("", max_length=2000)


def _out(debt: Debt) -> DebtOut:
    return DebtOut(
        id=debt.pk,
        creditor_kind=CreditorKind(debt.creditor_kind),
        creditor=debt.creditor,
        amount=debt.amount,
        currency=debt.currency,
        since=debt.since,
        pressure=Pressure(debt.pressure),
        status=DebtStatus(debt.status),
        changes=[DebtChangeOut.model_validate(change, from_attributes=True) for change in debt.changes.all()],
    )


@router.get(
    "/{id:case_id}/debts",
    response=PageOut[DebtOut],
    summary="The person's debts, each with its history, a page at a time",
)
def list_debts(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict:
    rows, page = page_of(access.debts_scope(request.auth, case_id).debts().prefetch_related("changes"), paging)
    return {**page, "items": [_out(debt) for debt in rows]}


@router.get("/{id:case_id}/debts/{id:debt_id}", url_name="debt", response=DebtOut, summary="One debt, with its history")
def get_debt(request: ApiRequest, case_id: int, debt_id: int) -> DebtOut:
    return _out(access.debts_scope(request.auth, case_id).debt(debt_id))


@router.post("/{id:case_id}/debts", response={201: DebtOut}, summary="Record a debt")
def record_debt(request: ApiRequest, case_id: int, payload: DebtIn, response: HttpResponse) -> Status:
    case = access.debts_scope(request.auth, case_id, write=True).case
    debt = actions.record_debt(actor=request.auth, case=case, **payload.model_dump())
    return created(response, _out(debt), "debt", case_id=case_id, debt_id=debt.pk)


@router.post(
    "/{id:case_id}/debts/{id:debt_id}/changes",
    response={201: DebtOut},
    summary="Add a change to a debt's history (part repaid, new terms, threats stopped)",
)
def change_debt(
    request: ApiRequest, case_id: int, debt_id: int, payload: DebtChangeIn, response: HttpResponse
) -> Status:
    debt = access.debts_scope(request.auth, case_id, write=True).debt(debt_id)
    actions.change_debt(actor=request.auth, debt=debt, **payload.model_dump())
    # The change is read in the debt's history.
    return created(response, _out(debt), "debt", case_id=case_id, debt_id=debt.pk)
