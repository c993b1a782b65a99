"""Data protection workflows. Each runs in one transaction with its audit record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus
from reintegra.core.dates import plausibility_error
from reintegra.orgs.models import Organisation
from reintegra.privacy.export import subject_access
from reintegra.privacy.models import (
    Anonymisation,
    AnonymisationReason,
    DataSharingAgreement,
    ErasureBasis,
    LegalHold,
    SharingPurpose,
)
from reintegra.privacy.retention import anonymise

MAX_TEXT = 2000


def _reason(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: [message]})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: [_("Keep it under %(count)d characters.") % {"count": MAX_TEXT}]})
    return value


def place_legal_hold(*, actor: User, case: Case, reason: str) -> LegalHold:
    reason = _reason(reason, "reason", _("Say why the data must be kept: the proceeding, the authority, the claim."))
    with transaction.atomic():
        # The same rows erase_person and the retention job lock before they look for holds.
        list(Case.objects.select_for_update().filter(person=case.person_id))
        hold = LegalHold.objects.create(case=case, reason=reason, placed_by=actor)
        log.log_change(actor=actor, case=case, action=AuditAction.PLACE_LEGAL_HOLD, changes={"hold": (None, hold.pk)})
    return hold


def lift_legal_hold(*, actor: User, hold: LegalHold, lift_reason: str) -> None:
    lift_reason = _reason(lift_reason, "lift_reason", _("Say why the data no longer has to be kept."))
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if locked.lifted_at is not None:
            raise ValidationError(_("This hold has been lifted already."))
        locked.lifted_at, locked.lifted_by, locked.lift_reason = timezone.now(), actor, lift_reason
        locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        log.log_change(
            actor=actor, case=locked.case, action=AuditAction.LIFT_LEGAL_HOLD, changes={"hold": (locked.pk, None)}
        )


def export_subject_access(*, actor: User, case: Case) -> dict[str, Any]:
    """Everything held about the case's person, for them. A clinician's assessments go in only
    when the one exporting opens them (a clinician on the team); the document says when they are
    left out."""
    document = subject_access(case.person, with_clinical=Section.CLINICAL in case.visible_sections)
    with transaction.atomic():
        log.log_access(
            actor=actor, case=case, section=",".join(Section.values), action=AuditAction.SUBJECT_ACCESS_EXPORT
        )
    return document


def erase_person(*, actor: User, case: Case, basis: str, confirm_number: str) -> Anonymisation:
    """Erase the identifiable data of the case's person, now: what the retention rules would do
    at the end of the period. Refused while a case of theirs is open or on legal hold. The worker
    types the case number to confirm: nothing of it can be undone."""
    if basis not in ErasureBasis.values:
        raise ValidationError({"basis": [_("Choose on what basis the data is erased.")]})
    if confirm_number.strip().upper() != case.number.upper():
        raise ValidationError({"confirm_number": [_("Type the case number exactly as shown to confirm.")]})
    person = case.person
    with transaction.atomic():
        # The person first, then their cases: the order update_person and place_legal_hold keep.
        Person.objects.select_for_update().filter(pk=person.pk).exists()
        cases = Case.objects.select_for_update().filter(person=person)
        if any(each.status != CaseStatus.CLOSED for each in cases):
            raise ValidationError(_("Close every case of the person first: an open case is still being worked on."))
        if LegalHold.objects.active().filter(case__person=person).exists():
            raise ValidationError(_("A legal hold is on: lift it first if the law no longer requires the data."))
        if Anonymisation.objects.filter(person=person).exists():
            raise ValidationError(_("This person's data has been removed already."))
        return anonymise(person=person, reason=AnonymisationReason.ERASURE, now=timezone.now(), by=actor, basis=basis)


def record_sharing_agreement(
    *,
    actor: User,
    with_organisation: Organisation,
    purpose: str,
    reference: str,
    signed_on: date,
    starts_on: date,
    ends_on: date | None = None,
) -> DataSharingAgreement:
    errors: dict[str, list[str]] = {}
    if with_organisation.pk == actor.organisation_pk:
        errors["with_organisation"] = [_("An agreement is made with another organisation.")]
    if purpose not in SharingPurpose.values:
        errors["purpose"] = [_("Choose what the data is shared for.")]
    reference = reference.strip()
    if not reference:
        errors["reference"] = [_("Say where the signed agreement is filed.")]
    elif len(reference) > 200:
        errors["reference"] = [_("Keep it under %(count)d characters.") % {"count": 200}]
    if problem := plausibility_error(signed_on, past_only=True):
        errors["signed_on"] = [problem]
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and (problem := plausibility_error(value)):
            errors[name] = [problem]
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The agreement cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agreement = DataSharingAgreement.objects.create(
            organisation_id=actor.organisation_pk,
            with_organisation=with_organisation,
            purpose=purpose,
            reference=reference,
            signed_on=signed_on,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.RECORD_SHARING_AGREEMENT,
            changes={
                "agreement": (None, agreement.pk),
                "with": (None, with_organisation.pk),
                "purpose": (None, purpose),
            },
        )
    return agreement


def end_sharing_agreement(*, actor: User, agreement: DataSharingAgreement) -> None:
    with transaction.atomic():
        locked = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.ended_on is not None:
            raise ValidationError(_("This agreement has ended already."))
        locked.ended_on, locked.ended_by = timezone.localdate(), actor
        locked.save(update_fields=["ended_on", "ended_by"])
        log.log_change(
            actor=actor, case=None, action=AuditAction.END_SHARING_AGREEMENT, changes={"agreement": (locked.pk, None)}
        )
