from __future__ import annotations

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
from reintegra.cases.models import CaseTeamMember
from reintegra.core.flow import apply_form
from reintegra.core.http import AuthenticatedRequest
from reintegra.core.links import link_by_id
from reintegra.supervision import actions, queries
from reintegra.supervision.forms import NoteForm

PAGE_SIZE = 50


@login_required
def supervision(request: AuthenticatedRequest) -> HttpResponse:
    """The cases a case manager supervises, with what is slipping first."""
    user = request.user
    if not user.has_role(Role.CASE_MANAGER):
        raise Http404
    today = timezone.localdate()
    show_all = request.GET.get("show") == "all"
    supervised = case_access.cases_managed_by(user).open()
    signs = queries.warning_signs_of(supervised, today)
    slipping = [case for case in signs if case.slipping]
    listed = sorted(signs if show_all else slipping, key=lambda case: case.order)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    signs_by_id = {case.pk: case for case in page.object_list}
    loaded = queries.with_last_dates(supervised.filter(pk__in=signs_by_id)).for_supervision_list().in_bulk()
    # Shown in the order decided above; a case closed in between simply drops out of this page.
    teams = CaseTeamMember.names_by_case(loaded)
    rows = [
        (loaded[pk], signs, teams.get(pk, ""), link_by_id("supervision:notes", pk))
        for pk, signs in signs_by_id.items()
        if pk in loaded
    ]
    case_access.log_list_view(user, [case for case, *_columns in rows], action=AuditAction.SUPERVISION)
    return render(
        request,
        "supervision/supervision.html",
        {"page": page, "rows": rows, "show_all": show_all, "slipping_count": len(slipping)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notes(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    scope = case_scope(request.user, case_id, write=request.method == "POST", action=AuditAction.VIEW_SUPERVISION)
    case = scope.case
    form = NoteForm(request.POST or None, initial={"written_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_role(Role.CASE_MANAGER):
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
            "form": form if request.user.has_role(Role.CASE_MANAGER) else None,
        },
    )
