from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.core.flow import run_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.safety import access, actions
from reintegra.safety.forms import PersonOfConcernForm, RiskAssessmentForm, SafetyPlanForm, TriggerForm
from reintegra.safety.models import AssessmentKind
from reintegra.safety.record import safety_record


def _page(request: AuthenticatedRequest, scope: CaseScope, **forms_given: forms.Form) -> HttpResponse:
    """The safety page; a form that was just refused comes in `forms_given`, with its errors and
    what was typed, the others start empty (the plan's with the current version in it)."""
    today = timezone.localdate()
    record = safety_record(scope, today)
    plan = record.plan
    empty = {
        "form": RiskAssessmentForm(initial={"assessed_on": today}),
        "plan_form": SafetyPlanForm(
            prefix="plan",
            initial={
                "measures": plan.measures,
                "emergency_contacts": plan.emergency_contacts,
                "code_words": plan.code_words,
                "person_agreed_to_police": plan.person_agreed_to_police,
                "police_contact": plan.police_contact,
            }
            if plan
            else {},
        ),
        "concern_form": PersonOfConcernForm(prefix="concern"),
        "trigger_form": TriggerForm(prefix="trigger", initial={"on": today}),
    }
    return render(
        request,
        "safety/page.html",
        {"case": scope.case, "record": record, "kinds": AssessmentKind, **empty, **forms_given},
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
        return redirect("safety:page", case_id=scope.case.pk)
    return _page(request, scope, **{slot: form})


@login_required
@require_http_methods(["GET", "POST"])
def page(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """The person's safety: the latest risk assessment of each kind side by side and the case's
    level they give, whether a reassessment is due, the safety plan, the persons of concern, and
    the history; with forms to add to each."""
    scope = access.safety_scope(request.user, case_id, write=request.method == "POST")
    if request.method != "POST":
        return _page(request, scope)
    return _record(
        request,
        scope,
        slot="form",
        form=RiskAssessmentForm(request.POST),
        action=actions.record_risk_assessment,
        done=_("Risk assessment recorded."),
    )


@login_required
@require_POST
def plan(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _record(
        request,
        access.safety_scope(request.user, case_id, write=True),
        slot="plan_form",
        form=SafetyPlanForm(request.POST, prefix="plan"),
        action=actions.update_safety_plan,
        done=_("Safety plan saved as a new version. Earlier versions are kept below."),
    )


@login_required
@require_POST
def person_of_concern(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _record(
        request,
        access.safety_scope(request.user, case_id, write=True),
        slot="concern_form",
        form=PersonOfConcernForm(request.POST, prefix="concern"),
        action=actions.record_person_of_concern,
        done=_("Person of concern recorded."),
    )


@login_required
@require_POST
def trigger(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    return _record(
        request,
        access.safety_scope(request.user, case_id, write=True),
        slot="trigger_form",
        form=TriggerForm(request.POST, prefix="trigger"),
        action=actions.record_trigger,
        done=_("Recorded. A reassessment is due from that date until a new risk assessment is recorded."),
    )
