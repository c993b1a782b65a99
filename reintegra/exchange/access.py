"""Who reaches what of the exchange. Incoming referrals: the service providers of the organisation
they are for, nobody else (404). Importing a package: a member of an organisation that sends or
receives referrals; the package itself then decides (it is for one organisation, and an answer
for one case's team). Partners and fingerprints: network coordinators and organisation admins."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import Role, User
from reintegra.exchange.models import IncomingReferral, IncomingReferralQuerySet
from reintegra.referrals.access import receives_referrals


def incoming_for(user: User) -> IncomingReferralQuerySet:
    if not receives_referrals(user):
        return IncomingReferral.objects.none()
    return IncomingReferral.objects.for_organisation(user.organisation_pk)


def get_incoming_for_user(user: User, incoming_id: int) -> IncomingReferral:
    incoming = incoming_for(user).select_related("partner", "to_organisation").filter(pk=incoming_id).first()
    if incoming is None:
        raise Http404
    return incoming


def may_import(user: User) -> bool:
    return (
        user.is_active
        and user.organisation_id is not None
        and user.has_role(Role.SERVICE_PROVIDER, Role.CASE_WORKER, Role.SUPERVISOR)
    )


def require_import(user: User) -> None:
    if not may_import(user):
        raise Http404


def sees_keys(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.COORDINATOR, Role.ORG_ADMIN)
