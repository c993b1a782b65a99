"""Debt workflows. Each runs in one transaction with its audit record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.core.dates import plausibility_error
from reintegra.debts.models import Debt, DebtChange, DebtStatus


def _check_date(value: date | None, field: str) -> None:
    if value is None:
        return
    error = plausibility_error(value, past_only=True)
    if error:
        raise ValidationError({field: error})


def record_debt(
    *,
    actor: User,
    case: Case,
    creditor_kind: str,
    amount: Decimal,
    currency: str,
    pressure: str,
    creditor: str = "",
    since: date | None = None,
    note: str = "",
) -> Debt:
    if amount <= 0:
        raise ValidationError({"amount": _("A debt is more than nothing: enter what is owed.")})
    _check_date(since, "since")
    with transaction.atomic():
        debt = Debt.objects.create(
            case=case,
            creditor_kind=creditor_kind,
            creditor=creditor,
            amount=amount,
            currency=currency.upper(),
            since=since,
            pressure=pressure,
            recorded_by=actor,
        )
        DebtChange.objects.create(
            debt=debt,
            changed_on=timezone.localdate(),
            status=debt.status,
            amount=amount,
            pressure=pressure,
            note=note,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_DEBT,
            changes={"debt": (None, debt.pk), "creditor_kind": (None, creditor_kind), "pressure": (None, pressure)},
        )
    return debt


def change_debt(
    *,
    actor: User,
    debt: Debt,
    changed_on: date,
    status: str,
    amount: Decimal,
    pressure: str,
    note: str = "",
) -> DebtChange:
    """A new state of the debt from `changed_on`: repaid in part, negotiated, threats stopped."""
    _check_date(changed_on, "changed_on")
    if amount < 0:
        raise ValidationError({"amount": _("The amount still owed cannot be below zero.")})
    if status == DebtStatus.REPAID and amount != 0:
        raise ValidationError({"amount": _("A repaid debt has nothing left owed: enter 0, or choose another status.")})
    latest = debt.changes.order_by("-changed_on", "-pk").first()
    if latest is not None and changed_on < latest.changed_on:
        raise ValidationError(
            {
                "changed_on": _("The history already runs to %(day)s: date this change on or after it.")
                % {"day": latest.changed_on.isoformat()}
            }
        )
    with transaction.atomic():
        list(Debt.objects.select_for_update().filter(pk=debt.pk).values_list("pk", flat=True))
        if debt.changes.count() >= Debt.MAX_CHANGES:
            raise ValidationError(
                _("This debt's history already holds %(n)d changes, the most one debt keeps.") % {"n": Debt.MAX_CHANGES}
            )
        change = DebtChange.objects.create(
            debt=debt,
            changed_on=changed_on,
            status=status,
            amount=amount,
            pressure=pressure,
            note=note,
            recorded_by=actor,
        )
        old = (debt.status, str(debt.amount), debt.pressure)
        debt.status, debt.amount, debt.pressure = status, amount, pressure
        debt.save(update_fields=["status", "amount", "pressure"])
        log.log_change(
            actor=actor,
            case=debt.case,
            action=AuditAction.CHANGE_DEBT,
            changes={
                "debt": (debt.pk, debt.pk),
                "status": (old[0], status),
                "amount": (old[1], str(amount)),
                "pressure": (old[2], pressure),
            },
        )
    return change
