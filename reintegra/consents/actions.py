"""Consent workflows. Records are appended, never edited."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.consents.models import (
    ChildView,
    Consent,
    ConsentGiver,
    ConsentStatus,
    keep_reconfirmation_dates,
    section_for_scope,
)


@dataclass
class ConsentDecision:
    scope: str
    subject: str
    status: str
    decided_on: date
    information_given: str
    language: str
    given_by: str = ConsentGiver.SELF
    giver_name: str = ""
    information_format: str = "spoken"
    interpreter: str = ""
    understood: bool = False
    child_view: str = ""
    child_view_note: str = ""
    review_on: date | None = None
    note: str = ""
    # Set by plans.actions.record_decision: the action decided on and its area's section. Other
    # decisions take their section from their scope.
    plan_action_id: int | None = None
    section: str = ""


def _check(decision: ConsentDecision, case: Case, *, new: bool) -> None:
    if not decision.subject.strip() and decision.plan_action_id is None:
        raise ValidationError({"subject": _("Say what exactly the decision is about.")})
    if decision.status == ConsentStatus.GIVEN and decision.review_on is None:
        raise ValidationError({"review_on": _("Set a date by which the consent is to be re-confirmed.")})
    if decision.review_on and decision.review_on <= decision.decided_on:
        # A consent re-confirmed on the day it is given would be "due" from the start.
        raise ValidationError({"review_on": _("The re-confirmation date must come after the decision.")})
    if decision.given_by != ConsentGiver.SELF and not decision.giver_name.strip():
        raise ValidationError({"giver_name": _("Name the parent, guardian or court that decided.")})
    if decision.child_view and decision.child_view not in ChildView.values:
        raise ValidationError({"child_view": _("Choose one of the listed views.")})
    # Asked on every new decision; a withdrawal or re-confirmation carries the view it follows.
    if (
        new
        and decision.given_by != ConsentGiver.SELF
        and not decision.child_view
        and case.person.is_child_on(decision.decided_on)
    ):
        raise ValidationError({"child_view": _("Record the child's own view beside the decision taken for them.")})


def _append(
    *, actor: User, case: Case, decision: ConsentDecision, supersedes: Consent | None, action: AuditAction
) -> Consent:
    _check(decision, case, new=supersedes is None)
    with transaction.atomic():
        if supersedes is not None:
            # Lock the thread's head: two people acting on one consent at once must not fork it.
            locked = Consent.objects.select_for_update().get(pk=supersedes.pk)
            if Consent.objects.filter(supersedes=locked).exists():
                raise ValidationError(_("This consent was changed in the meantime. Reload the page."))
        consent = Consent.objects.create(
            case=case,
            supersedes=supersedes,
            first_id=supersedes.thread_id if supersedes else None,
            recorded_by=actor,
            **{**asdict(decision), "section": decision.section or section_for_scope(decision.scope)},
        )
        keep_reconfirmation_dates([case.pk])
        log.log_change(
            actor=actor,
            case=case,
            action=action,
            changes={
                "consent": (supersedes.pk if supersedes else None, consent.pk),
                "scope": (None, decision.scope),
                "status": (supersedes.status if supersedes else None, decision.status),
            },
        )
    return consent


def record_consent(*, actor: User, case: Case, decision: ConsentDecision) -> Consent:
    return _append(actor=actor, case=case, decision=decision, supersedes=None, action=AuditAction.RECORD_CONSENT)


def withdraw_consent(*, actor: User, consent: Consent, withdrawn_on: date, note: str = "") -> Consent:
    """Withdrawal stops this one thing only; every other consent stands."""
    if consent.status != ConsentStatus.GIVEN:
        raise ValidationError(_("Only a consent that was given can be withdrawn."))
    decision = _follow_up(consent, status=ConsentStatus.WITHDRAWN, decided_on=withdrawn_on, review_on=None, note=note)
    return _append(
        actor=actor, case=consent.case, decision=decision, supersedes=consent, action=AuditAction.WITHDRAW_CONSENT
    )


def reconfirm_consent(
    *, actor: User, consent: Consent, reconfirmed_on: date, review_on: date, note: str = ""
) -> Consent:
    if consent.status != ConsentStatus.GIVEN:
        raise ValidationError(_("Only a consent that was given can be re-confirmed; record a new decision instead."))
    decision = _follow_up(
        consent, status=ConsentStatus.GIVEN, decided_on=reconfirmed_on, review_on=review_on, note=note
    )
    return _append(
        actor=actor, case=consent.case, decision=decision, supersedes=consent, action=AuditAction.RECONFIRM_CONSENT
    )


def _follow_up(
    consent: Consent, *, status: str, decided_on: date, review_on: date | None, note: str
) -> ConsentDecision:
    if decided_on < consent.decided_on:
        raise ValidationError(_("A later decision cannot be dated before the one it follows."))
    return ConsentDecision(
        scope=consent.scope,
        subject=consent.subject,
        status=status,
        decided_on=decided_on,
        information_given=consent.information_given,
        language=consent.language,
        given_by=consent.given_by,
        giver_name=consent.giver_name,
        information_format=consent.information_format,
        interpreter=consent.interpreter,
        understood=consent.understood,
        child_view=consent.child_view,
        child_view_note=consent.child_view_note,
        review_on=review_on,
        note=note,
        plan_action_id=consent.plan_action_id,
        section=consent.section,
    )
