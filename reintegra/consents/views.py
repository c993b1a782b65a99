from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.consents import access, actions
from reintegra.consents.forms import ConsentForm, ReconfirmForm, WithdrawForm
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def case_consents(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.consents_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    form = ConsentForm(
        request.POST or None,
        initial={"decided_on": timezone.localdate(), "language": access.first_language(scope)},
        sections=scope.sections,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_consent(actor=request.user, case=case, decision=form.decision())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("consents:list", case_id=case.pk)
    today = timezone.localdate()
    records = list(
        scope.consents().select_related("recorded_by", "supersedes", "plan_action").order_by("-decided_on", "-pk")
    )
    current_ids = set(scope.current_consents().values_list("pk", flat=True))
    current = [record for record in records if record.pk in current_ids]
    for record in current:
        record.attention_flag = record.attention(today)  # type: ignore[attr-defined]
    return render(
        request,
        "consents/list.html",
        {
            "case": case,
            "current": current,
            "history": records,
            "form": form,
            "today": today,
            "withdraw_form": WithdrawForm(initial={"withdrawn_on": today}),
            "reconfirm_form": ReconfirmForm(initial={"reconfirmed_on": today}),
        },
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedRequest, case_id: int, consent_id: int) -> HttpResponse:
    consent = access.consents_scope(request.user, case_id, write=True).consent(consent_id)
    apply_form(
        request,
        WithdrawForm(request.POST),
        lambda data: actions.withdraw_consent(actor=request.user, consent=consent, **data),
        _("Consent withdrawn. Only this one thing stops; everything else continues."),
    )
    return redirect("consents:list", case_id=consent.case.pk)


@login_required
@require_POST
def reconfirm(request: AuthenticatedRequest, case_id: int, consent_id: int) -> HttpResponse:
    consent = access.consents_scope(request.user, case_id, write=True).consent(consent_id)
    apply_form(
        request,
        ReconfirmForm(request.POST),
        lambda data: actions.reconfirm_consent(actor=request.user, consent=consent, **data),
        _("Consent re-confirmed."),
    )
    return redirect("consents:list", case_id=consent.case.pk)
