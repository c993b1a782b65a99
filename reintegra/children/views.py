from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from reintegra.access.scope import CaseScope
from reintegra.accounts.models import Role
from reintegra.children import access, actions
from reintegra.children.forms import (
    AgeAssessmentForm,
    BestInterestsAssessmentForm,
    ConsultationForm,
    DeterminationForm,
    GuardianForm,
    PlacementForm,
    PlacementReviewForm,
    TracingForm,
    TracingStepForm,
    YouthTransitionForm,
)
from reintegra.children.models import GuardianStatus, child_ages, closure_blockers, eighteenth_birthday, placement_state
from reintegra.core.flow import apply_form, run_form
from reintegra.core.http import AuthenticatedRequest

# Each form of the page: its class, its prefix (several forms share one page), the workflow it
# feeds and what the worker is told once it ran.
FORMS: dict[str, tuple[type[forms.Form], Callable[..., Any], Any]] = {
    "age": (AgeAssessmentForm, actions.record_age_assessment, gettext_lazy("Age assessment recorded.")),
    "guardian": (GuardianForm, actions.record_guardian, gettext_lazy("Guardianship recorded.")),
    "consultation": (
        ConsultationForm,
        actions.record_consultation,
        gettext_lazy("Consultation with the guardian recorded."),
    ),
    "bia": (
        BestInterestsAssessmentForm,
        actions.record_assessment,
        gettext_lazy("Best-interests assessment recorded."),
    ),
    "bid": (
        DeterminationForm,
        actions.record_determination,
        gettext_lazy("Determination recorded. It takes effect once a supervisor who did not write it approves it."),
    ),
    "tracing": (
        TracingForm,
        actions.request_tracing,
        gettext_lazy("Tracing request recorded. No contact until a safety check."),
    ),
    "placement": (
        PlacementForm,
        actions.record_placement,
        gettext_lazy("Placement recorded. Its first review is scheduled."),
    ),
    "youth": (
        YouthTransitionForm,
        actions.move_to_youth_support,
        gettext_lazy("Moved to youth support. The record stays whole."),
    ),
}


def _form(slot: str, scope: CaseScope, data: Any = None) -> forms.Form:
    form_class = FORMS[slot][0]
    if form_class is PlacementForm:
        return PlacementForm(data, prefix=slot, determinations=scope.determinations())
    return form_class(data, prefix=slot)


def _page(request: AuthenticatedRequest, scope: CaseScope, refused: forms.Form | None = None) -> HttpResponse:
    case, person = scope.case, scope.case.person
    today = timezone.localdate()
    guardian_entries = list(scope.guardian_entries())
    guardian = guardian_entries[-1] if guardian_entries else None
    placements = list(scope.placements())
    for placement in placements:
        ended, due = placement_state(placement)
        placement.ended_on, placement.review_due_on = ended, due  # type: ignore[attr-defined]
        placement.review_overdue = due is not None and due < today  # type: ignore[attr-defined]
        placement.review_form = PlacementReviewForm(  # type: ignore[attr-defined]
            prefix="review", auto_id=f"placement{placement.pk}_%s", initial={"on": today}
        )  # type: ignore[attr-defined]
    tracing = list(scope.tracing_requests())
    for request_ in tracing:
        request_.step_form = TracingStepForm(  # type: ignore[attr-defined]
            prefix="step", auto_id=f"tracing{request_.pk}_%s", initial={"on": today}
        )  # type: ignore[attr-defined]
    forms_shown = {f"{slot}_form": _form(slot, scope) for slot in FORMS}
    if refused is not None:
        forms_shown[f"{refused.prefix}_form"] = refused
    turns_18 = eighteenth_birthday(person)
    return render(
        request,
        "children/record.html",
        {
            "case": case,
            "person": person,
            "ages": child_ages(case, today),
            "is_child": person.is_child_on(today),
            "turns_18": turns_18,
            "age_assessments": list(scope.age_assessments()),
            "guardian": guardian,
            "guardian_pending": guardian is not None and guardian.status == GuardianStatus.REQUESTED,
            "guardian_entries": guardian_entries,
            "consultations": list(scope.guardian_consultations()),
            "assessments": list(scope.best_interests_assessments()),
            "determinations": list(scope.determinations()),
            # The approve button only for whoever may press it: a supervisor, on another's work.
            "may_approve": request.user.has_role(Role.SUPERVISOR),
            "tracing": tracing,
            "placements": placements,
            "transition": scope.youth_transition(),
            "closure_blockers": closure_blockers(case),
            **forms_shown,
        },
    )


@login_required
def record(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The child's protection record: age, guardian, best interests, tracing, placements, and the
    forms to add to each."""
    # Access first: to anyone outside the team the page does not exist, whatever the method.
    scope = access.child_scope(request.user, case_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return _page(request, scope)


@login_required
@require_POST
def add(request: AuthenticatedRequest, case_id: int, slot: str) -> HttpResponse:
    """Run one of the page's forms; on refusal show the page again with the errors beside the
    fields and what was typed, nothing written."""
    if slot not in FORMS:
        return redirect("children:record", case_id=case_id)
    scope = access.child_scope(request.user, case_id, write=True)
    form = _form(slot, scope, request.POST)
    _form_class, action, done = FORMS[slot]
    if run_form(request, form, action, str(done), actor=request.user, case=scope.case):
        return redirect(f"{reverse('children:record', args=[case_id])}#{slot}")
    return _page(request, scope, refused=form)


@login_required
@require_POST
def approve(request: AuthenticatedRequest, case_id: int, determination_id: int) -> HttpResponse:
    determination = access.child_scope(request.user, case_id, write=True).determination(determination_id)
    try:
        actions.approve_determination(actor=request.user, determination=determination)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Determination approved. Its durable solution may now be carried out."))
    return redirect(f"{reverse('children:record', args=[case_id])}#bid-{determination_id}")


@login_required
@require_POST
def tracing_step(request: AuthenticatedRequest, case_id: int, tracing_id: int) -> HttpResponse:
    tracing = access.child_scope(request.user, case_id, write=True).tracing_request(tracing_id)
    apply_form(
        request,
        TracingStepForm(request.POST, prefix="step"),
        lambda data: actions.record_tracing_step(actor=request.user, tracing=tracing, **data),
        _("Added to the tracing's history."),
    )
    return redirect(f"{reverse('children:record', args=[case_id])}#tracing-{tracing_id}")


@login_required
@require_POST
def placement_review(request: AuthenticatedRequest, case_id: int, placement_id: int) -> HttpResponse:
    placement = access.child_scope(request.user, case_id, write=True).placement(placement_id)
    apply_form(
        request,
        PlacementReviewForm(request.POST, prefix="review"),
        lambda data: actions.review_placement(actor=request.user, placement=placement, **data),
        _("Review recorded."),
    )
    return redirect(f"{reverse('children:record', args=[case_id])}#placement-{placement_id}")
