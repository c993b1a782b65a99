"""Document workflows. Each runs in one transaction with its audit record."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.core.dates import plausibility_error
from reintegra.documents import scans
from reintegra.documents.models import Attachment, Document, DocumentKind, DocumentStatus, DocumentStep
from reintegra.family.models import FamilyMember
from reintegra.plans import actions as plan_actions
from reintegra.plans.models import Action, SupportKind

# The service area whose plan actions a fee for papers may be counted under.
ADMINISTRATIVE_AREA = "ADM"


def record_document(
    *,
    actor: User,
    case: Case,
    kind: str,
    status: str,
    holder: FamilyMember | None = None,
    description: str = "",
    obtained_on: date | None = None,
    valid_until: date | None = None,
    number: str = "",
    issued_by: str = "",
) -> Document:
    """Record a paper the person (no holder) or one of their family members needs or has."""
    errors: dict[str, str] = {}
    description = description.strip()
    if holder is not None and holder.case_id != case.pk:
        errors["holder"] = _("This family member belongs to another case.")
    if kind == DocumentKind.OTHER and not description:
        errors["description"] = _("Say which document this is.")
    if status == DocumentStatus.OBTAINED and obtained_on is None:
        errors["obtained_on"] = _("Enter the day it was obtained.")
    if obtained_on is not None:
        if status != DocumentStatus.OBTAINED:
            errors["obtained_on"] = _("Only a document obtained has the day it was obtained.")
        elif problem := plausibility_error(obtained_on, past_only=True):
            errors["obtained_on"] = problem
    if valid_until is not None and obtained_on is not None and valid_until <= obtained_on:
        errors["valid_until"] = _("A document is valid until a day after it was obtained.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = Document.objects.create(
            case=case,
            family_member=holder,
            kind=kind,
            description=description,
            status=status,
            obtained_on=obtained_on,
            valid_until=valid_until,
            number=number.strip(),
            issued_by=issued_by.strip(),
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_DOCUMENT,
            section=Section.IDENTITY,
            changes={
                "document": (None, document.pk),
                "family_member": (None, holder.pk if holder else None),
                "kind": (None, kind),
                "status": (None, status),
                "number": (None, document.number),
                "issued_by": (None, document.issued_by),
            },
        )
    return document


def record_document_step(
    *,
    actor: User,
    document: Document,
    on: date,
    what: str,
    status: str = "",
    fee_amount: Decimal | None = None,
    fee_currency: str = "",
    obstacle: str = "",
    obstacle_note: str = "",
    plan_action: Action | None = None,
    valid_until: date | None = None,
) -> DocumentStep:
    """Append a step towards a document; it moves the document to `status` when one is given.
    A fee under an action of the plan in the administrative area is also a support item of it."""
    errors: dict[str, str] = {}
    fee_currency = fee_currency.strip().upper()
    what = what.strip()
    if problem := plausibility_error(on, past_only=True):
        errors["on"] = problem
    if not what:
        errors["what"] = _("Say what was done.")
    if fee_amount is not None and fee_amount < 0:
        errors["fee_amount"] = _("A fee cannot be below zero.")
    if fee_amount is not None and not (len(fee_currency) == 3 and fee_currency.isascii() and fee_currency.isalpha()):
        errors["fee_currency"] = _("Three letters, e.g. VND.")
    if fee_amount is None:
        fee_currency = ""
    if obstacle_note.strip() and not obstacle:
        errors["obstacle"] = _("Choose the kind of obstacle the note is about.")
    if plan_action is not None:
        if plan_action.area != ADMINISTRATIVE_AREA or plan_action.plan.case_id != document.case_id:
            errors["plan_action"] = _("Choose an action of this case's plan in administrative support.")
        elif fee_amount is None:
            errors["plan_action"] = _("Only a fee paid is counted under a plan action: enter the fee.")
    if valid_until is not None and status != DocumentStatus.OBTAINED:
        errors["valid_until"] = _("Only a document obtained has a date it is valid until.")
    elif valid_until is not None and valid_until <= on:
        errors["valid_until"] = _("A document is valid until a day after it was obtained.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One step at a time per document, so its status is always its latest step's.
        list(Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True))
        support = None
        if plan_action is not None and fee_amount is not None:
            try:
                support = plan_actions.add_support_item(
                    actor=actor,
                    action=plan_action,
                    kinds=[SupportKind.FEE_PAID],
                    amount=fee_amount,
                    currency=fee_currency,
                    given_on=on,
                    purpose=_("Fee for: %(document)s") % {"document": document.name()},
                    family_assistance=document.family_member_id is not None,
                )
            except ValidationError as exc:
                raise ValidationError({"plan_action": exc.messages}) from exc
        step = DocumentStep.objects.create(
            document=document,
            on=on,
            what=what,
            status=status,
            fee_amount=fee_amount,
            fee_currency=fee_currency,
            obstacle=obstacle,
            obstacle_note=obstacle_note.strip(),
            support_item=support,
            recorded_by=actor,
        )
        changes: dict[str, tuple[object, object]] = {
            "document_step": (None, step.pk),
            "on": (None, on.isoformat()),
            "fee": (None, f"{fee_amount} {fee_currency}" if fee_amount is not None else None),
            "obstacle": (None, obstacle),
            "support_item": (None, support.pk if support else None),
        }
        if status and status != document.status:
            changes["status"] = (document.status, status)
            document.status = status
            fields = ["status"]
            if status == DocumentStatus.OBTAINED:
                document.obtained_on, document.valid_until = on, valid_until
                fields += ["obtained_on", "valid_until"]
            document.save(update_fields=fields)
        log.log_change(
            actor=actor,
            case=document.case,
            action=AuditAction.RECORD_DOCUMENT_STEP,
            section=Section.IDENTITY,
            changes=changes,
        )
    return step


def add_attachment(*, actor: User, document: Document, data: bytes, filename: str) -> Attachment:
    """Keep a scan of a document, sealed in the database; refused when too big or when its bytes
    are not a PDF, JPEG or PNG."""
    scans.check_size(len(data))
    content_type = scans.content_type_of(data)
    # Only the last part of what the browser sent, without control characters, at most 200.
    name = "".join(ch for ch in filename.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable())[:200]
    with transaction.atomic():
        attachment = Attachment.objects.create(
            document=document,
            content_type=content_type,
            size=len(data),
            filename=name or _("scan"),
            content=base64.b64encode(data).decode("ascii"),
            added_by=actor,
        )
        log.log_change(
            actor=actor,
            case=document.case,
            action=AuditAction.ADD_ATTACHMENT,
            section=Section.IDENTITY,
            changes={
                "attachment": (None, attachment.pk),
                "document": (None, document.pk),
                "content_type": (None, content_type),
                "size": (None, len(data)),
            },
        )
    return attachment


def open_attachment(*, actor: User, attachment: Attachment) -> bytes:
    """The scan's bytes, for someone the case's scope let through; the opening is logged."""
    data = base64.b64decode(attachment.content)
    with transaction.atomic():
        log.log_access(
            actor=actor, case=attachment.document.case, section=Section.IDENTITY, action=AuditAction.OPEN_ATTACHMENT
        )
    return data
