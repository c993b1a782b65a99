from __future__ import annotations

from datetime import timedelta

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.access.scope import case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases import access, actions, history
from reintegra.cases.forms import (
    CaseForm,
    DuplicateConfirmationForm,
    EmergencyAccessForm,
    OpeningForm,
    PersonForm,
    SearchForm,
    StatusForm,
    TeamForm,
)
from reintegra.cases.progress import suggested_status
from reintegra.cases.vocabularies import TRANSITIONS, CaseStatus
from reintegra.consents.access import CONSENT_SECTIONS
from reintegra.core.flow import attach_errors
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.normalise import phone_key
from reintegra.followups.models import Channel
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.privacy.access import acts_for_person
from reintegra.supervision.queries import caseload_counts, warning_conditions, warning_signs_of
from reintegra.tasks.access import tasks_for

CASELOAD_PAGE_SIZE = 50
# The caseload shows the first few open tasks; the tasks page has them all.
TASKS_ON_CASELOAD = 5
DUE_SIGNS = ("contact_overdue", "due_within_week", "at_risk", "consent_due", "plan_review_due")
SEARCH_LIMIT = 50


def _require_casework(request: AuthenticatedRequest) -> None:
    if not request.user.does_casework:
        raise PermissionDenied


@login_required
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.does_casework:
        return render(request, "cases/no_casework.html")
    mine = access.cases_on_team_of(user)
    today = timezone.localdate()
    by_status = caseload_counts(mine, today)
    open_rows = [row for status, row in by_status.items() if status != CaseStatus.CLOSED]
    due = {sign: sum(row[sign] for row in open_rows) for sign in DUE_SIGNS}
    open_total = sum(row["cases"] for row in open_rows)
    status = request.GET.get("status", "")
    listed_count: int | None
    if status in CaseStatus.values:
        listed, listed_count = mine.filter(status=status), by_status.get(status, {}).get("cases", 0)
    else:
        listed, listed_count = mine.open(), open_total
    due_sign = {"overdue": "contact_overdue", "week": "due_within_week"}.get(request.GET.get("due", ""))
    if due_sign:
        listed, listed_count = listed.filter(warning_conditions(today, only=[due_sign])[due_sign]), None
    paginator = Paginator(
        listed.for_case_list().order_by(F("followup__next_due_on").asc(nulls_last=True), "-status_changed_at", "-pk"),
        CASELOAD_PAGE_SIZE,
    )
    if listed_count is not None:
        # Already counted above; Paginator.count is a cached property, so no second COUNT query.
        paginator.count = listed_count  # type: ignore[misc]
    page = paginator.get_page(request.GET.get("page"))
    access.log_list_view(user, page.object_list, action=AuditAction.CASELOAD)
    status_counts = [(value, label, by_status.get(value, {}).get("cases", 0)) for value, label in CaseStatus.choices]
    open_tasks = tasks_for(user).open()
    task_counts = open_tasks.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    first_tasks = list(open_tasks.select_related("case")[:TASKS_ON_CASELOAD]) if task_counts["total"] else []
    return render(
        request,
        "cases/caseload.html",
        {
            "page": page,
            "status_counts": status_counts,
            "status": status,
            "due": due,
            "overdue_before": today - timedelta(days=OVERDUE_GRACE_DAYS),
            "open_total": open_total,
            "task_counts": task_counts,
            "first_tasks": first_tasks,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedRequest) -> HttpResponse:
    _require_casework(request)
    user = request.user
    person_form = PersonForm(request.POST or None, prefix="person")
    case_form = CaseForm(request.POST or None, prefix="case")
    team_form = TeamForm(request.POST or None, prefix="team", organisation_id=user.organisation_pk)
    confirm_form = DuplicateConfirmationForm(request.POST or None, prefix="dup")
    opening_form = OpeningForm(request.POST or None, prefix="opening")
    duplicates = None
    forms = (person_form, case_form, opening_form, team_form, confirm_form)
    if request.method == "POST" and all(f.is_valid() for f in forms):
        details = person_form.person_details()
        # Nothing is registered while there are possible duplicates the worker has not dismissed.
        duplicates = None if confirm_form.cleaned_data["confirm_new_person"] else _duplicates_for(user, details)
        if not duplicates:
            try:
                case = actions.register_person_with_case(
                    actor=user,
                    person=details,
                    case=case_form.case_details(),
                    supervisor=team_form.cleaned_data["supervisor"],
                    team=list(team_form.cleaned_data["team"]),
                    responsible=team_form.cleaned_data["responsible"],
                    opened_on=opening_form.cleaned_data["opened_on"],
                    backdated_because=opening_form.cleaned_data["backdated_because"],
                )
            except ValidationError as exc:
                keys = set(exc.error_dict) if hasattr(exc, "error_dict") else set()
                target = next(
                    (f for f in (opening_form, team_form, person_form) if keys and keys <= set(f.fields)), case_form
                )
                attach_errors(target, exc)
            else:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
                return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/register.html",
        {
            "person_form": person_form,
            "case_form": case_form,
            "team_form": team_form,
            "opening_form": opening_form,
            "confirm_form": confirm_form,
            "duplicates": duplicates,
        },
    )


