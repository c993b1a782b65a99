"""Legal-status workflows. Each runs in one transaction with its audit record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.actions import IDENTIFICATION_FIELDS, CaseDetails, check_case_details
from reintegra.cases.models import Case
from reintegra.core.dates import plausibility_error, require_plausible
from reintegra.legal.models import (
    AMOUNT_EVENTS,
    DECISION_STEPS,
    PERMIT_STEPS,
    CountryRules,
    EventKind,
    Identification,
    Proceeding,
    ProceedingEvent,
    StatusStep,
    StayRule,
    StepKind,
)


def record_step(
    *,
    actor: User,
    case: Case,
    country: CountryRules,
    kind: str,
    on: date,
    decision: str = "",
    stay: StayRule | None = None,
    valid_until: date | None = None,
    note: str = "",
) -> StatusStep:
    """Append a step of the person's legal stay. A step is dated when it happened, so it may lie
    in the past; a permit's expiry lies ahead of its grant."""
    errors: dict[str, str] = {}
    past = plausibility_error(on, past_only=True)
    if past:
        errors["on"] = past
    if kind in DECISION_STEPS and not decision:
        errors["decision"] = _("Say whether the decision was positive or negative.")
    if kind not in DECISION_STEPS and decision:
        errors["decision"] = _("Only a decision of the identification mechanism is positive or negative.")
    if kind in PERMIT_STEPS and stay is None:
        errors["stay"] = _("Choose the kind of permit.")
    if stay is not None:
        if kind not in PERMIT_STEPS:
            errors["stay"] = _("Only a step about a permit names one.")
        elif stay.country_id != country.pk:
            errors["stay"] = _("This permit belongs to another country's rules: choose one of %(country)s.") % {
                "country": country
            }
    if valid_until is not None:
        if kind != StepKind.PERMIT_GRANTED:
            errors["valid_until"] = _("Only a granted permit has a date it is valid until.")
        elif valid_until <= on:
            errors["valid_until"] = _("A permit is valid until a day after it was granted.")
    if kind == StepKind.REFERRED and not country.mechanism and country.first_decision_working_days is None:
        errors["kind"] = _("%(country)s has no identification mechanism in its rules.") % {"country": country}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        step = StatusStep.objects.create(
            case=case,
            country=country,
            kind=kind,
            on=on,
            decision=decision,
            stay=stay,
            valid_until=valid_until,
            note=note,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_STATUS_STEP,
            section="legal",
            changes={
                "status_step": (None, step.pk),
                "country": (None, str(country.country)),
                "kind": (None, kind),
                "on": (None, on.isoformat()),
                "decision": (None, decision),
                "valid_until": (None, valid_until.isoformat() if valid_until else None),
            },
        )
    return step


def record_identification(
    *,
    actor: User,
    case: Case,
    status: str,
    identified_on: date | None = None,
    authority: str = "",
    authority_type: str = "",
    country: str = "",
    return_type: str = "",
    note: str = "",
) -> Identification:
    """Append an identification (or a change of it) to the history, and make it the case's
    current one. The case's own form reaches the same history through `append_identification`."""
    # Only the identification's own details: the rest of the case is not being changed here.
    details = CaseDetails(
        identification_status=status,
        identified_on=identified_on,
        identifying_authority=authority.strip(),
        identifying_authority_type=authority_type,
    )
    try:
        check_case_details(details)
    except ValidationError as exc:
        # The case's field names, as this workflow's own (the form's and the API's).
        raise ValidationError(
            {
                "authority" if name == "identifying_authority" else name: errors
                for name, errors in exc.error_dict.items()
            }
        ) from exc
    require_plausible(past={"identified_on": identified_on})
    with transaction.atomic():
        entry = append_identification(
            actor=actor, case=case, country=country, return_type=return_type, note=note, details=details
        )
        changes = {
            "identification_status": (case.identification_status, status),
            "identified_on": (case.identified_on, identified_on),
            "identifying_authority": (case.identifying_authority, authority.strip()),
            "identifying_authority_type": (case.identifying_authority_type, authority_type),
        }
        case.identification_status, case.identified_on = status, identified_on
        case.identifying_authority, case.identifying_authority_type = authority.strip(), authority_type
        case.save(update_fields=[*sorted(IDENTIFICATION_FIELDS), "updated_at"])
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_IDENTIFICATION,
            section="legal",
            changes={
                **{name: (str(old) if old else old, str(new) if new else new) for name, (old, new) in changes.items()},
                "country": (None, country),
                "return_type": (None, return_type),
            },
        )
    return entry


