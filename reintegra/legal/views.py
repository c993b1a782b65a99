from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.core.flow import attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.legal import access, actions
from reintegra.legal.deadlines import open_deadlines
from reintegra.legal.forms import StatusStepForm


@login_required
@require_http_methods(["GET", "POST"])
def status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The person's legal stay: the dates ahead, computed from the steps recorded and the rules of
    the country; the steps themselves; and a form to add one."""
    scope = access.legal_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    form = StatusStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_step(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Step recorded. The dates ahead are counted again from it."))
            return redirect("legal:status", case_id=case.pk)
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
            "case": case,
            "steps": steps,
            "deadlines": deadlines,
            "countries": sorted(countries.values(), key=str),
            "form": form,
        },
    )
