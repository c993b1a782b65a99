from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.debts import access, actions
from reintegra.debts.forms import DebtChangeForm, DebtForm


@login_required
@require_http_methods(["GET", "POST"])
def debts(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The person's debts, what is still owed per currency, and each debt's history."""
    scope = access.debts_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    form = DebtForm(request.POST or None, initial={"currency": case.organisation.currency})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_debt(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Debt recorded."))
            return redirect("debts:debts", case_id=case.pk)
    rows = list(scope.debts().select_related("recorded_by").prefetch_related("changes__recorded_by"))
    owed: dict[str, Decimal] = defaultdict(Decimal)
    today = timezone.localdate()
    for debt in rows:
        # Each debt's form starts from how the debt stands, so a change is only what changed.
        debt.change_form = DebtChangeForm(  # type: ignore[attr-defined]
            initial={"changed_on": today, "status": debt.status, "amount": debt.amount, "pressure": debt.pressure}
        )
        if not debt.is_settled:
            owed[debt.currency] += debt.amount
    return render(
        request,
        "debts/debts.html",
        {
            "case": case,
            "debts": rows,
            "owed": sorted(owed.items()),
            "form": form,
        },
    )


@login_required
@require_POST
def change(request: AuthenticatedRequest, case_id: int, debt_id: int) -> HttpResponse:
    debt = access.debts_scope(request.user, case_id, write=True).debt(debt_id)
    apply_form(
        request,
        DebtChangeForm(request.POST),
        lambda data: actions.change_debt(actor=request.user, debt=debt, **data),
        _("Change recorded in the debt's history."),
    )
    return redirect("debts:debts", case_id=case_id)
