"""Who reaches complaints. Only the complaints officers of the organisation a complaint was made to
open it; a complaint elsewhere, or any complaint for anyone else, answers 404. Any member of staff
may take one down that came by phone, on paper or in person, and then no longer sees it."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import Role, User
from reintegra.complaints.models import Complaint, ComplaintQuerySet


def handles_complaints(user: User) -> bool:
    # A casework role beside it is refused when roles are set; checked here as well, so that an
    # account given both some other way still reaches no complaint.
    return (
        user.is_active
        and user.organisation_id is not None
        and user.has_role(Role.COMPLAINTS_OFFICER)
        and not user.does_casework
    )


def complaints_visible_to(user: User) -> ComplaintQuerySet:
    if not handles_complaints(user):
        return Complaint.objects.none()
    return Complaint.objects.filter(organisation_id=user.organisation_pk)


def get_complaint_for_user(user: User, complaint_id: int) -> Complaint:
    complaint = complaints_visible_to(user).filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404
    return complaint


def may_record(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and bool(user.roles)


def require_record(user: User) -> None:
    if not may_record(user):
        raise Http404


def require_handles(user: User) -> None:
    if not handles_complaints(user):
        raise Http404


def find_by_reference(reference: str) -> Complaint | None:
    """For the public follow-up page: the code is the key, no account is needed."""
    return Complaint.objects.filter(reference=reference).select_related("organisation").first()
