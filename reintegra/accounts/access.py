"""Who administers which accounts. An organisation administrator manages the staff of their own
organisation, and nobody else's: a colleague's account in another organisation answers 404, like
one that does not exist. Platform operators (no organisation) manage organisations in the Django
admin and are nobody's staff here."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from reintegra.accounts.models import Invitation, Role, RoleGrant, User

# How long without signing in before an account is listed as one to look at (left, on leave, or
# a forgotten account a thief could use unnoticed).
LONG_UNUSED = timedelta(days=90)


def administers_staff(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.ORG_ADMIN)


def staff_visible_to(user: User) -> QuerySet[User]:
    """The accounts of the administrator's organisation, with what the staff list shows: roles,
    whether a second factor is enrolled, whether an invitation is waiting to be used."""
    if not administers_staff(user):
        return User.objects.none()
    from allauth.mfa.models import Authenticator

    return (
        User.objects.filter(organisation_id=user.organisation_pk, is_superuser=False, is_staff=False)
        .annotate(
            has_second_factor=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            invitation_waiting=Exists(Invitation.objects.usable().filter(user_id=OuterRef("pk"))),
        )
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
        .order_by("-is_active", "last_name", "first_name", "username")
    )


def get_staff_for_admin(user: User, member_id: int) -> User:
    member = staff_visible_to(user).filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def require_staff_admin(user: User) -> None:
    if not administers_staff(user):
        raise Http404


def long_unused(members: list[User]) -> list[User]:
    """Active accounts of the staff list (staff_visible_to) not signed into for LONG_UNUSED, or
    never since they were made; those still waiting on their invitation are listed as such."""
    cutoff = timezone.now() - LONG_UNUSED
    return [
        member
        for member in members
        if member.is_active and (member.last_login or member.date_joined) < cutoff and not member.invitation_waiting  # type: ignore[attr-defined]
    ]
