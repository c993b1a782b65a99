"""Legal-status workflows. Each runs in one transaction with its audit record."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.core.dates import plausibility_error
from reintegra.legal.models import DECISION_STEPS, PERMIT_STEPS, CountryRules, StatusStep, StayRule, StepKind


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