def _duplicates_for(user: User, details: actions.PersonDetails) -> access.DuplicateCheck | None:
    return access.check_for_duplicates(user, details.identifier_keys(), action=AuditAction.DUPLICATE_WARNING)


@login_required
@require_POST
def check_duplicates(request: AuthenticatedRequest) -> HttpResponse:
    """htmx: warn about possible duplicates while the registration form is being filled in.
    Limited per user: typing a registration takes a handful of checks, probing the register for
    a person takes many."""
    _require_casework(request)
    if not ratelimit.consume(request, action=AuditAction.DUPLICATE_CHECK, user=request.user):
        return render(request, "cases/_duplicates.html", {"rate_limited": True, "live": True})
    form = PersonForm(request.POST, prefix="person")
    duplicates = _duplicates_for(request.user, form.person_details()) if form.is_valid() else None
    return render(request, "cases/_duplicates.html", {"duplicates": duplicates, "live": True})


@login_required
def detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = case_scope(
        request.user,
        case_id,
        sections=(
            Section.IDENTITY,
            Section.LOCATION,
            Section.TRAFFICKING,
            Section.ACCESS_LOG,
            Section.CHILD_PROTECTION,
            *CONSENT_SECTIONS,
        ),
    )
    case, shown = scope.case, scope.sections
    followup = scope.followup()
    preference = scope.contact_preference()  # safety: the team's only
    # Whether a final review exists is part of the outcome reviews, which only the team opens.
    closing_review_known = not case.is_closed and scope.can_see(Section.SENSITIVE)
    today = timezone.localdate()
    # What the warning signs say about risk, for a person to confirm: only asked while the case
    # is open and not yet marked (one query), and only from the sections this user opens.
    at_risk_suggested_by = (
        []
        if case.at_risk or case.is_closed
        else [
            sign.label
            for signs in warning_signs_of(access.cases_visible_to(request.user).filter(pk=case.pk), today, request.user)
            for sign in signs.at_risk_suggested_by
        ]
    )
    latest_assessment = scope.assessments().order_by("-version").first()
    plan = scope.plan()
    suggested = suggested_status(
        case.status,
        assessed=latest_assessment is not None,
        plan_agreed=plan is not None and plan.agreed_on is not None,
        followup_started=followup is not None,
    )
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "suggested_status": suggested,
            "suggested_status_label": CaseStatus(suggested).label if suggested else "",
            "person": case.person if Section.IDENTITY in shown else None,
            # The current address: hidden on a high-risk case from all but its team.
            "show_location": Section.LOCATION in shown,
            "show_trafficking": Section.TRAFFICKING in shown,
            # The child-protection record, for a child or someone who came to the case as one.
            "child_case": Section.CHILD_PROTECTION in shown
            and (case.person.is_child_on(today) or case.person.is_child_on(case.opened_on)),
            "team": scope.team_members().order_by("user__last_name", "user__username"),
            "timeline": history.timeline_for(case),
            "viewers": history.viewers_of(case) if Section.ACCESS_LOG in shown else None,
            "status_form": StatusForm(initial={"to_status": ""}),
            "next_statuses": sorted(TRANSITIONS[case.status]),
            "closing_review_known": closing_review_known,
            "closing_review": scope.reviews().ready_for_closing(case) if closing_review_known else None,
            "can_edit_team": request.user.has_role(Role.SUPERVISOR),
            "supervises_case": acts_for_person(request.user, case),
            "latest_assessment": latest_assessment,
            "current_consents": scope.current_consents()
            .select_related("plan_action")
            .order_by("scope", "-decided_on")[:20],
            "today": today,
            "at_risk_suggested_by": at_risk_suggested_by,
            "followup": followup,
            "overdue": followup.is_overdue(today) if followup else False,
            "preference": preference,
            "preferred_channels": [Channel(c).label for c in preference.channels] if preference else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_person(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, write=True, sections=(Section.IDENTITY, Section.LOCATION))
    if Section.IDENTITY not in case.visible_sections:
        raise PermissionDenied
    with_location = Section.LOCATION in case.visible_sections
    form = PersonForm(
        request.POST or None,
        prefix="person",
        initial=PersonForm.initial_from(case.person, with_location=with_location),
        with_location=with_location,
    )
    if request.method == "POST" and form.is_valid():
        details = form.person_details()
        if not with_location:
            # Whoever may not see the address may not wipe it either: the stored one is kept.
            details.addresses = list(case.person.addresses)
        try:
            changed = actions.update_person(actor=request.user, case=case, details=details)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/edit.html", {"case": case, "form": form, "heading": _("Personal details")})


