"""Who reaches a referral, and from which side. The case's team reaches it through the case
scope (the referral takes its service area's section, like the plan action it delivers); the
receiving organisation's service-provider users reach the referrals sent to them, never one still
being prepared. Anyone else gets 404."""

from __future__ import annotations

from django.http import Http404

from reintegra.access.scope import CaseScope, case_scope
from reintegra.access.sections import SERVICE_AREA_SECTIONS, Section
from reintegra.accounts.models import Role, User
from reintegra.audit.models import AuditAction
from reintegra.referrals.actions import RECEIVER, SENDER
from reintegra.referrals.models import Referral, ReferralQuerySet, ReferralStatus
from reintegra.referrals.network import NETWORK_FIELDS, NetworkFigures, network_figures_from

REFERRAL_SECTIONS = (*SERVICE_AREA_SECTIONS, Section.IDENTITY)


def receives_referrals(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.SERVICE_PROVIDER)


def referrals_received_by(user: User) -> ReferralQuerySet:
    """Referrals sent to the user's organisation, for its service providers; none for others."""
    if not receives_referrals(user):
        return Referral.objects.none()
    return Referral.objects.received_by(user.organisation_pk)


def sees_network(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.COORDINATOR)


def network_figures(user: User) -> NetworkFigures:
    """How referrals fare across the installation, for its network coordinators: counts only,
    small ones suppressed (referrals.network). Anyone else gets 404."""
    if not sees_network(user):
        raise Http404
    rows = list(Referral.objects.exclude(status=ReferralStatus.PROPOSED).order_by().values_list(*NETWORK_FIELDS))
    return network_figures_from(rows)


def referrals_scope(user: User, case_id: int, *, write: bool = False) -> CaseScope:
    return case_scope(user, case_id, write=write, sections=REFERRAL_SECTIONS, action=AuditAction.VIEW_REFERRALS)


def get_referral_for_user(user: User, referral_id: int, *, write: bool = False) -> tuple[Referral, str]:
    """The referral and the user's side of it, or 404."""
    if receives_referrals(user):
        received = (
            referrals_received_by(user)
            .select_related("service__provider", "case", "to_organisation")
            .filter(pk=referral_id)
        ).first()
        if received is not None:
            return received, RECEIVER
    case_id = Referral.objects.filter(pk=referral_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    scope = referrals_scope(user, case_id, write=write)
    return scope.referral(referral_id), SENDER