def append_identification(
    *, actor: User, case: Case, details: CaseDetails, country: str = "", return_type: str = "", note: str = ""
) -> Identification:
    """The history's entry for identification details the case is about to take. Called inside the
    caller's transaction (record_identification, cases.actions.update_case)."""
    return Identification.objects.create(
        case=case,
        status=details.identification_status,
        identified_on=details.identified_on,
        authority=details.identifying_authority.strip(),
        authority_type=details.identifying_authority_type,
        country=country,
        return_type=return_type,
        note=note,
        recorded_by=actor,
    )


def open_proceeding(
    *,
    actor: User,
    case: Case,
    kind: str,
    role: str,
    opened_on: date,
    currency: str,
    authority: str = "",
    reference: str = "",
    lawyer: str = "",
) -> Proceeding:
    require_plausible(past={"opened_on": opened_on})
    with transaction.atomic():
        proceeding = Proceeding.objects.create(
            case=case,
            kind=kind,
            role=role,
            opened_on=opened_on,
            currency=currency.upper(),
            authority=authority,
            reference=reference,
            lawyer=lawyer,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_PROCEEDING,
            section="legal",
            changes={"proceeding": (None, proceeding.pk), "kind": (None, kind), "role": (None, role)},
        )
    return proceeding


def record_event(
    *,
    actor: User,
    proceeding: Proceeding,
    kind: str,
    on: date,
    amount: Decimal | None = None,
    agreed: bool | None = None,
    note: str = "",
) -> ProceedingEvent:
    """Append what happened in a proceeding; a hearing may be set ahead, the rest has happened."""
    errors: dict[str, str] = {}
    if kind == EventKind.HEARING:
        require_plausible(ahead={"on": on})
    else:
        require_plausible(past={"on": on})
    if kind in AMOUNT_EVENTS and amount is None:
        errors["amount"] = _("Enter the amount, in %(currency)s.") % {"currency": proceeding.currency}
    if kind not in AMOUNT_EVENTS and amount is not None:
        errors["amount"] = _("Only compensation claimed, awarded or received has an amount.")
    if amount is not None and amount < 0:
        errors["amount"] = _("An amount cannot be below zero.")
    if kind == EventKind.CONSENT and agreed is None:
        errors["agreed"] = _("Say whether the person agreed to the step.")
    if kind != EventKind.CONSENT and agreed is not None:
        errors["agreed"] = _("Only the person's decision on a step is a yes or a no.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One at a time per proceeding, so an event cannot slip in after its end.
        list(Proceeding.objects.select_for_update().filter(pk=proceeding.pk).values_list("pk", flat=True))
        if proceeding.events.filter(kind=EventKind.ENDED).exists():
            raise ValidationError(_("This proceeding has ended: record a new one if the case goes on elsewhere."))
        event = ProceedingEvent.objects.create(
            proceeding=proceeding, kind=kind, on=on, amount=amount, agreed=agreed, note=note, recorded_by=actor
        )
        log.log_change(
            actor=actor,
            case=proceeding.case,
            action=AuditAction.RECORD_PROCEEDING_EVENT,
            section="legal",
            changes={
                "proceeding": (proceeding.pk, proceeding.pk),
                "kind": (None, kind),
                "on": (None, on.isoformat()),
                "amount": (None, str(amount) if amount is not None else None),
                "agreed": (None, agreed),
            },
        )
    return event
