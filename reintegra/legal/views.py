from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.core.flow import apply_form, run_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.legal import access, actions
from reintegra.legal.deadlines import dates_ahead
from reintegra.legal.forms import IdentificationForm, ProceedingEventForm, ProceedingForm, StatusStepForm
from reintegra.legal.models import EventKind


def _page(request: AuthenticatedRequest, scope: CaseScope, **forms_given: forms.Form) -> HttpResponse:
    """The legal page; a form that was just refused comes in `forms_given`, with its errors and
    what was typed, the others start empty."""
    steps = list(scope.status_steps())
    today = timezone.localdate()
    proceedings = list(scope.proceedings())
    for proceeding in proceedings:
        kinds = [event.kind for event in proceeding.events.all()]
        proceeding.interviews = kinds.count(EventKind.INTERVIEW)  # type: ignore[attr-defined]
        proceeding.interviewed_repeatedly = (  # type: ignore[attr-defined]
            proceeding.interviews >= settings.REINTEGRA_REPEATED_INTERVIEWS  # type: ignore[attr-defined]
        )
        proceeding.ended = EventKind.ENDED in kinds  # type: ignore[attr-defined]
        proceeding.event_form = ProceedingEventForm(initial={"on": today})  # type: ignore[attr-defined]
    events = [event for proceeding in proceedings for event in proceeding.events.all()]
    deadlines = [
        {"deadline": deadline, "days_left": deadline.days_left(today), "days_late": -deadline.days_left(today)}
        for deadline in dates_ahead(steps, events, today=today)
    ]
    countries = {step.country.pk: step.country for step in steps}
    empty = {
        "form": StatusStepForm(),
        "identification_form": IdentificationForm(prefix="identification"),
        "proceeding_form": ProceedingForm(prefix="proceeding", initial={"currency": scope.case.organisation.currency}),
    }
    return render(
        request,
        "legal/status.html",
        {
            "case": scope.case,
            "steps": steps,
            "deadlines": deadlines,
            "countries": sorted(countries.values(), key=str),
            "identifications": list(scope.identifications()),
            "proceedings": proceedings,
            "repeated_interviews": settings.REINTEGRA_REPEATED_INTERVIEWS,
            **empty,
            **forms_given,
        },
    )


def _record(
    request: AuthenticatedRequest,
    scope: CaseScope,
    *,
    slot: str,
    form: forms.Form,
    action: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Run the workflow with the form's data and go back to the page; or show the page again
    with the form's errors beside its fields, nothing written."""
    if run_form(request, form, action, done, actor=request.user, case=scope.case):
        return redirect("legal:status", case_id=scope.case.pk)
    return _page(request, scope, **{slot: form})


@login_required
@require_http_methods(["GET", "POST"])
def status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The person's legal stay: the dates ahead, computed from the steps recorded, the rules of
    the country and the hearings set; the steps themselves; the history of their identification;
    their legal proceedings; and forms to add to each."""
    scope = access.legal_scope(request.user, case_id, write=request.method == "POST")
    if request.method != "POST":
        return _page(request, scope)
    return _record(
        request,
        scope,
        slot="form",
        form=StatusStepForm(request.POST),
        action=actions.record_step,
        done=_("Step recorded. The dates ahead are counted again from it."),
    )


@login_required
@require_POST
def identification(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """Add to the history of the person's identification; the case takes it as its current one."""
    return _record(
        request,
        access.legal_scope(request.user, case_id, write=True),
        slot="identification_form",
        form=IdentificationForm(request.POST, prefix="identification"),
        action=actions.record_identification,
        done=_("Identification recorded. The case shows it as the current one."),
    )


@login_required
@require_POST
def proceeding(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _record(
        request,
        access.legal_scope(request.user, case_id, write=True),
        slot="proceeding_form",
        form=ProceedingForm(request.POST, prefix="proceeding"),
        action=actions.open_proceeding,
        done=_("Proceeding recorded."),
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