@login_required
@require_http_methods(["GET", "POST"])
def edit_case(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, write=True, sections=(Section.SUMMARY, Section.TRAFFICKING))
    form = CaseForm(request.POST or None, prefix="case", initial=CaseForm.initial_from(case))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_case(actor=request.user, case=case, details=form.case_details())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/edit.html", {"case": case, "form": form, "heading": _("Case details")})


@login_required
@require_http_methods(["GET", "POST"])
def edit_team(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """Supervisors decide who works on a case, and so who can open it."""
    if not request.user.has_role(Role.SUPERVISOR):
        raise Http404
    scope = case_scope(request.user, case_id, write=True)
    case = scope.case
    initial = {
        "supervisor": case.supervisor,
        "responsible": case.responsible,
        "team": [member.user for member in scope.team_members()],
    }
    form = TeamForm(request.POST or None, initial=initial, organisation_id=case.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_team(
                actor=request.user,
                case=case,
                supervisor=form.cleaned_data["supervisor"],
                team=list(form.cleaned_data["team"]),
                responsible=form.cleaned_data["responsible"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Team saved."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/edit.html", {"case": case, "form": form, "heading": _("Team")})


@login_required
@require_POST
def change_status(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.change_status(
                actor=request.user,
                case=case,
                to_status=form.cleaned_data["to_status"],
                closure_reason=form.cleaned_data["closure_reason"],
                reopening_reason=form.cleaned_data["reopening_reason"],
                requested_by=form.cleaned_data["requested_by"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Status changed."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def confirm_at_risk(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """A person confirms what the warning signs suggest. Those who may not change the case get 404."""
    case = access.get_case_for_user(request.user, case_id, write=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was changed: confirm that the case is at risk to mark it."))
    else:
        try:
            actions.confirm_at_risk(actor=request.user, case=case)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The case is marked as at risk."))
    if request.POST.get("back") == "supervision" and request.user.has_role(Role.SUPERVISOR):
        return redirect("supervision:supervision")
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def search(request: AuthenticatedRequest) -> HttpResponse:
    """Search is a POST so that names and phone numbers never appear in URLs or server logs."""
    _require_casework(request)
    user = request.user
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        kind, value = form.cleaned_data["kind"], form.cleaned_data["value"]
        if kind == SearchForm.Kind.NUMBER:
            found = access.find_by_number(user, value)
        elif kind == SearchForm.Kind.NAME:
            found = access.find_by_name_tokens(user, value)
        elif kind == SearchForm.Kind.PHONE:
            found = access.find_by_identifier(user, "phone", phone_key(value))
        else:
            found = access.find_by_identifier(user, "birth_date", form.cleaned_data["birth_date"].isoformat())
        results = list(found.for_case_list().order_by("-status_changed_at")[:SEARCH_LIMIT])
        with transaction.atomic():
            log.log_search(
                actor=user,
                action=AuditAction.SEARCH,
                terms={"kind": kind, "value": value, "shown": ",".join(str(c.pk) for c in results)},
                result_count=len(results),
            )
    return render(request, "cases/search.html", {"form": form, "results": results})


@login_required
@require_http_methods(["GET", "POST"])
def emergency_access(request: AuthenticatedRequest) -> HttpResponse:
    """Break-the-glass: a case of one's organisation whose team one is not on, opened for a few
    hours with a reason, its supervisor told at once (actions.open_in_emergency)."""
    _require_casework(request)
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_in_emergency(
                actor=request.user,
                number=form.cleaned_data["case_number"],
                reason=form.cleaned_data["emergency_reason"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.warning(
                request,
                _("You may open this case for %(hours)d hours. Its supervisor has been told.")
                % {"hours": actions.EMERGENCY_ACCESS_HOURS},
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/emergency_access.html", {"form": form, "hours": actions.EMERGENCY_ACCESS_HOURS})
