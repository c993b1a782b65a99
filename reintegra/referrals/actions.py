"""Referral workflows. Each runs in one transaction with its event and its audit record. The
caller passes `side`, which the access layer decided (referrals.access.get_referral_for_user):
the case's team is the sender, the receiving organisation's providers the receiver."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.consents.actions import ConsentDecision, record_consent
from reintegra.consents.models import Consent, ConsentScope, ConsentStatus
from reintegra.core.errors import Conflict
from reintegra.directory.models import Service, ServiceStatus
from reintegra.family.models import FamilyMember
from reintegra.plans.models import Action
from reintegra.referrals.models import (
    MINIMUM_SECTIONS,
    SHAREABLE_SECTIONS,
    TRANSITIONS,
    Referral,
    ReferralEvent,
    ReferralReason,
    ReferralStatus,
)
from reintegra.tasks.models import Task, TaskKind, TaskStatus

SENDER, RECEIVER = "sender", "receiver"


def _event(referral: Referral, *, actor: User, old: str, note: str = "") -> None:
    ReferralEvent.objects.create(referral=referral, from_status=old, to_status=referral.status, note=note, by=actor)
    log.log_change(
        actor=actor,
        case=referral.case,
        action=AuditAction.REFERRAL_STATUS,
        changes={"referral": (None, referral.pk), "status": (old or None, referral.status)},
    )


def _close_chasing_tasks(referral: Referral, *, actor: User, now: datetime) -> None:
    """The sender's "no answer yet" task is done once there is an answer (or the sender withdrew)."""
    for task in Task.objects.select_for_update().filter(
        referral=referral, kind=TaskKind.REFERRAL_UNANSWERED, status=TaskStatus.OPEN
    ):
        task.status, task.closed_at = TaskStatus.DONE, now
        task.save(update_fields=["status", "closed_at"])
        log.log_change(
            actor=actor,
            case=referral.case,
            action=AuditAction.CLOSE_TASK,
            changes={"task": (task.pk, task.pk), "status": (TaskStatus.OPEN, TaskStatus.DONE)},
        )


def propose_referral(
    *,
    actor: User,
    case: Case,
    service: Service,
    area: str,
    reason: str,
    sections: Iterable[str],
    reason_kind: str = ReferralReason.MORE_SERVICES,
    action: Action | None = None,
    family_member: FamilyMember | None = None,
) -> Referral:
    """A referral the sender still prepares: consent to its sharing comes next. It is for the
    person, or for one of their family members (given, or taken from the plan action it delivers)."""
    provider = service.provider
    if provider.member_id is None and provider.partner_id is None:
        raise ValidationError(
            {
                "service": _(
                    "This provider uses neither this installation nor a partner installation whose keys are pinned "
                    "here: refer by telephone or letter."
                )
            }
        )
    if provider.member_id == case.organisation_id:
        raise ValidationError({"service": _("This is your own organisation's service: plan it as your team's action.")})
    if service.status != ServiceStatus.ACTIVE:
        raise ValidationError({"service": _("This service is not taking anyone at present.")})
    if area not in service.area_codes:
        raise ValidationError({"area": _("This service does not cover that area.")})
    chosen = [section for section in SHAREABLE_SECTIONS if section in set(sections)] or list(MINIMUM_SECTIONS)
    if chosen[0] != MINIMUM_SECTIONS[0]:
        chosen.insert(0, MINIMUM_SECTIONS[0])  # the provider needs at least the case number
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the person is referred for.")})
    if action is not None and (action.plan.case_id != case.pk or action.area != area):
        raise ValidationError({"action": _("Pick an action of this case's plan, in this area.")})
    if family_member is not None and family_member.case_id != case.pk:
        raise ValidationError({"family_member": _("Pick a family member of this case.")})
    if action is not None and action.family_member_id is not None:
        if family_member is not None and family_member.pk != action.family_member_id:
            raise ValidationError(
                {"family_member": _("That plan action is for another family member: pick the same person for both.")}
            )
        family_member = action.family_member
    elif action is not None and family_member is not None:
        raise ValidationError(
            {"family_member": _("That plan action is for the person, not a family member: pick the same for both.")}
        )
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            action=action,
            family_member=family_member,
            service=service,
            to_organisation_id=provider.member_id,
            to_partner_id=provider.partner_id if provider.member_id is None else None,
            area=area,
            reason=reason.strip(),
            reason_kind=reason_kind,
            shared_sections=chosen,
            proposed_by=actor,
        )
        _event(referral, actor=actor, old="")
    return referral


