from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.access.scope import case_scope
from reintegra.accounts.models import Role
from reintegra.audit.models import AuditAction
from reintegra.cases import access as case_access
from reintegra.cases.models import Case, CaseTeamMember
from reintegra.core.flow import apply_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.links import link_by_id
from reintegra.supervision import actions, queries
from reintegra.supervision.forms import NoteForm

PAGE_SIZE = 50
# What the default view shows: the most urgent cases, few enough to act on this week.
TOP = 10
# ?show=: the most urgent (default), every case that needs action, every open case.
SHOW_MODES = ("top", "action", "all")
# Emergency openings of one's cases are listed for this long: long enough to be talked over in
# the next supervision meeting.
EMERGENCY_SHOWN_FOR = timedelta(days=30)


@login_required
def supervision(request: AuthenticatedRequest) -> HttpResponse:
    """The cases a supervisor supervises, the most urgent first, each with why it is listed."""
    user = request.user
    if not user.has_role(Role.SUPERVISOR):
        raise Http404
    today = timezone.localdate()
    show = request.GET.get("show")
    show = show if show in SHOW_MODES else "top"
    supervised = case_access.cases_supervised_by(user).open()
    signs = queries.warning_signs_of(supervised, today, user)
    needing_action = sorted((case for case in signs if case.needs_action), key=lambda case: case.order)
    if show == "all":
        listed = sorted(signs, key=lambda case: case.order)
    else:
        listed = needing_action if show == "action" else needing_action[:TOP]
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    signs_by_id = {case.pk: case for case in page.object_list}
    loaded = queries.with_last_dates(supervised.filter(pk__in=signs_by_id)).for_supervision_list().in_bulk()
    # Labels translated once per request, not once per row.
    labels = {code: str(sign.label) for code, sign in queries.SIGNS.items()}
    # Shown in the order decided above; a case closed in between simply drops out of this page.
    teams = CaseTeamMember.names_by_case(loaded)
    rows = [
        SupervisionRow(
            case=loaded[pk],
            signs=signs,
            reasons=[(labels[sign.code], sign.action) for sign in signs.reasons],
            suggested_at_risk=", ".join(labels[sign.code] for sign in signs.at_risk_suggested_by),
            team=teams.get(pk, ""),
            notes_url=link_by_id("supervision:notes", pk),
            at_risk_url=link_by_id("cases:confirm_at_risk", pk),
        )
        for pk, signs in signs_by_id.items()
        if pk in loaded
    ]
    case_access.log_list_view(user, [row.case for row in rows], action=AuditAction.SUPERVISION)
    emergency = list(case_access.emergency_openings_for(user, timezone.now() - EMERGENCY_SHOWN_FOR)[:50])
    return render(
        request,
        "supervision/supervision.html",
        {
            "page": page,
            "rows": rows,
            "show": show,
            "action_count": len(needing_action),
            "open_count": len(signs),
            "top": TOP,
            "emergency": emergency,
            "emergency_days": EMERGENCY_SHOWN_FOR.days,
        },
    )


@dataclass(frozen=True)
class SupervisionRow:
    case: Case
    signs: queries.CaseSigns
    reasons: list[tuple[str, bool]]  # (label, needs action)
    suggested_at_risk: str  # the labels of the signs suggesting it, or empty
    team: str
    notes_url: str
    at_risk_url: str


@login_required
@require_http_methods(["GET", "POST"])
def notes(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = case_scope(request.user, case_id, write=request.method == "POST", action=AuditAction.VIEW_SUPERVISION)
    case = scope.case
    form = NoteForm(request.POST or None, initial={"written_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_role(Role.SUPERVISOR):
            raise Http404
        if apply_form(
            request, form, lambda data: actions.add_note(actor=request.user, case=case, **data), _("Note saved.")
        ):
            return redirect("supervision:notes", case_id=case.pk)
    return render(
        request,
        "supervision/notes.html",
        {
            "case": case,
            "notes": scope.supervision_notes().select_related("by")[:50],
            "form": form if request.user.has_role(Role.SUPERVISOR) else None,
        },
    )
