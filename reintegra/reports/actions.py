"""Workflows of the reports app: an organisation agrees to be counted in the network's figures,
or withdraws."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.reports.models import StatisticsAgreement


def record_agreement(*, actor: User, agreed: bool) -> StatisticsAgreement:
    """The actor's organisation agrees to share its statistics with the network, or withdraws.
    Appended: the history of decisions stays. The caller has checked that the actor administers
    the organisation (reports.access.may_decide_agreement)."""
    organisation_id = actor.organisation_pk
    with transaction.atomic():
        before = StatisticsAgreement.current(organisation_id)
        decision = StatisticsAgreement.objects.create(
            organisation_id=organisation_id, agreed=agreed, decided_by=actor, decided_at=timezone.now()
        )
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.AGREE_STATISTICS,
            changes={"shares_statistics": (before.agreed if before else None, agreed)},
        )
    return decision
