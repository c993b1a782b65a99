"""The organisation administrator's staff screens as JSON (OpenAPI tag "admin"). The same access
layer (accounts.access) and workflows (accounts.actions) as the screens: another organisation's
account answers 404, and a refusal 422 with its reasons."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from reintegra.accounts import access, actions
from reintegra.accounts.models import Invitation, User
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of

router = Router()


class StaffOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    roles: list[str]
    is_active: bool
    has_second_factor: bool
    invitation_waiting: bool
    last_login: datetime | None
    long_unused: bool


class InviteIn(Schema):
    username: str
    first_name: str
    last_name: str = ""
    email: str = ""
    roles: list[str]


class RolesIn(Schema):
    roles: list[str]


class ReasonIn(Schema):
    reason: str


class InvitationOut(Schema):
    staff: StaffOut
    # The one-time link, returned once and never stored; give it to the person yourself.
    invitation_link: str
    expires_at: datetime


def _out(member: User, long_unused: set[int]) -> StaffOut:
    return StaffOut(
        id=member.pk,
        username=member.username,
        full_name=member.get_full_name(),
        email=member.email,
        roles=sorted(grant.role for grant in member.role_grants.all()),
        is_active=member.is_active,
        has_second_factor=member.has_second_factor,  # type: ignore[attr-defined]
        invitation_waiting=member.invitation_waiting,  # type: ignore[attr-defined]
        last_login=member.last_login,
        long_unused=member.pk in long_unused,
    )


def _one(request: ApiRequest, staff_id: int) -> StaffOut:
    member = access.get_staff_for_admin(request.auth, staff_id)
    return _out(member, {m.pk for m in access.long_unused([member])})


def _with_link(request: ApiRequest, member_id: int, invitation: Invitation, token: str) -> InvitationOut:
    link = request.build_absolute_uri(reverse("accounts:accept_invitation", kwargs={"token": token}))
    return InvitationOut(staff=_one(request, member_id), invitation_link=link, expires_at=invitation.expires_at)


@router.get("/staff", response=PageOut[StaffOut], summary="The accounts of the administrator's organisation")
def staff_list(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    access.require_staff_admin(request.auth)
    members, page = page_of(access.staff_visible_to(request.auth), paging)
    long_unused = {member.pk for member in access.long_unused(members)}
    return {**page, "items": [_out(member, long_unused) for member in members]}


@router.post(
    "/staff", response={201: InvitationOut}, summary="Make a colleague's account and the link that lets them join"
)
def invite(request: ApiRequest, data: InviteIn, response: HttpResponse) -> Status:
    access.require_staff_admin(request.auth)
    member, invitation, token = actions.invite_staff_member(actor=request.auth, **data.dict())
    return created(response, _with_link(request, member.pk, invitation, token), "staff_member", staff_id=member.pk)


@router.get("/staff/{staff_id}", response=StaffOut, summary="One account of the organisation")
def staff_member(request: ApiRequest, staff_id: int) -> StaffOut:
    return _one(request, staff_id)


@router.put("/staff/{staff_id}/roles", response=StaffOut, summary="Set an account's roles")
def set_roles(request: ApiRequest, staff_id: int, data: RolesIn) -> StaffOut:
    member = access.get_staff_for_admin(request.auth, staff_id)
    actions.set_staff_roles(actor=request.auth, member=member, roles=data.roles)
    return _one(request, staff_id)


@router.post(
    "/staff/{staff_id}/deactivate", response=StaffOut, summary="Switch an account off, ending its sessions and tokens"
)
def deactivate(request: ApiRequest, staff_id: int, data: ReasonIn) -> StaffOut:
    member = access.get_staff_for_admin(request.auth, staff_id)
    actions.deactivate_staff_member(actor=request.auth, member=member, reason=data.reason)
    return _one(request, staff_id)


@router.post("/staff/{staff_id}/reactivate", response=StaffOut, summary="Switch an account on again")
def reactivate(request: ApiRequest, staff_id: int) -> StaffOut:
    member = access.get_staff_for_admin(request.auth, staff_id)
    actions.reactivate_staff_member(actor=request.auth, member=member)
    return _one(request, staff_id)


@router.post(
    "/staff/{staff_id}/second-factor-reset",
    response=InvitationOut,
    summary="Reset a lost second factor; returns the link to enrol a new one",
)
def reset_second_factor(request: ApiRequest, staff_id: int, data: ReasonIn) -> InvitationOut:
    member = access.get_staff_for_admin(request.auth, staff_id)
    invitation, token = actions.reset_second_factor(actor=request.auth, member=member, reason=data.reason)
    return _with_link(request, member.pk, invitation, token)
