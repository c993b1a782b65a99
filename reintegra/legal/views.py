from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.legal import access, actions
from reintegra.legal.deadlines import hearing_dates, open_deadlines
from reintegra.legal.forms import IdentificationForm, ProceedingEventForm, ProceedingForm, StatusStepForm
from reintegra.legal.models import EventKind


def _page(
    request: AuthenticatedRequest,
    scope: CaseScope,
    *,
    step_form: StatusStepForm,
    identification_form: IdentificationForm,
    proceeding_form: ProceedingForm | None = None,
) -> HttpResponse:
    steps = list(scope.status_steps())
    today = timezone.localdate()
    proceedings = list(scope.proceedings())
    events = [event for proceeding in proceedings for event in proceeding.events.all()]
    for proceeding in proceedings:
        kinds = [event.kind for event in proceeding.events.all()]
        proceeding.interviews = kinds.count(EventKind.INTERVIEW)  # type: ignore[attr-defined]
        proceeding.interviewed_repeatedly = (  # type: ignore[attr-defined]
            proceeding.interviews >= settings.REINTEGRA_REPEATED_INTERVIEWS  # type: ignore[attr-defined]
        )
        proceeding.ended = EventKind.ENDED in kinds  # type: ignore[attr-defined]
        proceeding.event_form = ProceedingEventForm(initial={"on": today})  # type: ignore[attr-defined]
    dates = sorted(
        [*open_deadlines(steps), *hearing_dates(events, today=today)], key=lambda item: (item.due_on, item.kind)
    )
    deadlines = [
        {"deadline": deadline, "days_left": deadline.days_left(today), "days_late": -deadline.days_left(today)}
        for deadline in dates
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
            "proceedings": proceedings,
            "proceeding_form": proceeding_form
            or ProceedingForm(prefix="proceeding", initial={"currency": scope.case.organisation.currency}),
            "repeated_interviews": settings.REINTEGRA_REPEATED_INTERVIEWS,
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


@login_required
@require_POST
def proceeding(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.legal_scope(request.user, case_id, write=True)
    form = ProceedingForm(request.POST, prefix="proceeding")
    if form.is_valid():
        try:
            actions.open_proceeding(actor=request.user, case=scope.case, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Proceeding recorded."))
            return redirect("legal:status", case_id=case_id)
    return _page(
        request,
        scope,
        step_form=StatusStepForm(),
        identification_form=IdentificationForm(prefix="identification"),
        proceeding_form=form,
    )


@login_required
@require_POST
def proceeding_event(request: AuthenticatedRequest, case_id: int, proceeding_id: int) -> HttpResponse:
    found = access.legal_scope(request.user, case_id, write=True).proceeding(proceeding_id)
    apply_form(
        request,
        ProceedingEventForm(request.POST),
        lambda data: actions.record_event(actor=request.user, proceeding=found, **data),
        _("Added to the proceeding's history."),
    )
    return redirect(f"{reverse('legal:status', args=[case_id])}#proceeding-{proceeding_id}")
