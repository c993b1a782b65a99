from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.core.flow import attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.legal import access, actions
from reintegra.legal.deadlines import open_deadlines
from reintegra.legal.forms import IdentificationForm, StatusStepForm


def _page(
    request: AuthenticatedRequest,
    scope: CaseScope,
    *,
    step_form: StatusStepForm,
    identification_form: IdentificationForm,
) -> HttpResponse:
    steps = list(scope.status_steps())
    today = timezone.localdate()
    deadlines = [
        {"deadline": deadline, "days_left": deadline.days_left(today), "days_late": -deadline.days_left(today)}
        for deadline in open_deadlines(steps)
    ]
    countries = {step.country.pk: step.country for step in steps}
    return render(
        request,
        "legal/status.html",
        {
            "case": scope.case,
            "steps": steps,
            "deadlines": deadlines,
            "countries": sorted(countries.values(), key=str),
            "form": step_form,
            "identifications": list(scope.identifications()),
            "identification_form": identification_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The person's legal stay: the dates ahead, computed from the steps recorded and the rules of
    the country; the steps themselves; the history of their identification; and forms to add to
    each."""
    scope = access.legal_scope(request.user, case_id, write=request.method == "POST")
    form = StatusStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_step(actor=request.user, case=scope.case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Step recorded. The dates ahead are counted again from it."))
            return redirect("legal:status", case_id=case_id)
    return _page(request, scope, step_form=form, identification_form=IdentificationForm(prefix="identification"))


@login_required
@require_POST
def identification(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """Add to the history of the person's identification; the case takes it as its current one."""
    scope = access.legal_scope(request.user, case_id, write=True)
    form = IdentificationForm(request.POST, prefix="identification")
    if form.is_valid():
        try:
            actions.record_identification(actor=request.user, case=scope.case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Identification recorded. The case shows it as the current one."))
            return redirect("legal:status", case_id=case_id)
    # The page again, this form's errors beside its fields, nothing written.
    return _page(request, scope, step_form=StatusStepForm(), identification_form=form)
