from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import CaseScope
from reintegra.access.sections import Section
from reintegra.consents.access import first_language
from reintegra.core.flow import apply_form, attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.followups.schedule import Preferences
from reintegra.plans import access, actions
from reintegra.plans.forms import (
    ActionForm,
    ActionStatusForm,
    DecisionForm,
    GoalForm,
    PlanForm,
    PrintForm,
    SupportItemForm,
)
from reintegra.plans.models import Action, ActionStatus, Agreement, Goal, Plan


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.plan_scope(request.user, case_id, write=request.method == "POST")
    case = scope.case
    current = scope.plan()
    form = _plan_form(current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if current is None:
            actions.create_plan(actor=request.user, case=case, **form.cleaned_data)
        else:
            actions.update_plan(actor=request.user, plan=current, **form.cleaned_data)
        messages.success(request, _("Plan saved."))
        return redirect("plans:plan", case_id=case.pk)
    return _plan_page(request, scope, current, form=form)


def _plan_form(current: Plan | None, data: Any = None) -> PlanForm:
    initial = (
        {"review_on": current.review_on, "agreed_on": current.agreed_on, "in_own_words": current.in_own_words}
        if current
        else {}
    )
    return PlanForm(data, initial=initial)


def _plan_page(
    request: AuthenticatedRequest,
    scope: CaseScope,
    current: Plan | None,
    *,
    form: PlanForm,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    """The plan page; a refused form is shown again with what the worker typed and why."""
    case = scope.case
    context: dict[str, Any] = {
        "case": case,
        "plan": current,
        "form": form,
        "today": timezone.localdate(),
        "new_plan_due_on": case.new_plan_due_on() if current is None else None,
        "case_is_child": case.person.is_child_on(timezone.localdate()),
        "earlier_plans": _earlier_plans(scope),
    }
    if current is not None:
        rows = list(
            scope.actions()
            .select_related("responsible", "provider", "goal", "consent", "family_member__person")
            .prefetch_related("support_items")
        )
        consents = scope.consents().current_by_thread()
        today = context["today"]
        wishes = _contact_wishes(scope)
        # Each action's latest referral, to show where it stands (referrals made from the plan).
        referrals: dict[int, Any] = {}
        for referral in scope.referrals().filter(action__in=[row.pk for row in rows]).order_by("proposed_at", "pk"):
            referrals[referral.action_id] = referral  # type: ignore[index]
        for row in rows:
            row.referral = referrals.get(row.pk)  # type: ignore[attr-defined]
            row.on_closed_days = _closed_days(wishes, row)  # type: ignore[attr-defined]
            current_consent = consents.get(row.consent.thread_id) if row.consent else None
            row.current_consent = current_consent  # type: ignore[attr-defined]
            row.consent_lapsed = bool(current_consent and current_consent.is_lapsed(today))  # type: ignore[attr-defined]
        areas = access.area_choices(scope)
        context.update(
            goals=list(scope.goals()),
            actions=[row for row in rows if row.agreement != Agreement.DECLINED],
            declined=[row for row in rows if row.agreement == Agreement.DECLINED],
            goal_form=GoalForm(areas=areas),
            action_form=action_form
            or ActionForm(
                areas=areas,
                organisation_id=case.organisation_id,
                family=scope.family_members(),
                initial={"responsible": request.user},
            ),
            decision_form=DecisionForm(initial={"decided_on": timezone.localdate(), "language": first_language(scope)}),
            status_form=ActionStatusForm(),
            support_form=SupportItemForm(
                initial={"given_on": timezone.localdate(), "currency": case.organisation.currency}
            ),
        )
    return render(request, "plans/plan.html", context)


@dataclass
class EarlierPlan:
    plan: Plan
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def _earlier_plans(scope: access.CaseScope) -> list[EarlierPlan]:
    """Plans of earlier episodes, read-only: what was agreed then, and what came of it."""
    plans = {plan.pk: EarlierPlan(plan) for plan in scope.earlier_plans()}
    if plans:
        for goal in scope.earlier_goals():
            plans[goal.plan_id].goals.append(goal)
        for action in scope.earlier_actions().select_related("provider"):
            plans[action.plan_id].actions.append(action)
    return list(plans.values())


@login_required
@require_POST
def add_goal(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.plan_scope(request.user, case_id, write=True)
    current = access.existing_plan(scope)
    form = GoalForm(request.POST, areas=access.area_choices(scope))
    apply_form(request, form, lambda data: actions.add_goal(actor=request.user, plan=current, **data))
    return redirect("plans:plan", case_id=case_id)


@login_required
@require_POST
def add_action(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = access.plan_scope(request.user, case_id, write=True)
    current = access.existing_plan(scope)
    form = ActionForm(
        request.POST,
        areas=access.area_choices(scope),
        organisation_id=scope.case.organisation_id,
        family=scope.family_members(),
    )
    if form.is_valid():
        try:
            actions.add_action(actor=request.user, plan=current, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
    if form.is_valid():  # and the workflow took it
        messages.success(request, _("Action added."))
        closed = _closed_days(_contact_wishes(scope), form.cleaned_data)
        if closed:
            # Warned now, while the date is still easy to change, not when the meeting is missed.
            messages.warning(
                request,
                ngettext(
                    "%(dates)s is a day the person asked not to be contacted on: check the date with them.",
                    "%(dates)s are days the person asked not to be contacted on: check the dates with them.",
                    len(closed),
                )
                % {"dates": ", ".join(day.isoformat() for day in closed)},
            )
        return redirect("plans:plan", case_id=case_id)
    # Shown again with what the worker typed and why it was refused (or the far date to confirm).
    return _plan_page(request, scope, current, form=_plan_form(current), action_form=form)


def _contact_wishes(scope: CaseScope) -> Preferences | None:
    preference = scope.contact_preference()  # None unless the user may see the safety section
    return preference.as_rules() if preference else None


def _closed_days(wishes: Preferences | None, action: Any) -> list[date]:
    """The action's start and due dates that fall on a day the person closed to contact."""
    if wishes is None:
        return []
    get = action.get if isinstance(action, dict) else lambda name: getattr(action, name)
    days = {day for day in (get("starts_on"), get("due_on")) if day is not None}
    return sorted(day for day in days if wishes.day_is_closed(day))


@login_required
@require_POST
def decide(request: AuthenticatedRequest, case_id: int, action_id: int) -> HttpResponse:
    action = access.plan_scope(request.user, case_id, write=True).action(action_id)
    form = DecisionForm(request.POST)
    declining = request.POST.get("agreement") == Agreement.DECLINED
    apply_form(
        request,
        form,
        lambda data: actions.record_decision(actor=request.user, action=action, **data),
        _("Recorded. The person's other support continues as planned.") if declining else _("Recorded."),
    )
    return redirect("plans:plan", case_id=case_id)


@login_required
@require_POST
def action_status(request: AuthenticatedRequest, case_id: int, action_id: int) -> HttpResponse:
    action = access.plan_scope(request.user, case_id, write=True).action(action_id)
    apply_form(
        request,
        ActionStatusForm(request.POST),
        lambda data: actions.set_action_status(actor=request.user, action=action, status=data["status"]),
    )
    return redirect("plans:plan", case_id=case_id)


@login_required
@require_POST
def add_support(request: AuthenticatedRequest, case_id: int, action_id: int) -> HttpResponse:
    action = access.plan_scope(request.user, case_id, write=True).action(action_id)
    apply_form(
        request,
        SupportItemForm(request.POST),
        lambda data: actions.add_support_item(actor=request.user, action=action, **data),
    )
    return redirect("plans:plan", case_id=case_id)


@login_required
@require_http_methods(["GET", "POST"])
def print_plan(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """Choose with the person what goes on paper, then download it as a PDF."""
    scope = access.plan_scope(request.user, case_id)
    current = access.existing_plan(scope)
    case = scope.case
    goals = list(scope.goals())
    agreed = [
        action
        for action in scope.actions().select_related("responsible", "provider")
        if action.agreement == Agreement.AGREED and action.status != ActionStatus.CANCELLED
    ]
    form = PrintForm(request.POST or None, goals=goals, actions=agreed)
    if request.method == "POST" and form.is_valid():
        followup = scope.followup()
        try:
            pdf = actions.print_plan(
                actor=request.user,
                plan=current,
                person_name=case.person.full_name if scope.can_see(Section.IDENTITY) else "",
                goals=goals,
                actions=agreed,
                next_meeting=followup.next_due_on if followup else None,
                choice=form.choice(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="plan.pdf"'
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "plans/print.html", {"case": case, "form": form})