def record_sharing_consent(
    *,
    actor: User,
    referral: Referral,
    status: str,
    decided_on: date,
    information_given: str,
    language: str,
    given_by: str,
    understood: bool,
    review_on: date | None,
) -> Consent:
    """The person's decision on this sharing: with whom, which sections. A consent record of its
    own, like every other; given, it is what allows sending."""
    if referral.status != ReferralStatus.PROPOSED:
        raise ValidationError(_("This referral has been sent already."))
    subject = _("Share with %(provider)s for “%(service)s”: %(sections)s") % {
        "provider": referral.service.provider.name,
        "service": referral.service.name,
        "sections": ", ".join(referral.shared_section_labels()),
    }
    with transaction.atomic():
        consent = record_consent(
            actor=actor,
            case=referral.case,
            decision=ConsentDecision(
                scope=ConsentScope.DATA_SHARING,
                subject=subject,
                status=status,
                decided_on=decided_on,
                information_given=information_given,
                language=language,
                given_by=given_by,
                understood=understood,
                review_on=review_on,
            ),
        )
        referral.consent = consent if status == ConsentStatus.GIVEN else None
        referral.save(update_fields=["consent"])
    return consent


def _consent_stands(referral: Referral) -> bool:
    consent = referral.consent
    if consent is None or consent.case_id != referral.case_id or consent.status != ConsentStatus.GIVEN:
        return False
    # Withdrawn since? The thread's latest decision is what counts.
    latest = Consent.objects.filter(case_id=referral.case_id).current_of_thread(consent.thread_id)
    return latest is not None and latest.pk == consent.pk


def send_referral(*, actor: User, side: str, referral: Referral, override_justification: str = "") -> Referral:
    """Send it to the provider. Refused without the person's standing consent to this sharing;
    the one exception is a child's case, sent by a supervisor to protect the child, with the
    reason written down, logged and shown to supervisors."""
    if side != SENDER or referral.status != ReferralStatus.PROPOSED:
        raise ValidationError(_("Only a proposed referral can be sent, by the case's team."))
    override = override_justification.strip()
    if not _consent_stands(referral):
        if not override:
            raise ValidationError(_("The person has not agreed to this sharing: record their consent first."))
        if not actor.has_role(Role.SUPERVISOR):
            raise ValidationError(_("Only a supervisor may send a referral without consent."))
        if not referral.case.person.is_child_on(timezone.localdate()):
            raise ValidationError(_("Sending without consent is only for protecting a child."))
    elif override:
        override = ""  # consent stands: nothing to override
    with transaction.atomic():
        old = referral.status
        referral.status = ReferralStatus.SENT
        referral.sent_at = timezone.now()
        if override:
            referral.override_by, referral.override_justification = actor, override
        referral.save(update_fields=["status", "sent_at", "override_by", "override_justification"])
        _event(referral, actor=actor, old=old, note=override)
    return referral


def move_referral(
    *, actor: User, side: str, referral: Referral, to_status: str, note: str = "", outcome: str = "", feedback: str = ""
) -> Referral:
    """Answer, start, end or withdraw a sent referral, as the state and the side allow."""
    allowed = TRANSITIONS.get(referral.status, {})
    who = allowed.get(to_status)
    if who is None or who not in (side, "either") or to_status == ReferralStatus.SENT:
        raise ValidationError(
            _("A referral that is “%(status)s” cannot be moved to “%(to)s” by you.")
            % {"status": referral.get_status_display(), "to": ReferralStatus(to_status).label}
            if to_status in ReferralStatus.values
            else _("Unknown state.")
        )
    if to_status == ReferralStatus.REFUSED and not note.strip():
        raise ValidationError({"note": _("Say why the referral is refused, so the sender can look elsewhere.")})
    now = timezone.now()
    with transaction.atomic():
        old = referral.status
        # Two people of the provider answering at once: the second sees the first's answer.
        current = Referral.objects.select_for_update().filter(pk=referral.pk).values_list("status", flat=True).get()
        if current != old:
            raise Conflict(_("Someone moved this referral meanwhile. Look at it again before you answer."))
        referral.status = to_status
        if old == ReferralStatus.SENT:
            # The provider's first answer; a sender's withdrawal before it is no answer.
            if to_status in (ReferralStatus.ACCEPTED, ReferralStatus.REFUSED):
                referral.answered_at = now
            _close_chasing_tasks(referral, actor=actor, now=now)
        if to_status == ReferralStatus.REFUSED:
            referral.refusal_reason = note.strip()
        if referral.is_ended:
            referral.ended_at = now
        if outcome.strip():
            referral.outcome = outcome.strip()
        if feedback.strip():
            referral.feedback = feedback.strip()
        referral.save()
        _event(referral, actor=actor, old=old, note=note.strip())
    return referral
